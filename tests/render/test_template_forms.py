"""Broken custom templates never produce a report: exit 2 and a Chinese message naming the place.

Each form below used to "succeed" (已生成, exit 0) with the title or 前言 silently missing,
or to fail with a misleading message. The command line is run in-process (composer.cli.run),
exactly as ``python -m composer render 报告.json -o 报告.docx --template 模板.docx``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from composer.cli import run
from composer.errors import TemplateError
from composer.render import check_template, render
from composer.render.docx import docx_bytes
from composer.render.promises import check_promises
from composer.render.resources import default_template_path
from composer.report import save_report
from tests.render.helpers import prose_report


def _edited(tmp_path: Path, old: str, new: str, name: str = "edited.docx") -> Path:
    """The default template with one text of word/document.xml replaced, as typed in Word."""
    path = tmp_path / name
    with zipfile.ZipFile(default_template_path()) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert xml.count(old) >= 1, old
                data = xml.replace(old, new, 1).encode("utf-8")
            zout.writestr(item, data)
    return path


def _cli_render(tmp_path: Path, template: Path, capsys) -> tuple[int, str, Path]:
    report_path = tmp_path / "report.json"
    save_report(prose_report("xingfu-2023"), report_path)
    out = tmp_path / "out.docx"
    code = run(["render", str(report_path), "-o", str(out), "--template", str(template)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err, out


# (what is typed in place of the title tag, words the message must contain)
BROKEN_FORMS = [
    ("{{ title_lines ", ["{{ title_lines", "缺少结尾的“}}”", "一段"]),
    ("{{ title_lines }", ["{{ title_lines }", "缺少结尾的“}}”"]),
    ("{% if organ ", ["{% if organ", "缺少结尾的“%}”"]),
    ("{# 说明：标题", ["{# 说明：标题", "注释", "缺少结尾的“#}”"]),
    ("title_lines }}", ["“}}”前面缺少开头的“{{”"]),
    ("{{ }}", ["{{ }}", "是空的"]),
    ("{{ sections.overview }}", ["{{ sections.overview }}", "一组数据", "for"]),
    ("{{ tables.requests }}", ["{{ tables.requests }}", "一组数据"]),
]


@pytest.mark.parametrize(("typed", "words"), BROKEN_FORMS, ids=[f[0] for f in BROKEN_FORMS])
def test_a_broken_tag_stops_the_render_with_exit_2_and_names_the_place(tmp_path, capsys, typed, words):
    tpl = _edited(tmp_path, "{{ title_lines }}", typed)
    code, output, out = _cli_render(tmp_path, tpl, capsys)
    assert code == 2, output
    assert "已生成" not in output
    assert not out.exists()
    for word in words:
        assert word in output, output
    with pytest.raises(TemplateError):
        check_template(tpl)


def test_an_unclosed_comment_is_not_reported_as_a_missing_endfor(tmp_path, capsys):
    tpl = _edited(tmp_path, "{{ title_lines }}", "{# 这里以后放红头")
    code, output, _ = _cli_render(tmp_path, tpl, capsys)
    assert code == 2
    assert "endfor" not in output and "注释" in output, output


def test_a_paragraph_tag_with_other_text_in_its_paragraph_is_refused(tmp_path, capsys):
    # docxtpl drops the whole paragraph of a {%p %} tag: the words beside it would vanish
    tpl = _edited(tmp_path, "{%p for para in preamble %}", "前言：{%p for para in preamble %}")
    code, output, out = _cli_render(tmp_path, tpl, capsys)
    assert code == 2 and not out.exists()
    assert "{%p for para in preamble %}" in output and "前言：" in output and "单独" in output, output


def test_a_valid_custom_template_still_renders(tmp_path, capsys):
    tpl = _edited(tmp_path, "{{ title_lines }}", "{{ title }}（{{ organ }}）")
    code, output, out = _cli_render(tmp_path, tpl, capsys)
    assert code == 0, output
    assert "已生成" in output and out.exists()


# ---------------------------------------------------------------- the promise check


def test_a_render_missing_a_promised_part_fails_naming_it():
    """The check after rendering: what a template prints unconditionally must be in the output."""
    report = prose_report("xingfu-2023")
    from composer.render.context import build_context

    context = build_context(report)
    sources = ["<w:p><w:t>{{ title }}</w:t></w:p>{% for para in preamble %}<w:p><w:t>{{ para.text }}</w:t>"
               "</w:p>{% endfor %}<w:tbl></w:tbl>"]
    complete = (f"<w:p><w:t>{context['title']}</w:t></w:p>" +
                "".join(f"<w:p><w:t>{p['text']}</w:t></w:p>" for p in context["preamble"]) + "<w:tbl></w:tbl>")
    check_promises(sources[0], sources, complete, context)  # everything there: no error
    with pytest.raises(TemplateError) as err:
        check_promises(sources[0], sources, complete.replace(context["title"], ""), context)
    assert "标题" in str(err.value)
    with pytest.raises(TemplateError) as err:
        check_promises(sources[0], sources, complete.replace(context["preamble"][1]["text"], ""), context)
    assert "前言" in str(err.value)
    with pytest.raises(TemplateError) as err:
        check_promises(sources[0], sources, complete.replace("<w:tbl>", ""), context)
    assert "表格" in str(err.value)


def test_a_template_whose_tag_swallows_the_preamble_never_produces_a_report(tmp_path):
    # a tag left open at the end of the title paragraph and closed only in a later paragraph
    # parses as one long tag: jinja has no complaint, the preamble paragraphs are gone
    tpl = _edited(tmp_path, "{{ title_lines }}", "{{ title_lines }}{{ organ if organ else ")
    with pytest.raises(TemplateError):
        render(prose_report("xingfu-2023"), tmp_path / "out.docx", template=tpl)
    assert not (tmp_path / "out.docx").exists()


def test_the_default_template_promises_the_title_and_every_paragraph_and_keeps_it():
    from composer.render.context import build_context
    from composer.render.docx import _default_sources
    from composer.render.promises import promised
    from tests.factories import SAMPLE_NAMES

    for name in SAMPLE_NAMES:
        report = prose_report(name)
        context = build_context(report)
        texts = [text for _, text in promised(_default_sources(), context)]
        assert context["title_lines"] in texts
        bodies = [p["body"] for key in context["sections"] for p in context["sections"][key] if p["body"]]
        assert set(bodies) | {p["text"] for p in context["preamble"]} <= set(texts)
        assert docx_bytes(report)  # the promise check runs on every render and passes


def test_a_loop_printing_part_of_each_paragraph_promises_no_more_than_it_prints(tmp_path):
    # a deliberate abridgement is not a swallowed part
    tpl = _edited(tmp_path, "{{ para.text }}", "{{ para.text[:6] }}")
    out = tmp_path / "out.docx"
    render(prose_report("xingfu-2023"), out, template=tpl)
    assert out.exists()
