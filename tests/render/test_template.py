"""The default template (built from the schema) and custom templates with their checks."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from pathlib import Path

import docx
import pytest

from composer import schema
from composer.errors import RenderFailed, TemplateError
from composer.render import check_template, render
from composer.render.resources import default_template_path
from tests.render.helpers import W, body_paragraphs, prose_report

ROOT = Path(__file__).resolve().parents[2]


def _build_module():
    spec = importlib.util.spec_from_file_location("build_template", ROOT / "templates" / "build_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_template_is_the_build_of_the_current_schema():
    """templates/report.docx == a fresh build: regenerate with `python templates/build_template.py`."""
    assert _build_module().build() == default_template_path().read_bytes()


def test_every_tag_is_the_whole_text_of_one_run():
    document = docx.Document(str(default_template_path()))
    texts = [t.text or "" for t in document.element.body.iter(f"{W}t")]
    tagged = [t for t in texts if "{" in t or "}" in t]
    assert tagged, "the template has no tags"
    for text in tagged:
        assert re.fullmatch(r"\{\{ [\w.]+ \}\}|\{%p [^%]+ %\}", text), text
    # one tag per value cell of every table, named by the cell's report-JSON path
    paths = {t[3:-3] for t in tagged if t.startswith("{{ tables.")}
    assert paths == set(schema.CELL_PATHS)


def test_default_template_passes_its_own_check():
    check_template(default_template_path())


# ---------------------------------------------------------------- custom templates


def _custom(tmp_path: Path, *texts: str, name: str = "custom.docx") -> Path:
    """The default template with one paragraph appended per text (each text one run)."""
    document = docx.Document(str(default_template_path()))
    for text in texts:
        document.add_paragraph().add_run(text)
    path = tmp_path / name
    document.save(str(path))
    return path


def _split_runs(tmp_path: Path, pieces: list[str]) -> Path:
    """A tag typed in Word in several runs (as Word does after an edit or a spell check)."""
    document = docx.Document(str(default_template_path()))
    p = document.add_paragraph()
    for piece in pieces:
        p.add_run(piece).bold = len(p.runs) % 2 == 0
    path = tmp_path / "split.docx"
    document.save(str(path))
    return path


def test_a_valid_custom_template_renders(tmp_path):
    tpl = _custom(tmp_path, "联系人：{{ organ }}，年度 {{ year }}，自然人新收 {{ tables.requests.new.natural }} 件",
                  "{%p if fee_notices.present %}", "收费通知 {{ fee_notices.count }} 件", "{%p endif %}")
    out = tmp_path / "out.docx"
    report = prose_report("xingfu-2023")
    render(report, out, template=tpl)
    assert body_paragraphs(out)[-1] == f"联系人：{report.organ}，年度 2023，自然人新收 1 件"


def test_a_tag_split_over_runs_still_works(tmp_path):
    tpl = _split_runs(tmp_path, ["机关：{{ or", "gan }}"])
    out = tmp_path / "out.docx"
    render(prose_report("xingfu-2023"), out, template=tpl)
    assert body_paragraphs(out)[-1] == "机关：长春市南关区幸福乡人民政府"


@pytest.mark.parametrize(("texts", "named", "why"), [
    (["{{ tables.requests.nw.natural }}"], "{{ tables.requests.nw.natural }}", "tables.requests.nw"),
    (["{{ organization }}"], "{{ organization }}", "不存在的数据“organization”"),
    (["{{ tables.requests.new.natural + }}"], "{{ tables.requests.new.natural + }}", "写法"),
    (["{{ organ }"], "{{ organ }", "缺少结尾的“}}”"),
    (["{%p for para in sections.overview %}", "{{ para.text }}"], "{%p for para in sections.overview %}",
     "缺少对应的结束标签"),
    (["{%p endif %}"], "{%p endif %}", "没有对应的开始标签"),
    (["{%p for p in preamble %}", "{{ p.txt }}", "{%p endfor %}"], "{{ p.txt }}", "p.txt"),
    (["{% frobnicate %}"], "{% frobnicate %}", "不认识的标签名“frobnicate”"),
    (["{{ organ.__class__ }}"], "{{ organ.__class__ }}", "不允许"),
])
def test_a_broken_template_names_the_tag_in_chinese(tmp_path, texts, named, why):
    tpl = _custom(tmp_path, *texts)
    out = tmp_path / "out.docx"
    out.write_bytes(b"previous")
    with pytest.raises(TemplateError) as err:
        check_template(tpl)
    message = str(err.value)
    shown = named.replace("{%p", "{%")  # docxtpl's paragraph marker is gone once parsed
    assert shown in message or named in message, message
    if why:
        assert why in message, message
    assert re.search(r"[\u4e00-\u9fff]", message)
    assert str(tpl) in message  # the file is named
    with pytest.raises(TemplateError):
        render(prose_report("xingfu-2023"), out, template=tpl)
    assert out.read_bytes() == b"previous"


def test_sandbox_blocks_attribute_escapes(tmp_path):
    tpl = _custom(tmp_path, "{{ organ.__class__.__mro__ }}")
    with pytest.raises(TemplateError):
        render(prose_report("xingfu-2023"), tmp_path / "out.docx", template=tpl)
    assert not (tmp_path / "out.docx").exists()


def test_not_a_docx_template(tmp_path):
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(RenderFailed) as err:
        render(prose_report("xingfu-2023"), tmp_path / "out.docx", template=doc)
    assert "另存为" in str(err.value) and ".docx" in str(err.value)

    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(RenderFailed) as err:
        check_template(corrupt)
    assert "已损坏" in str(err.value)

    not_word = tmp_path / "notword.docx"
    with zipfile.ZipFile(not_word, "w") as z:
        z.writestr("hello.txt", "你好")
    with pytest.raises(RenderFailed) as err:
        render(prose_report("xingfu-2023"), tmp_path / "out.docx", template=not_word)
    assert "不是有效的 Word 文档" in str(err.value)
    assert not (tmp_path / "out.docx").exists()


def test_html_output_refuses_a_word_template(tmp_path):
    with pytest.raises(RenderFailed) as err:
        render(prose_report("xingfu-2023"), tmp_path / "out.html", template=default_template_path())
    assert "网页" in str(err.value)


# ---------------------------------------------------------------- tags that fail on the data, in Chinese


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    """The default template with one tag of its word/document.xml replaced (as typed in Word)."""
    source = default_template_path()
    path = tmp_path / "edited.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert xml.count(old) == 1, old
                data = xml.replace(old, new).encode("utf-8")
            zout.writestr(item, data)
    return path


def _render_fails(tmp_path: Path, tpl: Path) -> str:
    """The Chinese message of rendering with ``tpl``; the previous output must stay as it was."""
    report = prose_report("xingfu-2023")
    for out in (tmp_path / "out.docx", tmp_path / "out.pdf"):
        out.write_bytes(b"previous")
    with pytest.raises(TemplateError) as err:
        render(report, tmp_path / "out.docx", template=tpl)
    message = str(err.value)
    assert (tmp_path / "out.docx").read_bytes() == b"previous"
    # the PDF path renders the same DOCX first: the same message, before LibreOffice is looked for
    with pytest.raises(RenderFailed) as pdf_err:
        render(report, tmp_path / "out.pdf", template=tpl)
    if isinstance(pdf_err.value, TemplateError):
        assert str(pdf_err.value) == message
    assert (tmp_path / "out.pdf").read_bytes() == b"previous"
    assert message.startswith(f"{tpl}：模板"), message  # the file is named
    # no English beyond the file, the quoted tags and the README's name (no exception text or class)
    words = re.sub(r"“[^”]*”", "", message.replace(str(tpl), "").replace("templates/README.md", ""))
    assert not re.search(r"[A-Za-z]", words.replace("|int", "")), message
    return message


@pytest.mark.parametrize(("tag", "expected"), [
    ("{{ 1/0 }}", "模板标签“{{ 1/0 }}”无法计算（除以零）"),
    ("{{ tables.requests.new.natural|int // 0 }}", "模板标签“{{ tables.requests.new.natural|int // 0 }}”无法计算（除以零）"),
    ("{{ organ + 1 }}", "模板标签“{{ organ + 1 }}”无法计算：文字不能与数字相加"),
    ("{{ year - 1 }}", "模板标签“{{ year - 1 }}”无法计算：文字不能与数字相减（表格中的数字和年份在模板中是文字"),
    ("{{ organ.upper(1) }}", "模板标签“{{ organ.upper(1) }}”无法计算：调用时参数不对"),
    ("{{ organ * 1000000 }}", "模板标签“{{ organ * 1000000 }}”无法计算（结果过大）"),
    ("{{ range(1000000)|list }}", "模板标签“{{ range(1000000)|list }}”中的“range”范围过大"),
    ("{{ preamble[99].text }}", "模板标签“{{ preamble[99].text }}”使用了不存在的数据（列表中没有第 100 项）"),
    ("{{ organ|attr(&quot;__class__&quot;) }}", "模板标签“{{ organ|attr(\"__class__\") }}”访问了不允许的内容"),
    ("{{ organ.replace }}", "模板标签“{{ organ.replace }}”无法计算：这里得到的是一个函数而不是数据"),
])
def test_a_tag_that_cannot_be_calculated_is_named_in_chinese(tmp_path, tag, expected):
    tpl = _edited(tmp_path, "{{ signature.organ }}", tag)
    check_template(tpl)  # nothing wrong to see without the data
    message = _render_fails(tmp_path, tpl)
    assert expected in message, message
    for leak in ("Error", "division", "operand", "str", "int'", "object"):
        assert leak not in message.replace(tag.replace("&quot;", '"'), ""), message


def test_of_several_tags_in_a_paragraph_the_failing_one_is_named(tmp_path):
    tpl = _custom(tmp_path, "{{ organ }}共{{ year }}年，比例 {{ year|int / 0 }}")
    message = _render_fails(tmp_path, tpl)
    assert "模板标签“{{ year|int / 0 }}”无法计算（除以零）" in message, message
    assert "{{ organ }}" not in message


@pytest.mark.parametrize(("old", "new", "expected"), [
    # a block tag with a syntax error is that tag's error, not a missing end tag
    ("{%p for para in sections.review %}", "{%p for para in %}", "模板标签“{% for para in %}”写法有误"),
    ("{%p for para in sections.review %}", "{% for para in %}", "模板标签“{% for para in %}”写法有误"),
    ("{%p for para in sections.review %}", "{%p if %}", "模板标签“{% if %}”写法有误"),
    ("{{ signature.organ }}", "{{ organ|nofilter }}", "模板标签“{{ organ|nofilter }}”使用了不存在的过滤器“nofilter”"),
    ("{{ signature.organ }}", "{% if organ is nosuch %}{% endif %}", "使用了不存在的判断“nosuch”"),
    ("{{ signature.organ }}", "{% include &apos;x.docx&apos; %}",
     "模板标签“{% include 'x.docx' %}”引用其他模板文件，本程序的模板不支持这种标签"),
])
def test_a_wrong_block_tag_is_a_syntax_error_of_that_tag(tmp_path, old, new, expected):
    tpl = _edited(tmp_path, old, new)
    with pytest.raises(TemplateError) as err:
        check_template(tpl)
    assert expected in str(err.value), str(err.value)
    assert "结束标签" not in str(err.value)
    assert _render_fails(tmp_path, tpl) == str(err.value)


def test_a_for_without_its_end_is_still_reported_as_such(tmp_path):
    tpl = _edited(tmp_path, "{{ title_lines }}", "{% for x in preamble %}{{ x.text }}")
    message = _render_fails(tmp_path, tpl)
    assert "模板标签“{% for x in preamble %}”缺少对应的结束标签“{% endfor %}”" in message, message
