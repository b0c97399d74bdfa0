import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from composer import schema
from composer.errors import ReportFileError, UnsupportedVersionError
from composer.report import FORMAT, VERSION, Report, load_report, parse_report_text, save_report
from tests.factories import SAMPLE_NAMES, SAMPLES, text_reports

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_samples_load_with_blanks_kept_distinct_from_zero(name):
    expected = json.loads((SAMPLES / f"{name}.expected.json").read_text("utf-8"))
    report = load_report(SAMPLES / f"{name}.expected.json")
    assert report.year == expected["year"] and report.organ == expected["organ"]
    assert report.to_json()["tables"] == expected["tables"]


def test_blank_is_null_not_zero():
    report = load_report(SAMPLES / "xingfu-2023.expected.json")
    assert report.cells["tables.active.coercion"] is None
    assert report.cells["tables.active.punishment"] == 0
    assert report.to_json()["tables"]["active"]["coercion"] is None


def test_every_version_fixture_migrates_to_the_current_shape():
    v0 = load_report(FIXTURES / "report-v0.json")
    assert v0.year == 2022 and v0.sections["overview"].startswith("2022年") and v0.title == ""
    v1 = load_report(FIXTURES / "report-v1.json")
    assert v1.to_json()["version"] == VERSION and v1.to_json()["format"] == FORMAT
    assert v1.signature_date == "2023-01-20" and v1.fee_notices == {"count": 0, "amount": 0, "collected": 0}
    assert v0.cells == v1.cells


@given(text_reports())
@settings(max_examples=150, deadline=None)
def test_save_load_is_identity(tmp_path_factory, report):
    path = tmp_path_factory.mktemp("r") / "r.json"
    report.previous = Report(year=2020, organ="上年")
    save_report(report, path)
    again = load_report(path)
    assert again.to_json() == report.to_json()
    assert again.previous is not None and again.previous.organ == "上年"


def test_amounts_survive_exactly(tmp_path):
    report = Report(year=2023)
    report.cells["tables.active.fees"] = Decimal("12.3456")
    save_report(report, tmp_path / "a.json")
    assert load_report(tmp_path / "a.json").cells["tables.active.fees"] == Decimal("12.3456")


def _v1() -> dict:
    return json.loads((FIXTURES / "report-v1.json").read_text("utf-8"))


@pytest.mark.parametrize("mutate,fragment", [
    (lambda o: o["tables"]["requests"]["new"].pop("natural"), "tables.requests.new.natural"),
    (lambda o: o["tables"]["requests"]["new"].__setitem__("natural", "3"), "应为数字或 null"),
    (lambda o: o["tables"]["review"].__setitem__("reconsideration", [1]), "应为对象"),
    (lambda o: o["tables"]["active"].__setitem__("extra", 1), "未知的表格键"),
    (lambda o: o.__setitem__("year", "2023年"), "year"),
    (lambda o: o.__setitem__("organ", 5), "organ"),
    (lambda o: o["sections"].pop("problems"), "sections.problems"),
    (lambda o: o.__setitem__("format", "something-else"), "不是政府信息公开年度报告"),
    (lambda o: o.__setitem__("version", "1"), "版本号"),
])
def test_malformed_reports_give_typed_chinese_errors(mutate, fragment):
    obj = _v1()
    mutate(obj)
    with pytest.raises(ReportFileError) as err:
        parse_report_text(json.dumps(obj, ensure_ascii=False), source="x.json")
    assert fragment in str(err.value)


def test_newer_version_is_refused_with_advice():
    obj = _v1()
    obj["version"] = VERSION + 1
    with pytest.raises(UnsupportedVersionError, match="请升级"):
        parse_report_text(json.dumps(obj))


@pytest.mark.parametrize("content,fragment", [
    (b"\x00\x01garbage\xff", "UTF-8"), (b'{"year": 2023, "tables": {', "不是有效的 JSON"),
    (b"[1, 2]", "不是一份报告"), (b"{}", "缺少 tables"), (b"", "不是有效的 JSON"),
])
def test_garbage_and_truncated_files(tmp_path, content, fragment):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(ReportFileError) as err:
        load_report(path)
    assert fragment in str(err.value)


def test_truncating_a_real_file_anywhere_is_a_clean_error(tmp_path):
    data = (FIXTURES / "report-v1.json").read_bytes()
    for cut in range(0, len(data) - 2, 97):
        path = tmp_path / "cut.json"
        path.write_bytes(data[:cut])
        with pytest.raises(ReportFileError):
            load_report(path)


def test_save_is_atomic_and_leaves_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "r.json"
    save_report(Report(year=2023, organ="旧"), path)
    before = path.read_bytes()

    def boom(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("composer.fileio.os.replace", boom)
    with pytest.raises(OSError):
        save_report(Report(year=2024, organ="新"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_get_and_set_reach_every_path():
    report = Report()
    for path in (*schema.CELL_PATHS, "fee_notices.count"):
        report.set(path, 1)
        assert report.get(path) == 1
    report.set("sections.other", "无")
    report.set("signature.date", "2024-01-01")
    assert report.get("sections.other") == "无" and report.get("signature.date") == "2024-01-01"
    with pytest.raises(KeyError):
        report.set("tables.requests.nope", 1)


@pytest.mark.parametrize("cell,fragment", [
    ("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity"), ("1" * 5000, "位数过多"),
    ("1e999999", "不合理"), ("99999999999", "不合理"),
])
def test_numbers_json_allows_but_a_report_cannot_hold(tmp_path, cell, fragment):
    text = (FIXTURES / "report-v1.json").read_text("utf-8").replace('"licensing": 0', f'"licensing": {cell}')
    assert cell in text
    (tmp_path / "odd.json").write_text(text, "utf-8")
    with pytest.raises(ReportFileError) as err:
        load_report(tmp_path / "odd.json")
    assert fragment in str(err.value) and "odd.json" in str(err.value)


@pytest.mark.parametrize("year", [0, 99999999999999999999, 1800])
def test_implausible_years_are_refused(year):
    obj = _v1()
    obj["year"] = year
    with pytest.raises(ReportFileError, match="不合理"):
        parse_report_text(json.dumps(obj))


@given(st.decimals(min_value=0, max_value=Decimal(10**10) - Decimal("0.0001"), places=4, allow_nan=False))
@settings(max_examples=300, deadline=None)
def test_every_acceptable_amount_survives_json_exactly(amount):
    report = Report(year=2023)
    report.cells["tables.active.fees"] = amount
    again = parse_report_text(report.dumps())
    assert again.cells["tables.active.fees"] == amount
