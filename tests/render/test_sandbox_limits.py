"""A custom template cannot hang the program or exhaust memory (issue #14, template part).

Each attack below used to run for hours or until the OS killed the program (14.7 GB for a
zfill). Now each ends at once in errors.TemplateLimit, whose Chinese message names the tag.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from composer.errors import TemplateError, TemplateLimit
from composer.render import render
from composer.render.jinja import MAX_LOOP_STEPS, MAX_WIDTH, LimitExceeded, environment
from composer.render.resources import default_template_path
from tests.render.helpers import prose_report


def _template_with(tmp_path: Path, tag: str) -> Path:
    """The default template with the 落款 organ's tag replaced by ``tag`` (XML-escaped as Word does)."""
    escaped = tag.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;").replace("'", "&apos;")
    path = tmp_path / "attack.docx"
    with zipfile.ZipFile(default_template_path()) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.decode("utf-8").replace("{{ signature.organ }}", escaped).encode("utf-8")
            zout.writestr(item, data)
    return path


def _limit_message(tmp_path: Path, tag: str) -> str:
    tpl = _template_with(tmp_path, tag)
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateLimit) as err:
        render(prose_report("xingfu-2023"), out, template=tpl)
    assert not out.exists()
    message = str(err.value)
    assert message.startswith(f"{tpl}：模板"), message
    return message


ATTACKS = {
    "nested range(100000) loops": ("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
                                   "range"),
    "center(2000000000)": ("{{ organ.center(2000000000) }}", "宽度过大"),
    "ljust(3000000000)": ("{{ organ.ljust(3000000000) }}", "宽度过大"),
    "indent(1000000000)": ("{{ organ|indent(1000000000) }}", "缩进过大"),
    "zfill(10000000000)": ("{{ year.zfill(10000000000) }}", "宽度过大"),
}


@pytest.mark.parametrize("attack", list(ATTACKS), ids=list(ATTACKS))
def test_each_reported_attack_ends_in_a_template_limit_naming_the_tag(tmp_path, attack):
    tag, words = ATTACKS[attack]
    message = _limit_message(tmp_path, tag)
    assert words in message, message
    first_tag = tag[: tag.index("}") + 2] if tag.startswith("{{") else tag[: tag.index("%}") + 2]
    assert first_tag in message, message


def test_loops_within_range_limits_still_stop_at_the_step_budget(tmp_path):
    message = _limit_message(tmp_path, "{% for i in range(10000) %}{% for j in range(10000) %}"
                                       "{% endfor %}{% endfor %}")
    assert "循环次数过多" in message and str(MAX_LOOP_STEPS) in message, message


@pytest.mark.parametrize("tag", [
    "{{ organ|center(2000000000) }}",
    "{{ organ.rjust(2000000000) }}",
    "{{ organ.expandtabs(100000000) }}",
    "{{ '%2000000000d' % 1 }}",
    "{{ '%*d' % (2000000000, 1) }}",
    "{{ '{:>2000000000}'.format(1) }}",
    "{{ '{:{}}'.format(1, 2000000000) }}",
    "{{ '%2000000000d'|format(1) }}",
    "{{ organ|wordwrap(2000000000) }}",
    "{{ organ|truncate(2000000000) }}",
    "{{ range(10)|slice(1000000000)|list }}",
    "{{ range(10000)|join(organ * 10000) }}",
    "{{ (organ * 100000).replace('', organ * 100) }}",
    "{{ (organ * 300000) ~ (organ * 300000) ~ (organ * 300000) }}",
    "{% set ns = namespace(s=organ) %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "{% set ns = namespace(s=organ) %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
    "{% set ns = namespace(n=7 ** 5000) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}{% endfor %}",
    "{{ 2 ** 100000000 }}",
])
def test_other_ways_to_grow_text_or_numbers_are_bounded(tag):
    with pytest.raises(LimitExceeded):
        environment().from_string(tag).render(organ="幸福乡人民政府", year="2023")


def test_recursive_loops_and_filler_text_cannot_run_away(tmp_path):
    tpl = _template_with(tmp_path, "{% for x in preamble recursive %}{{ loop(preamble) }}{% endfor %}")
    with pytest.raises(TemplateError):  # 调用层次过深 or the loop budget, whichever comes first
        render(prose_report("xingfu-2023"), tmp_path / "out.docx", template=tpl)
    with pytest.raises(TemplateError) as err:  # lipsum(n) is not offered at all
        render(prose_report("xingfu-2023"), tmp_path / "out.docx", template=_template_with(tmp_path, "{{ lipsum(10) }}"))
    assert "lipsum" in str(err.value)


def test_ordinary_uses_are_untouched():
    env = environment()
    text = env.from_string("{{ organ.center(20) }}|{{ organ|indent(4) }}|{{ '%05d' % 7 }}|{{ '{:>6}'.format(year) }}|"
                           "{% for i in range(3) %}{{ i }}{% endfor %}|{{ range(3)|join(',') }}|"
                           "{{ organ.replace('乡', '镇') }}|{{ organ.zfill(" + str(MAX_WIDTH) + ")|length }}"
                           ).render(organ="幸福乡", year="2023")
    assert text == ("        幸福乡         |幸福乡|00007|  2023|012|0,1,2|幸福镇|" + str(MAX_WIDTH))


def test_the_budget_is_per_rendering():
    template = environment().from_string("{% for i in range(9000) %}{% endfor %}ok")
    for _ in range(2 * MAX_LOOP_STEPS // 18000 + 2):  # together far beyond one budget
        assert template.render() == "ok"


def test_loop_variables_work_through_the_budget():
    template = environment().from_string(
        '{% for p in ps %}{{ loop.index }}/{{ loop.length }}{% if loop.last %}!{% endif %}{{ loop.cycle("a", "b") }} '
        '{% else %}none{% endfor %}|{% for p in [] %}x{% else %}none{% endfor %}|'
        '{% for k, v in d|dictsort %}{{ k }}={{ v }}{% endfor %}')
    assert template.render(ps=[1, 2, 3], d={"b": 2, "a": 1}) == "1/3a 2/3b 3/3!a |none|a=1b=2"


def test_the_command_line_stops_with_exit_2_and_the_limit_in_chinese(tmp_path, capsys):
    from composer.cli import run
    from composer.report import save_report

    report_path = tmp_path / "report.json"
    save_report(prose_report("xingfu-2023"), report_path)
    tpl = _template_with(tmp_path, "{{ organ.zfill(10000000000) }}")
    code = run(["render", str(report_path), "-o", str(tmp_path / "out.docx"), "--template", str(tpl)])
    captured = capsys.readouterr()
    assert code == 2
    assert "{{ organ.zfill(10000000000) }}" in captured.err and "宽度过大" in captured.err, captured.err
    assert not (tmp_path / "out.docx").exists()
