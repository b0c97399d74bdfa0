"""docxtpl's template class, except that rendered text is never rewritten afterwards."""

from __future__ import annotations

import logging
import re
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment

from .jinja import environment
from .tags import lined
from .template_errors import rendering_error

_TEXT_WITH_BREAKS = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\n][^<]*</w:t>")
# A run whose tag rendered to nothing (a paragraph without a sub-heading, a blank cell).
_EMPTY_RUN = re.compile(r"<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t(?: [^>]*)?(?:/>|></w:t>)</w:r>")

_log = logging.getLogger(__name__)

# A title's line break: spaces that overflow any line. Word, WPS and LibreOffice let trailing
# spaces run past the margin and do not count them when centring, so the next word starts the
# next line; unlike a <w:br/>, the title stays one line of text for anything that reads the
# document (importers, screen readers, search), which drop the spaces.
LINE_BREAK = " " * 48


class SafeDocxTemplate(DocxTemplate):  # type: ignore[misc]  # docxtpl has no type information
    """docxtpl, except that rendered text is never rewritten afterwards.

    docxtpl turns "{_{" into "{{" and \\a, \\f into paragraphs and pages *after* rendering,
    i.e. inside the user's own text; here the rendered values stay exactly as typed (the
    context has removed control characters already). Only a tab becomes a Word tab and a
    newline (which the context puts only between the lines of a broken title) a line break
    (``LINE_BREAK``).
    """

    def render_xml_part(self, src_xml: str, part: Any, context: dict[str, Any],
                        jinja_env: Environment | None = None) -> str:
        src_xml = lined(src_xml)
        self.current_rendering_part = part
        try:
            dst_xml = (jinja_env or environment()).from_string(src_xml).render(context)
        except Exception as err:  # noqa: BLE001 - anything a tag raises (1/0, "文字" + 1): named with its tag
            _log.warning("template tag failed while rendering", exc_info=True)
            raise rendering_error(err, src_xml, context) from None
        dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
        dst_xml = _EMPTY_RUN.sub("", dst_xml)
        return _TEXT_WITH_BREAKS.sub(_breaks, dst_xml)


def _breaks(match: re.Match[str]) -> str:
    whole = match.group(0)
    open_tag = whole[: whole.index(">") + 1]
    inner = whole[len(open_tag): -len("</w:t>")]
    inner = inner.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
    inner = inner.replace("\n", LINE_BREAK)
    return open_tag + inner + "</w:t>"
