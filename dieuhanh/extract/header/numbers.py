"""The document's number and symbol: the "Số: 1087/UBND-VHXH" line, else an appendix caption
"(Kèm theo Kế hoạch số 215/KH-UBND ngày 05/10/2026 của UBND tỉnh)"."""

from __future__ import annotations

import re

from dieuhanh.extract.citations import NUMBER, SYMBOL_PART, normalise_number, squash
from dieuhanh.extract.header.model import Findings
from dieuhanh.extract.header.place_date import read_date

# "Số: 1087/UBND-VHXH", "Số 37-HD/BTGDVTW" (Party documents write no colon): "Số" not inside a
# word (the look-behind, written after the literal, lets re skip to each "Số"), a symbol that
# holds a capital letter ("Số 12/2026" is no document number). Without a colon, "Số" must open
# its line: "...; Số 257/2025/NĐ-CP ngày ..." in running text cites another document. A symbol
# may break after a separator ("Số: 3783/QĐ-" / "UBND").
_NUMBER_LINE = re.compile(
    r"Số(?<![\w/]Số)\s*(?P<colon>:)?\s*(?P<num>\d+[a-z]?)?[ \t]*(?P<sep>[/-])[ \t]*"
    rf"(?=[\w&./ \t-]*[A-ZĐ])(?P<sym>{SYMBOL_PART}(?:[ \t]*[-/][ \t]*\n?[ \t]*{SYMBOL_PART})*)"
)


def search_number_line(text: str, pos: int, endpos: int) -> re.Match[str] | None:
    """The first number line between ``pos`` and ``endpos``."""
    for m in _NUMBER_LINE.finditer(text, pos, endpos):
        if m.group("colon") or not text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip():
            return m
    return None


_CITED_TYPES = (
    "Công văn",
    "Văn bản",
    "Kế hoạch",
    "Quyết định",
    "Nghị quyết",
    "Thông báo",
    "Chỉ thị",
    "Công điện",
    "Báo cáo",
    "Tờ trình",
    "Hướng dẫn",
    "Chương trình",
    "Kết luận",
)
# A caption opens its parenthesis: "(Kèm theo ...", "(Ban hành kèm theo ..."; a document cited
# in running text is not one ("… theo Quy chế (ban hành kèm theo Quyết định số …)").
CAPTION = re.compile(
    r"\(\s*(?:Ban\s+hành\s+kèm|Kèm)\s+theo\s+(?P<type>"
    + "|".join(t.replace(" ", r"\s+") for t in _CITED_TYPES)
    + r")"
    rf"\s*(?:số)?\s*:?\s*(?:(?P<number>{NUMBER})|/\s*(?P<sym>{SYMBOL_PART}(?:\s*[-/]\s*{SYMBOL_PART})*))"
    r"(?:\s*,?\s*ngày\s*(?P<d>\d{1,2})?\s*(?:tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})?"
    r"|[/.-]?\s*(?P<m2>\d{1,2})?\s*[/.-]\s*(?P<y2>\d{4})))?"
    r"(?:\s*của\s+(?P<issuer>[^()]{3,120}?))?\s*\)"
)


def read_number(found: Findings, m: re.Match[str]) -> None:
    """Number and symbol from a "Số:" line; a blank number is a draft not yet numbered."""
    symbol = normalise_number(m.group("sym"))
    reason = f"Dòng «Số:» ở phần đầu: «{squash(m.group())}»"
    found.set("symbol", symbol, reason)
    if m.group("num"):
        found.set("number", f"{m.group('num')}{m.group('sep')}{symbol}", reason)
    else:
        found.reasons["number"] = f"Số văn bản để trống («{squash(m.group())}»): bản chưa lấy số"


def read_caption(masked: str, found: Findings) -> None:
    """An appendix caption "(Kèm theo Công văn số 6386/... ngày 25/11/2025 của ...)" fills what the
    header lacks: the page may have lost its header, but the caption names the document."""
    m = CAPTION.search(masked)
    if not m:
        return
    how = "Chú thích phụ lục"
    reason = f"{how}: «{squash(m.group())}»"
    if "symbol" not in found.values and "number" not in found.reasons:
        if m.group("number"):
            number = normalise_number(m.group("number"))
            found.set("symbol", re.split(r"[/-]", number, maxsplit=1)[1], reason)
            found.set("number", number, reason)
        else:
            found.set("symbol", normalise_number(m.group("sym")), reason)
            found.reasons["number"] = f"{how} để trống số: «{squash(m.group())}»"
    if "date" not in found.reasons and "month" not in found.values:
        read_date(found, m, how)
    found.values["caption_type"] = squash(m.group("type"))
    if m.group("issuer"):
        found.values["caption_issuer"] = squash(m.group("issuer"))
