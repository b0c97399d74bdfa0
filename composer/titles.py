"""The organ and the title of a report: one reader, one builder, one file name.

Real titles come in a few forms (all from published reports):

- "{机关}{年}年政府信息公开工作年度报告"       淮安市人民政府2024年政府信息公开工作年度报告
- "{机关}{年}年度政府信息公开工作报告"
- "{年}年{机关}政府信息公开工作年度报告", where the 政府 of 政府信息公开 merges with the
  organ's 人民政府: "2023年南关区幸福乡人民政府信息公开工作年度报告"
- "{年}年{地名}政府信息公开…" ("2022年青山口乡政府信息公开…"): the place's 人民政府
- "{地名}{年}年度…" ("桦树镇2023年度…"): the place, completed from the signature or text

The organ is also stated in the preamble ("现公布{机关}2023年度…") and in the signature.
A short name in the title ("洪泽区人民政府") is completed from a longer form printed in the
text ("本报告由淮安市洪泽区人民政府办公室…"). The title is built back with the same merge,
so a doubled 政府 is never printed.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable

_log = logging.getLogger(__name__)

_MARKS = re.compile(r"^[#＃*>\s]+|[#＃*\s]+$")  # Markdown heading marks, list stars, quotes
_SPACES = re.compile(r"[\s\u3000]+")
_YEAR = re.compile(r"(?<![0-9０-９])([12０-９][0-9０-９]{3})\s*年度?")
_DISCLOSURE = re.compile(r"(?:政府)?(?:信息公开|政务公开)")  # the first one
# What an organ's name ends with; a bare place (乡, 镇, 街道, 区, 县, 市) is completed.
_ORGAN_END = re.compile(r"(?:人民政府|政府|办事处|管委会|管理委员会|委员会|管理局|局|办公室|办|中心|公所|委|厅|署)$")
_PLACE_END = re.compile(r"(?:乡|镇|街道|区|县|市|旗|州|盟|苏木|开发区|新区|园区)$")
_NAME = re.compile(r"^[\u4e00-\u9fff（）()]{2,40}$")
# One administrative division of a longer name: 淮安市, 洪泽区, 长春市, 南关区, 吉林省.
_DIVISION = r"[^\W\d_由与向对是及和布将的在为于了请本报告]{2,6}?(?:省|自治区|市|自治州|州|地区|盟|自治县|县|区|旗)"
# Characters that may stand right before a full organ name in running text.
_BOUNDARY = "由与向对是及和布将，。、：:；（(“\"'《 \n"


def clean(text: str) -> str:
    """A title or organ line without heading marks and spaces ("## 淮安市 人民政府" → "淮安市人民政府")."""
    return _SPACES.sub("", _MARKS.sub("", text or ""))


def _year(text: str) -> re.Match[str] | None:
    for m in _YEAR.finditer(text):
        year = int(unicodedata.normalize("NFKC", m.group(1)))
        if 1990 <= year <= 2100:
            return m
    return None


def _organ_part(before: str, after: str) -> str:
    """The organ in a title split at its year: before the year, or between year and 信息公开."""
    before = re.sub(r"^关于|关于$", "", before.strip("，。：:、 "))
    if before and _NAME.match(before):
        return before
    after = re.sub(r"^关于", "", after)
    m = _DISCLOSURE.search(after)
    if not m:
        return ""
    part = after[: m.start()] + ("政府" if m.group().startswith("政府") else "")
    if not _NAME.match(part):
        return ""
    if part.endswith("人民政府") and not part.endswith("人民政府政府"):
        return part  # "…人民政府信息公开": the organ's 政府 is the 政府 of 政府信息公开
    if part.endswith("政府"):
        rest = part[:-2]  # "青山口乡政府信息公开": the place; "…办事处政府信息公开": the organ
        return rest if _NAME.match(rest) else ""
    return part


def organ_from_title(title: str) -> str:
    """The organ (or the place) a title names; "" when it names none.

    "淮安市人民政府2024年政府信息公开工作年度报告" → "淮安市人民政府";
    "2023年南关区幸福乡人民政府信息公开工作年度报告" → "南关区幸福乡人民政府";
    "2022年青山口乡政府信息公开工作年度报告" → "青山口乡" (a place: see ``find_organ``).
    """
    t = clean(title)
    if not t:
        return ""
    m = _year(t)
    if m:
        return _organ_part(t[: m.start()], t[m.end():])
    return _organ_part("", t)


_ANNOUNCE = re.compile(r"(?:现|特|予以|现予|现将)?(?:公布|发布|编制|制定|形成)(?:了)?")


def organ_from_preamble(preamble: str) -> str:
    """The organ in "现公布{机关}2023年度政府信息公开工作年度报告" and the like; "" if none."""
    text = clean(preamble)
    for m in _ANNOUNCE.finditer(text):
        rest = text[m.end(): m.end() + 80]
        stop = re.search(r"[。；，,]", rest)
        rest = rest[: stop.start()] if stop else rest
        if "报告" not in rest:
            continue
        organ = organ_from_title(rest)
        if organ:
            return organ
    return ""


def _is_place(name: str) -> bool:
    return bool(_PLACE_END.search(name)) and not _ORGAN_END.search(name)


_ZONE = re.compile(r"(?:开发区|新区|园区)$")  # run by a 管委会, whose name the title does not tell


def _formal(place: str) -> str:
    """The formal organ of a place by law: 乡/镇/县/区/市 → 人民政府, 街道 → 街道办事处; a
    development zone stays as printed (its 管委会's name is not a rule)."""
    if _ZONE.search(place):
        return place
    if place.endswith("街道"):
        return place + "办事处"
    return place + "人民政府"


def _longer_form(organ: str, texts: Iterable[str]) -> str:
    """The longest "{divisions}{organ}" printed in the texts, e.g. 淮安市洪泽区人民政府 for 洪泽区人民政府."""
    pattern = re.compile(rf"(?:^|(?<=[{re.escape(_BOUNDARY)}]))((?:{_DIVISION})+){re.escape(organ)}")
    best = organ
    for text in texts:
        if organ not in text:
            continue
        for m in pattern.finditer(_without_spaces(text)):
            name = m.group(1) + organ
            if len(name) > len(best) and len(name) <= 40:
                best = name
    return best


def _without_spaces(text: str) -> str:
    return re.sub(r"[ \t\u3000]+", "", text)


def find_organ(title: str, preamble: str = "", signature_organ: str = "",
               texts: Iterable[str] = ()) -> str:
    """The organ a report is by: from the title, else the preamble, else the signature; "" if none.

    A place is completed to its formal organ as printed in the signature or the text
    ("桦树镇" → "临江市桦树镇人民政府"), else by the naming rule (乡/镇 → 人民政府,
    街道 → 街道办事处); a short name is completed to the longest form printed in the text.
    """
    texts = [t for t in texts if t]
    signature = clean(signature_organ)
    organ = organ_from_title(title) or organ_from_preamble(preamble)
    if not organ:
        return signature if signature and _NAME.match(signature) else ""
    all_texts = [signature, preamble, *texts]
    if _is_place(organ):
        if organ in signature and _ORGAN_END.search(signature) and _NAME.match(signature):
            return signature
        for suffix in ("人民政府", "街道办事处", "办事处", "管委会", "管理委员会"):
            name = organ + suffix
            if any(name in t for t in all_texts):
                organ = name
                break
        else:
            organ = _formal(organ)
    elif signature.endswith(organ) and len(signature) > len(organ):
        return signature
    return _longer_form(organ, all_texts)


def build_title(organ: str, year: int | None) -> str:
    """"{年}年{机关}政府信息公开工作年度报告", the 政府 printed once after …政府."""
    organ = re.sub(r"(?:政府){2,}$", "政府", clean(organ))  # an organ saved doubled by an older import
    prefix = f"{year}年" if year is not None else ""
    tail = "信息公开工作年度报告" if organ.endswith("政府") else "政府信息公开工作年度报告"
    return f"{prefix}{organ}{tail}"


_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def file_stem(organ: str, year: int | None, title: str = "") -> str:
    """A file name (without suffix) for a report: its title, else one built from organ and
    year, else "年度报告"; characters Windows refuses in names are left out."""
    name = clean(title) or (build_title(organ, year) if clean(organ) else "")
    name = _NOT_IN_FILE_NAMES.sub("", name)[:120]
    return name or "年度报告"
