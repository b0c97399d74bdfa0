"""Rows of table 三 whose label is misprinted, merged label cells, the 2019 single row
"（六）其他处理": built from the browser-copy sample (one row per line)."""

from __future__ import annotations

import pytest

from composer import schema
from composer.importers import import_file
from composer.rules import check
from tests.factories import SAMPLES, sample_report

EXPECTED = sample_report("xingfu-2023")
WEBCOPY = (SAMPLES / "xingfu-2023.webcopy.txt").read_text(encoding="utf-8")
OTHER_ROWS = ("results.other.no_correction", "results.other.no_fee", "results.other.other")


def imported(tmp_path, text: str):
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    return import_file(path)


def replace_line(text: str, containing: str, new: str | None) -> str:
    lines = text.split("\n")
    hits = [i for i, line in enumerate(lines) if containing in line]
    assert len(hits) == 1, containing
    if new is None:
        del lines[hits[0]]
    else:
        lines[hits[0]] = new
    return "\n".join(lines)


def relabel(text: str, old: str, new: str) -> str:
    line = next(x for x in text.split("\n") if old in x)
    return replace_line(text, old, line.replace(old, new))


def row_paths(key: str) -> list[str]:
    return [schema.requests_path(key, c.key) for c in schema.REQUESTS_COLUMNS]


def differing(report, allowed=()) -> dict:
    return {p: report.cells[p] for p in schema.CELL_PATHS
            if report.cells[p] != EXPECTED.cells[p] and p not in allowed}


def test_a_misprinted_label_between_two_recognised_rows_is_read_by_position(tmp_path):
    text = relabel(WEBCOPY, "2. 其他法律行政法规禁止公开", "2. 其他法律行政止公开")
    result = imported(tmp_path, text)
    assert differing(result.report) == {}
    assert result.notes == ["表三 三（三）2.其他法律行政法规禁止公开：行标签印作“2. 其他法律行政止公开”，与规定格式不符；"
                            "按其位置（三（三）1.属于国家秘密与三（三）3.危及“三安全一稳定”之间）读取，请核对"]


def test_two_misprinted_labels_in_a_row_are_read_by_position(tmp_path):
    text = relabel(WEBCOPY, "2. 其他法律行政法规禁止公开", "2. 其他法律行政止公开")
    text = relabel(text, "3. 危及“三安全一稳定”", "3. 危害稳定")
    result = imported(tmp_path, text)
    assert differing(result.report) == {}
    assert len(result.notes) == 2 and all("按其位置" in n for n in result.notes)


@pytest.mark.parametrize(("change", "why"), [
    (lambda t: relabel(t, "2. 其他法律行政法规禁止公开", "5. 其他法律行政止公开"), "its number says another row"),
    (lambda t: replace_line(relabel(t, "2. 其他法律行政法规禁止公开", "2. 其他法律行政止公开"),
                            "3. 危及“三安全一稳定”", None), "two rows missing, one unreadable"),
    (lambda t: relabel(t, "四、结转下年度继续办理", "四、结转下年度x"), "no recognised row after it"),
])
def test_an_uncertain_place_leaves_the_row_blank_with_a_note(tmp_path, change, why):
    result = imported(tmp_path, change(WEBCOPY))
    notes = " ".join(result.notes)
    assert "无法识别" in notes, why
    assert "按其位置" not in notes, why
    blank = [p for p in schema.CELL_PATHS if result.report.cells[p] is None and EXPECTED.cells[p] is not None]
    assert blank, why  # the row is blank, never guessed
    assert all(f"表三 {schema.CELL_BY_PATH[p].row_name}" in notes or schema.CELL_BY_PATH[p].row_name in notes
               or any(schema.REQUESTS_ROW_BY_KEY[schema.CELL_BY_PATH[p].row].short in n for n in result.notes)
               for p in blank), result.notes
    assert differing(result.report, allowed=blank) == {}


def test_empty_places_of_a_merged_label_are_never_values(tmp_path):
    text = relabel(WEBCOPY, "(七) 总计\t", "(七) 总计\t\t\t")  # '（七）总计', '', '' then seven numbers
    result = imported(tmp_path, text)
    assert differing(result.report) == {}
    assert result.notes == []


def test_a_number_too_many_still_blanks_the_row_with_a_note(tmp_path):
    text = relabel(WEBCOPY, "(七) 总计\t", "(七) 总计\t5\t")
    result = imported(tmp_path, text)
    assert all(result.report.cells[p] is None for p in row_paths("results.total"))
    assert result.notes == ["表三 三（七）总计：识别到8个数，应为7个，该行已留空"]


def test_the_2019_single_other_row_is_reported_as_the_old_format(tmp_path):
    text = WEBCOPY
    for label in ("1. 申请人无正当理由逾期不补正", "2. 申请人逾期未按收费通知要求缴纳费用"):
        text = replace_line(text, label, None)
    text = replace_line(text, "\t3. 其他\t", "\t(六) 其他处理\t0\t0\t0\t0\t0\t0\t0")
    result = imported(tmp_path, text)
    old = [p for key in OTHER_ROWS for p in row_paths(key)]
    assert all(result.report.cells[p] is None for p in old)
    assert differing(result.report, allowed=old) == {}
    assert sorted(result.report.old_format_cells) == sorted(old)
    assert len(result.notes) == 1 and "2019年旧版" in result.notes[0] and "空白" not in result.notes[0]
    findings = check(result.report)
    assert [(f.rule, f.cells) for f in findings] == [("F.OLDFORMAT", tuple(old)),
                                                     ("V.BLANK", ("tables.active.coercion",))]  # blank in print
    assert "旧版" in findings[0].message and "空白" not in findings[0].message


