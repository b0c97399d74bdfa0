"""The command line as a user runs it: a real process, its exit code, stdout and stderr."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from composer import __version__
from composer.report import save_report
from tests.factories import SAMPLE_NAMES, SAMPLES, sample_report

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "composer", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd or ROOT, timeout=120)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_check_json_on_samples_has_no_errors(name):
    proc = run("check", "--json", SAMPLES / f"{name}.expected.json")
    assert proc.returncode == 0, proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    assert [f for f in findings if f["severity"] == "error"] == []
    assert all({"rule", "severity", "cells", "message", "file"} <= f.keys() for f in findings)


def test_check_reports_errors_in_chinese_grouped_by_table(tmp_path):
    report = sample_report("xingfu-2023")
    report.cells["tables.requests.new.natural"] = 2
    save_report(report, tmp_path / "bad.json")
    proc = run("check", tmp_path / "bad.json")
    assert proc.returncode == 1
    assert "表三 收到和处理政府信息公开申请情况" in proc.stdout
    assert "错误 [T3.ROW 表三 行合计] 表三 一、本年新收政府信息公开申请数量 · 总计：应为 2（自然人2），填报为 1，相差1" in proc.stdout
    assert "共 2 个错误，5 个提醒" in proc.stdout  # the row sum and the 自然人 column balance


def test_several_files_in_one_call_and_previous(tmp_path):
    this = sample_report("xingfu-2023")
    this.cells["tables.requests.carried_over.natural"] = 0
    save_report(this, tmp_path / "this.json")
    last = sample_report("qingshankou-2022")
    last.cells["tables.requests.carried_forward.natural"] = 3
    save_report(last, tmp_path / "last.json")
    proc = run("check", "--json", "--previous", tmp_path / "last.json", tmp_path / "this.json",
               SAMPLES / "huashu-2023.expected.json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert [f["file"] for f in out["files"]] == [str(tmp_path / "this.json"), str(SAMPLES / "huashu-2023.expected.json")]
    carry = [f for f in out["findings"] if f["rule"] == "X.CARRY"]
    assert carry and carry[0]["cells"] == ["tables.requests.carried_over.natural"]
    assert carry[0]["file"] == str(tmp_path / "this.json")


@pytest.mark.parametrize("content,fragment", [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "UTF-8"),
    (b'{"format": "gov-info-disclosure-annual-report", "version": 1, "tables": {"act', "不是有效的 JSON"),
    (b'{"format": "gov-info-disclosure-annual-report", "version": 99, "tables": {}}', "请升级"),
])
def test_unreadable_input_exits_2_with_chinese_and_no_traceback(tmp_path, content, fragment):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    proc = run("check", path)
    assert proc.returncode == 2
    assert fragment in proc.stderr and "Traceback" not in proc.stderr


def test_one_unreadable_file_does_not_stop_the_others(tmp_path):
    proc = run("check", tmp_path / "missing.json", SAMPLES / "xingfu-2023.expected.json")
    assert proc.returncode == 2
    assert "文件不存在" in proc.stderr and "幸福乡" in proc.stdout


def test_version_and_bad_arguments():
    assert run("--version").stdout.strip() == f"年报编制器 {__version__}"
    bad = run("check")
    assert bad.returncode == 2 and "命令行参数有误" in bad.stderr and "Traceback" not in bad.stderr


def test_render_from_any_importable_file(tmp_path):
    out = tmp_path / "报告.docx"
    proc = run("render", SAMPLES / "xingfu-2023.docx", "-o", out, "--blank-as-zero")
    assert proc.returncode == 0, proc.stderr
    from composer.importers import import_file

    again = import_file(out).report
    assert again.cells["tables.active.coercion"] == 0  # printed as 0 on request
    assert again.cells["tables.requests.new.total"] == 1
    html = tmp_path / "报告.html"
    assert run("render", SAMPLES / "xingfu-2023.expected.json", "-o", html).returncode == 0
    assert "幸福乡" in html.read_text("utf-8")


def test_render_failures_exit_2_and_write_nothing(tmp_path):
    bad_template = tmp_path / "模板.docx"
    bad_template.write_bytes(b"not a zip")
    out = tmp_path / "out.docx"
    proc = run("render", SAMPLES / "xingfu-2023.expected.json", "-o", out, "--template", bad_template)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.strip()
    unknown = run("render", SAMPLES / "xingfu-2023.expected.json", "-o", tmp_path / "out.xlsx")
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr
    assert list(tmp_path.iterdir()) == [bad_template]


def test_check_lists_warnings_dismissed_in_a_project_file_with_their_reason(tmp_path):
    from composer.project import Project, ProjectState, save_project
    from composer.rules import check

    report = sample_report("xingfu-2023")
    blank = next(f for f in check(report) if f.rule == "V.BLANK")
    project = Project(report, ProjectState(dismissed={blank.key: "本乡无行政强制职权，按上级要求留空"}))
    save_project(project, tmp_path / "幸福乡.nianbao")
    proc = run("check", tmp_path / "幸福乡.nianbao")
    assert proc.returncode == 0, proc.stderr
    assert "理由：本乡无行政强制职权，按上级要求留空" in proc.stdout
    assert "共 0 个错误，4 个提醒（另有 1 个提醒已说明理由）" in proc.stdout
    out = json.loads(run("check", "--json", tmp_path / "幸福乡.nianbao").stdout)
    assert [f["rule"] for f in out["files"][0]["dismissed"]] == ["V.BLANK"]
    assert "V.BLANK" not in [f["rule"] for f in out["findings"]]


def test_usage_errors_are_in_chinese():
    missing = run("import", SAMPLES / "xingfu-2023.docx")
    assert missing.returncode == 2 and "缺少参数：-o/--output" in missing.stderr
    assert "用法：用法：" not in missing.stderr and "the following" not in missing.stderr
    typo = run("chek", SAMPLES / "xingfu-2023.docx")
    assert typo.returncode == 2 and "既不是命令" in typo.stderr


def test_import_writes_report_json_only(tmp_path):
    proc = run("import", SAMPLES / "xingfu-2023.docx", "-o", tmp_path / "out.docx")
    assert proc.returncode == 2 and "render" in proc.stderr
    assert not (tmp_path / "out.docx").exists()


def test_check_a_folder_or_a_wildcard_as_a_county_office_does(tmp_path):
    import shutil

    for name in SAMPLE_NAMES:
        shutil.copy(SAMPLES / f"{name}.docx", tmp_path / f"{name}.docx")
    (tmp_path / "~$xingfu-2023.docx").write_bytes(b"Word lock file")  # left by an open Word
    (tmp_path / "说明.txt.bak").write_text("not a report", "utf-8")
    by_folder = json.loads(run("check", "--json", tmp_path).stdout)
    assert sorted(Path(f["file"]).name for f in by_folder["files"]) == sorted(f"{n}.docx" for n in SAMPLE_NAMES)
    by_pattern = run("check", str(tmp_path / "*.docx"))  # as cmd.exe passes it, unexpanded
    assert by_pattern.returncode == 0, by_pattern.stderr
    assert "共校验 3 份，0 份有错误，0 份无法读取" in by_pattern.stdout
    nothing = run("check", str(tmp_path / "*.pdf"))
    assert nothing.returncode == 2 and "文件不存在" in nothing.stderr


# ---------------------------------------------------------------- the county office: --list, summarize, compare


def test_check_folder_writes_the_issue_list(tmp_path):
    from openpyxl import load_workbook

    from composer.rules import check
    from tests.county.folder import BROKEN, UNREADABLE, make_folder

    folder = tmp_path / "南关区"
    folder.mkdir()
    units = make_folder(folder, docx=False)
    proc = run("check", folder, "--list", tmp_path / "问题清单.xlsx")
    assert proc.returncode == 2, proc.stderr  # one file could not be read
    assert f"无法读取：{folder / UNREADABLE}" in proc.stderr and "问题清单已保存" in proc.stderr
    wb = load_workbook(tmp_path / "问题清单.xlsx")
    rows = list(wb["全部问题"].iter_rows(min_row=2, values_only=True))
    assert [r[4] for r in rows if r[0] == units[BROKEN].organ] == [f.message for f in check(units[BROKEN])]
    assert [r[1] for r in rows if r[3] == UNREADABLE] == ["无法读取"]
    overview = {r[2]: r for r in wb["概况"].iter_rows(min_row=2, values_only=True)}
    assert overview[BROKEN][1] == "东区" and overview[BROKEN][6] == "需修改"

    csv_proc = run("check", folder / "东区", "--list", tmp_path / "东区.csv")
    assert csv_proc.returncode == 1 and (tmp_path / "东区.csv").read_text("utf-8-sig").startswith("单位,类别,规则")
    wrong = run("check", folder, "--list", tmp_path / "问题清单.doc")
    assert wrong.returncode == 2 and "问题清单应保存为" in wrong.stderr and not (tmp_path / "问题清单.doc").exists()


def test_summarize_a_folder(tmp_path):
    from composer.report import load_report
    from tests.county.folder import make_folder

    folder = tmp_path / "南关区"
    folder.mkdir()
    units = make_folder(folder, docx=False)
    proc = run("summarize", folder, "-o", tmp_path / "汇总.json")
    assert proc.returncode == 0, proc.stderr
    assert "已汇总 南关区 4 个单位" in proc.stdout and "空白不按 0 计" in proc.stdout
    assert "无法读取（未计入汇总）" in proc.stderr
    total = load_report(tmp_path / "汇总.json")
    assert total.organ == "南关区（汇总）" and total.year == 2023
    assert total.cells["tables.requests.new.natural"] is None
    zero = run("summarize", folder, "-o", tmp_path / "汇总0.json", "--blank-as-zero", "--region", "南关")
    assert zero.returncode == 0 and "按 0 计入合计" in zero.stdout
    total0 = load_report(tmp_path / "汇总0.json")
    assert total0.organ == "南关（汇总）"
    assert total0.cells["tables.requests.new.natural"] == sum(
        r.cells["tables.requests.new.natural"] or 0 for r in units.values())


def test_summarize_refuses_a_wrong_output_or_folder(tmp_path):
    wrong = run("summarize", SAMPLES, "-o", tmp_path / "汇总.pdf")
    assert wrong.returncode == 2 and "汇总应保存为" in wrong.stderr
    missing = run("summarize", tmp_path / "没有", "-o", tmp_path / "x.json")
    assert missing.returncode == 2 and "不是文件夹" in missing.stderr and not (tmp_path / "x.json").exists()


def test_compare_two_reports(tmp_path):
    proc = run("compare", SAMPLES / "qingshankou-2022.expected.json", SAMPLES / "huashu-2023.expected.json",
               "-o", tmp_path / "对比.html")
    assert proc.returncode == 0, proc.stderr
    assert "已对比 2022年 青山口乡人民政府 与 2023年 临江市桦树镇人民政府" in proc.stdout
    html = (tmp_path / "对比.html").read_text("utf-8")
    assert html.count("<svg") == 2 and "公开率" in html
    bad = run("compare", SAMPLES / "qingshankou-2022.expected.json", tmp_path / "missing.json", "-o",
              tmp_path / "x.html")
    assert bad.returncode == 2 and not (tmp_path / "x.html").exists()
