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
    (["{{ organ }"], "{{ organ }", "大括号可能不成对"),
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
