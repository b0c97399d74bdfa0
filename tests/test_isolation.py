"""The child process with a memory and time ceiling (composer.isolation)."""

from __future__ import annotations

import os
import sys
import time

import pytest

from composer.errors import NotAReport, ResourceLimit, TemplateLimit
from composer.isolation import IN_PROCESS_ENV, Outcome, run_isolated
from composer.opening import open_any
from tests.factories import SAMPLES

GB = 1024 ** 3


# Module-level, so that the child can import them by name.
def add(a: int, b: int) -> tuple[int, int]:
    return a + b, os.getpid()


def sleep_forever() -> None:
    while True:
        time.sleep(1)


def eat_memory() -> int:
    hoard = []
    while True:
        hoard.append(bytearray(64 * 1024 * 1024))  # 64 MB at a time, touched
        hoard[-1][::4096] = b"x" * len(hoard[-1][::4096])


def raise_not_a_report() -> None:
    raise NotAReport("没有找到政府信息公开工作年度报告", source="x.txt")


def crash_hard() -> None:
    os._exit(3)


def test_the_result_comes_back_from_another_process():
    total, pid = run_isolated(add, 2, 3)
    assert total == 5 and pid != os.getpid()


def test_an_error_keeps_its_kind_message_and_source():
    with pytest.raises(NotAReport) as err:
        run_isolated(raise_not_a_report)
    assert err.value.message == "没有找到政府信息公开工作年度报告" and err.value.source == "x.txt"


def test_work_past_the_time_limit_is_stopped_in_chinese():
    start = time.monotonic()
    with pytest.raises(ResourceLimit) as err:
        run_isolated(sleep_forever, timeout=2, source="慢.docx")
    assert time.monotonic() - start < 15
    assert "秒" in err.value.message and err.value.source == "慢.docx"


@pytest.mark.skipif(sys.platform == "win32", reason="address-space limit: POSIX only (Windows has the time limit)")
def test_work_past_the_memory_limit_is_stopped_and_stays_under_it():
    with pytest.raises(ResourceLimit) as err:
        run_isolated(eat_memory, timeout=60)
    assert "内存" in err.value.message
    assert 0 < Outcome.peak_rss < GB


def test_a_child_that_dies_is_a_chinese_error_of_the_asked_kind():
    with pytest.raises(TemplateLimit) as err:
        run_isolated(crash_hard, limit_error=TemplateLimit, what="按自定义模板生成报告")
    assert "按自定义模板生成报告" in err.value.message


def test_the_in_process_path_for_tests_and_benches(monkeypatch):
    monkeypatch.setenv(IN_PROCESS_ENV, "1")
    assert run_isolated(add, 1, 1) == (2, os.getpid())


def test_opening_a_document_reads_it_in_a_child(tmp_path):
    opened = open_any(SAMPLES / "xingfu-2023.docx")
    assert not opened.is_project and opened.project.report.year == 2023
    assert Outcome.peak_rss > 0  # measured in the child
    in_here = open_any(SAMPLES / "xingfu-2023.docx", isolated=False)
    assert in_here.project.report.to_json() == opened.project.report.to_json()


@pytest.mark.slow
def test_a_custom_template_that_never_ends_is_stopped_by_the_ceiling(tmp_path):
    """Nested loops, each within any per-loop cap, multiply to 10^12 steps: the sandbox may stop
    them first (TemplateLimit); at the latest the child process is stopped at the time limit."""
    import docx

    from composer.render import render
    from composer.render.resources import default_template_path
    from tests.render.helpers import prose_report

    document = docx.Document(str(default_template_path()))
    document.add_paragraph().add_run("{% for a in range(9999) %}{% for b in range(9999) %}"
                                     "{% for c in range(9999) %}{{ a }}{% endfor %}{% endfor %}{% endfor %}")
    tpl = tmp_path / "forever.docx"
    document.save(str(tpl))
    out = tmp_path / "out.docx"
    out.write_bytes(b"previous")
    start = time.monotonic()
    with pytest.raises(TemplateLimit):
        render(prose_report("xingfu-2023"), out, template=tpl)
    assert time.monotonic() - start < 45
    assert out.read_bytes() == b"previous"
    assert Outcome.peak_rss < GB