def test_without_the_old_format_mark_the_same_cells_are_blank_cells(tmp_path):
    report = EXPECTED.copy()
    for key in OTHER_ROWS:
        for p in row_paths(key):
            report.cells[p] = None
    blanks = [f.cells for f in check(report) if f.rule in ("V.BLANK", "F.OLDFORMAT")]
    assert blanks == [("tables.active.coercion",)] + [tuple(row_paths(key)) for key in OTHER_ROWS]


def test_a_whole_2019_format_report_marks_every_cell_old_format():
    result = import_file(SAMPLES.parent / "import" / "old-format-2019.txt")
    report = result.report
    assert all(v is None for v in report.cells.values())
    assert sorted(report.old_format_cells) == sorted(schema.CELL_PATHS)
    findings = check(report)
    assert not any(f.rule == "V.BLANK" for f in findings)
    [old] = [f for f in findings if f.rule == "F.OLDFORMAT"]
    assert len(old.cells) == len(schema.CELL_PATHS) and "旧版" in old.message


def test_a_label_only_other_row_is_not_the_old_format(tmp_path):
    """"（六）其他处理" on a line of its own, its three rows below: the 2021 format."""
    line = next(x for x in WEBCOPY.split("\n") if "1. 申请人无正当理由逾期不补正" in x)
    text = replace_line(WEBCOPY, "1. 申请人无正当理由逾期不补正",
                        "\t(六) 其他处理\n" + line.replace("(六) 其他处理", ""))
    result = imported(tmp_path, text)
    assert differing(result.report) == {} and result.notes == []
    assert result.report.old_format_cells == []


def test_many_unreadable_rows_give_a_bounded_list_of_notes(tmp_path):
    junk = "\n".join(f"不知所云{i}\t1\t2\t3\t4\t5\t6\t7" for i in range(500))
    text = WEBCOPY.replace("四、结转下年度继续办理", junk + "\n四、结转下年度继续办理", 1)
    result = imported(tmp_path, text)
    assert differing(result.report) == {}
    assert len(result.notes) == 21 and result.notes[-1] == "另有480行无法识别，未导入"


def test_a_blank_value_next_to_a_merged_label_place_is_not_guessed(tmp_path):
    """'（七）总计', '', '', 0 … : one empty place is the label's, one a blank value — which one
    cannot be told, so the row is blank with a note rather than shifted."""
    line = next(x for x in WEBCOPY.split("\n") if "(七) 总计\t" in x)
    cells = line.split("\t")
    assert cells[1:3] == ["(七) 总计", "1"]
    text = replace_line(WEBCOPY, "(七) 总计\t", "\t".join([cells[0], cells[1], "", "", *cells[3:]]))
    result = imported(tmp_path, text)
    assert all(result.report.cells[p] is None for p in row_paths("results.total"))
    assert result.notes == ["表三 三（七）总计：识别到8个数，应为7个，该行已留空"]


def test_a_misprinted_first_row_right_after_the_header_is_read_by_position(tmp_path):
    text = relabel(WEBCOPY, "一、本年新收政府信息公开申请数量", "一、本年新收政府信息申请数")
    result = imported(tmp_path, text)
    assert differing(result.report) == {}
    assert result.notes == ["表三 一、本年新收政府信息公开申请数量：行标签印作“一、本年新收政府信息申请数”，与规定格式不符；"
                            "按其位置（表头与二、上年结转政府信息公开申请数量之间）读取，请核对"]


MISPRINT = ("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")


def test_a_misprinted_label_in_a_word_file_is_read_by_position(tmp_path):
    from tests.importers.helpers import docx_variant, set_cell, texts, w

    def mutate(body):
        [tc] = [tc for tc in body.iter(w("tc")) if texts(tc).strip() == MISPRINT[0]]
        set_cell(tc, MISPRINT[1])

    result = import_file(docx_variant(SAMPLES / "xingfu-2023.docx", tmp_path / "m.docx", mutate))
    assert differing(result.report) == {}
    assert len(result.notes) == 1 and f"行标签印作“{MISPRINT[1]}”" in result.notes[0]


def test_a_misprinted_label_on_a_web_page_is_read_by_position(tmp_path):
    from tests.importers.helpers import official_html

    report = import_file(SAMPLES / "xingfu-2023.docx").report
    path = tmp_path / "m.html"
    path.write_text(official_html(report, label=lambda t: MISPRINT[1] if t == MISPRINT[0] else t), encoding="utf-8")
    result = import_file(path)
    assert differing(result.report) == {}
    assert len(result.notes) == 1 and f"行标签印作“{MISPRINT[1]}”" in result.notes[0]


def test_a_label_broken_over_two_lines_in_a_browser_copy(tmp_path):
    """A cell with a line break inside (a <p> or <br> in the portal's cell) copies as two lines."""
    label = "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)"
    line = next(x for x in WEBCOPY.split("\n") if label in x)
    broken = line.replace("只计这一情形", "\n只计这一情形")
    result = imported(tmp_path, WEBCOPY.replace(line, broken))
    assert differing(result.report) == {}
    assert result.notes == []
    assert result.report.sections["requests"] == ""
