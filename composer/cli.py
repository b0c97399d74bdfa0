"""The command line: check | import | carry-forward | render | summarize | compare, thin over the core.

Exit codes: 0 success (check: no errors), 1 check found errors, 2 unreadable input or
a failed command — always with a Chinese message on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn

from . import APP_NAME, __version__, logs, schema
from .errors import ComposerError
from .fileio import os_error_message
from .filetypes import REPORT_SUFFIXES, is_openable
from .opening import open_any
from .report import Report
from .rules.finding import Finding

_log = logging.getLogger(__name__)
VERBS = ("check", "import", "carry-forward", "render", "summarize", "compare")
EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        return super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


# argparse's own messages are English: the ones a user meets, in Chinese.
_ARGPARSE_MESSAGES = (
    (re.compile(r"the following arguments are required: (.+)"), "缺少参数：{0}"),
    (re.compile(r"unrecognized arguments: (.+)"), "不认识的参数：{0}"),
    (re.compile(r"argument (\S+): invalid choice: '([^']*)'.*"), "不认识的命令“{1}”"),
    (re.compile(r"argument (\S+): expected one argument"), "{0} 后面缺少值"),
    (re.compile(r"ambiguous option: (\S+).*"), "选项 {0} 不明确"),
)


def _chinese(message: str) -> str:
    for pattern, text in _ARGPARSE_MESSAGES:
        m = pattern.fullmatch(message)
        if m:
            return text.format(*m.groups())
    return message


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"命令行参数有误：{_chinese(message)}。查看帮助：python -m composer --help\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m composer", description=f"{APP_NAME}：政府信息公开工作年度报告的编制与校验。"
                "不带参数运行打开图形界面。")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                   help="显示版本号并退出")
    p.add_argument("--verbose", action="store_true", help="把运行日志也输出到标准错误（排查问题用）")
    sub = p.add_subparsers(dest="verb", title="命令", parser_class=_Parser)

    c = sub.add_parser("check", help="校验报告的勾稽关系和常见错误",
                       description="校验一份或多份报告（报告 JSON、项目文件或可导入的文档）。")
    c.add_argument("files", nargs="+", metavar="文件", help="要校验的报告；也可以是文件夹（校验其中所有报告）或 *.docx 这样的通配符")
    c.add_argument("--previous", metavar="上年报告", help="上年报告，用于核对上年结转等")
    c.add_argument("--json", action="store_true", help="以 JSON 输出校验结果")
    c.add_argument("--list", metavar="问题清单.xlsx", help="另存问题清单（.xlsx、.csv 或 .html），可发给各单位")

    s = sub.add_parser("summarize", help="汇总文件夹中各单位报告的表格数字（县级政务公开办用）",
                       description="把文件夹（含子文件夹）中所有报告的表二、表三、表四逐格相加。"
                       "任一单位留空的单元格，合计也留空，并列出留空的单位。")
    s.add_argument("folder", metavar="文件夹")
    s.add_argument("-o", "--output", required=True, metavar="汇总.xlsx|.json|.docx|.html")
    s.add_argument("--region", metavar="地区名称", help="汇总报告中的地区名称（默认用文件夹名）")
    s.add_argument("--blank-as-zero", action="store_true", help="空白单元格按 0 计入合计（输出中会注明）")

    m = sub.add_parser("compare", help="本年报告与上年报告逐格、逐部分对比",
                       description="对比两份报告：表格每个单元格的增减、各部分正文沿用上年文字的比例和改动、公开率等指标。")
    m.add_argument("last", metavar="上年报告")
    m.add_argument("this", metavar="本年报告")
    m.add_argument("-o", "--output", required=True, metavar="对比.html|.xlsx|.docx")

    i = sub.add_parser("import", help="把已发布的报告（DOCX、网页、PDF、文本）读成报告 JSON")
    i.add_argument("input", metavar="输入文件")
    i.add_argument("-o", "--output", required=True, metavar="输出.json")

    f = sub.add_parser("carry-forward", help="由上年报告生成本年度报告草稿")
    f.add_argument("input", metavar="上年报告")
    f.add_argument("-o", "--output", required=True, metavar="草稿.json")

    r = sub.add_parser("render", help="生成 Word、网页或 PDF 版报告")
    r.add_argument("input", metavar="报告")
    r.add_argument("-o", "--output", required=True, metavar="输出.docx|.html|.pdf")
    r.add_argument("--template", metavar="模板.docx", help="自定义 Word 模板")
    r.add_argument("--blank-as-zero", action="store_true", help="空白单元格印为 0（默认留空，校验会提醒）")
    return p


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _load(path: str) -> tuple[Report, list[str]]:
    opened = open_any(path)
    return opened.project.report, opened.notes


def _load_telling_notes(path: str) -> Report:
    """The report, with what the import could not read for sure on stderr."""
    report, notes = _load(path)
    for note in notes:
        _err(f"提示：{note}")
    return report


# ---------------------------------------------------------------- check

_GROUPS = (*((f"tables.{s.table}.", f"表{s.number} {s.title}") for s in schema.SECTIONS if s.table),
           ("fee_notices.", "信息处理费"), ("", "基本信息与正文"))


def _group_of(path: str) -> str:
    return next(title for prefix, title in _GROUPS if path.startswith(prefix))


def _group_rank(finding: Finding) -> int:
    title = _group_of(finding.cells[0] if finding.cells else "")
    return next(i for i, (_, t) in enumerate(_GROUPS) if t == title)


def _describe(year: int | None, organ: str) -> str:
    return f"{f'{year}年' if year is not None else '年度未填'} {organ or '机关名称未填'}"


def _expand(arguments: list[str]) -> list[str]:
    """Files to check: a folder gives every report file in it, a wildcard pattern its matches
    (Windows' command prompt passes "*.docx" on unexpanded)."""
    def report_file(p: Path) -> bool:
        return p.is_file() and is_openable(p)

    out: list[str] = []
    for arg in arguments:
        path = Path(arg)
        if path.is_dir():
            out += sorted(str(p) for p in path.rglob("*") if report_file(p))
        elif not path.exists() and any(ch in arg for ch in "*?["):
            pattern = str(path.relative_to(path.anchor)) if path.anchor else arg
            matches = sorted(str(p) for p in Path(path.anchor or ".").glob(pattern) if report_file(p))
            out += matches or [arg]  # no match: reported as unreadable below
        else:
            out.append(arg)
    return out


def _cmd_check(args: argparse.Namespace) -> int:
    from .county.batch import check_paths
    from .rules import RULE_NAMES, SEVERITY_NAMES

    previous = None
    if args.previous:
        try:
            previous, _ = _load(args.previous)
        except ComposerError as err:
            _err(f"无法读取上年报告：{err}")
            return EXIT_UNREADABLE
    if args.list:
        _check_list_suffix(args.list)
    status = EXIT_OK
    results: list[dict[str, Any]] = []
    root = args.files[0] if len(args.files) == 1 and Path(args.files[0]).is_dir() else ""
    args.files = _expand(args.files)
    batch = check_paths(args.files, root=root, previous=previous, progress=_progress_line())  # parallel for many
    for unit in batch.units:
        path = unit.path
        if unit.error is not None:
            _err(f"无法读取：{path}：{unit.error}")
            status = EXIT_UNREADABLE
            results.append({"file": path, "error": unit.error})
            continue
        if unit.replaced_previous:
            _err(f"提示：{path} 中已保存上年数据，本次改用 --previous 指定的上年报告核对")
        findings, explained = unit.findings, unit.dismissed  # explained: listed with the reason
        errors, warnings = unit.errors, unit.warnings
        if errors and status == EXIT_OK:
            status = EXIT_ERRORS
        results.append({"file": path, "year": unit.year, "organ": unit.organ,
                        "errors": errors, "warnings": warnings, "notes": unit.notes,
                        "findings": findings,
                        "dismissed": [{**f.to_json(), "reason": reason} for f, reason in explained]})
        if not args.json:
            print(f"{path}（{_describe(unit.year, unit.organ)}）")
            for note in unit.notes:
                print(f"  导入提示：{note}")
            last_group = None
            for f in sorted(findings, key=_group_rank):  # stable: errors stay first in each group
                group = _group_of(f.cells[0] if f.cells else "")
                if group != last_group:
                    print(f"  {group}")
                    last_group = group
                print(f"    {SEVERITY_NAMES[f.severity]} [{f.rule} {RULE_NAMES[f.rule]}] {f.message}")
            if explained:
                print("  已说明理由而忽略的提醒")
                for f, reason in explained:
                    print(f"    [{f.rule}] {f.message}\n      理由：{reason}")
            print(f"  共 {errors} 个错误，{warnings} 个提醒"
                  f"{f'（另有 {len(explained)} 个提醒已说明理由）' if explained else ''}\n")
    if args.json:
        all_findings = []
        for r in results:
            for f in r.get("findings", []):
                all_findings.append({**f.to_json(), "file": r["file"]})
            if "findings" in r:
                r["findings"] = [f.to_json() for f in r["findings"]]
        print(json.dumps({"findings": all_findings, "files": results}, ensure_ascii=False, indent=1))
    elif len(args.files) > 1:
        bad = sum(1 for r in results if r.get("errors"))
        print(f"共校验 {len(args.files)} 份，{bad} 份有错误，"
              f"{sum(1 for r in results if 'error' in r)} 份无法读取")
    if args.list:
        from .county.issue_list import write_issue_list

        write_issue_list(batch.units, args.list)
        _err(f"问题清单已保存：{args.list}")
    return status


def _progress_line() -> Callable[[int, int, Any], None] | None:
    """"已检查 n / N" on one console line, for a long batch; nothing when stderr is not a console."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, _unit: Any) -> None:
        if total >= 20:
            end = "\n" if done == total else ""
            print(f"\r已检查 {done} / {total}", end=end, file=sys.stderr, flush=True)

    return show


def _check_list_suffix(path: str) -> None:
    from .county.issue_list import FORMATS
    from .county.outputs import output_suffix

    output_suffix(path, FORMATS, "问题清单")  # before any file is read


# ---------------------------------------------------------------- summarize, compare (county office)


def _cmd_summarize(args: argparse.Namespace) -> int:
    from .county.batch import check_folder
    from .county.outputs import output_suffix
    from .county.summary import FORMATS, summarize_batch, write_summary

    output_suffix(args.output, FORMATS, "汇总")  # before any file is read
    batch = check_folder(args.folder)
    for unit in batch.units:
        if unit.error is not None:
            _err(f"无法读取（未计入汇总）：{unit.path}：{unit.error}")
    summary = summarize_batch(batch, args.region, blank_as_zero=args.blank_as_zero)
    write_summary(summary, args.output)
    blanks = len(summary.blanks)
    print(f"已汇总 {summary.region} {len(summary.units)} 个单位的报告 → {args.output}")
    print(f"  {summary.blank_rule}" + (f"（{blanks} 个单元格有单位留空）" if blanks else ""))
    if summary.other_years:
        _err(f"提示：以下单位的年度不是 {summary.year} 年：{'、'.join(summary.other_years)}")
    return EXIT_OK


def _cmd_compare(args: argparse.Namespace) -> int:
    from .county.compare import FORMATS, compare, write_comparison
    from .county.outputs import output_suffix

    output_suffix(args.output, FORMATS, "对比结果")  # before any file is read
    last = _load_telling_notes(args.last)
    this = _load_telling_notes(args.this)
    comparison = compare(last, this)
    for caution in comparison.cautions:
        _err(f"提示：{caution}")
    write_comparison(comparison, args.output)
    print(f"已对比 {_describe(last.year, last.organ)} 与 {_describe(this.year, this.organ)}"
          f"（{len(comparison.changed_cells())} 个单元格有变化）→ {args.output}")
    return EXIT_OK


# ---------------------------------------------------------------- import, carry-forward, render


def _save(report: Report, output: str) -> None:
    from .report import save_report

    if Path(output).suffix.lower() not in REPORT_SUFFIXES:
        raise ComposerError(f"输出文件应以 {' 或 '.join(REPORT_SUFFIXES)} 结尾（报告 JSON）；"
                            "生成 Word、网页或 PDF 请用 render 命令", source=output)
    try:
        save_report(report, output)
    except OSError as err:
        raise ComposerError(f"无法写入文件（{os_error_message(err)}）", source=output) from None


def _cmd_import(args: argparse.Namespace) -> int:
    report = _load_telling_notes(args.input)
    _save(report, args.output)
    print(f"已导入 {_describe(report.year, report.organ)} → {args.output}")
    return EXIT_OK


def _cmd_carry_forward(args: argparse.Namespace) -> int:
    from .importers.carry_forward import carry_forward

    last = _load_telling_notes(args.input)
    draft = carry_forward(last)
    _save(draft, args.output)
    print(f"已由 {_describe(last.year, last.organ)} 生成 {draft.year} 年度草稿 → {args.output}")
    return EXIT_OK


def _cmd_render(args: argparse.Namespace) -> int:
    from .render import render

    report = _load_telling_notes(args.input)
    render(report, Path(args.output), template=Path(args.template) if args.template else None,
           blank_as_zero=args.blank_as_zero)
    print(f"已生成 {args.output}")
    return EXIT_OK


_COMMANDS = {"check": _cmd_check, "import": _cmd_import, "carry-forward": _cmd_carry_forward,
             "render": _cmd_render, "summarize": _cmd_summarize, "compare": _cmd_compare}


def run(argv: list[str]) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")  # a GBK console must not crash on a rare character
    args = _parser().parse_args(argv)
    logs.setup(verbose=args.verbose)
    if args.verb is None:
        _parser().print_help()
        return EXIT_OK
    try:
        return _COMMANDS[args.verb](args)
    except ComposerError as err:
        _log.info("command failed: %s", err, exc_info=True)
        _err(f"错误：{err}")
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        _err("已中断")
        return EXIT_UNREADABLE
    except MemoryError:
        _log.warning("out of memory", exc_info=True)
        _err("错误：文件过大，内存不足")
        return EXIT_UNREADABLE

