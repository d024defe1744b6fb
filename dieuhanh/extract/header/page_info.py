"""The page-info block of a crawled web page, used where the document's own header is missing:
"Số hiệu: 221/CĐ-TTg | Loại văn bản: Công điện | Nơi ban hành: Thủ tướng Chính phủ | Người ký:
Phạm Minh Chính | Ngày ban hành: 20/11/2025 | Ngày hiệu lực: Đã biết", one label and value per
cell, line or table row."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dieuhanh.extract.citations import normalise_number, parse_date_phrase, squash
from dieuhanh.extract.header.model import Findings
from dieuhanh.extract.header.vocabulary import TYPES

# Labels of the block; the ones read, and the others, which end the value before them.
_FIELDS = {
    "số hiệu": "number",
    "loại văn bản": "doc_type",
    "nơi ban hành": "issuer",
    "cơ quan ban hành": "issuer",
    "người ký": "signer",
    "ngày ban hành": "date",
}
_OTHERS = (
    "Ngày hiệu lực",
    "Ngày hết hiệu lực",
    "Ngày công báo",
    "Số công báo",
    "Tình trạng hiệu lực",
    "Tình trạng",
    "Lĩnh vực",
)
_LABEL = re.compile(
    r"(?P<label>"
    + "|".join(sorted([*(k.capitalize() for k in _FIELDS), *_OTHERS], key=len, reverse=True))
    + r")[ \t]*:?"
)
_EDGE_CHARS = 10_000  # how far from either end of the page the block may start
_NEAR = 200  # the most characters between a label and the next one in the block
_MIN_LABELS = 3  # a block has at least this many distinct labels
_UNKNOWN = {"đã biết", "đang cập nhật", "không xác định", "không có", "dữ liệu đang cập nhật"}


@dataclass(frozen=True)
class PageInfo:
    values: dict[str, str]  # field name → value as written
    start: int
    end: int
    text: str


def find_page_info(masked: str) -> PageInfo | None:
    """The first block of page-info labels and their values, or None. The page prints it above
    the document or below it."""
    labels = [
        *_LABEL.finditer(masked, 0, _EDGE_CHARS),
        *_LABEL.finditer(masked, max(_EDGE_CHARS, len(masked) - _EDGE_CHARS)),
    ]
    group: list[re.Match[str]] = []
    for m in [*labels, None]:
        if m is not None and (not group or m.start() - group[-1].end() <= _NEAR):
            group.append(m)
            continue
        if len({g.group("label") for g in group}) >= _MIN_LABELS:
            return _read_block(masked, group)
        group = [m] if m is not None else []
    return None


def _read_block(masked: str, labels: list[re.Match[str]]) -> PageInfo:
    values: dict[str, str] = {}
    end = labels[-1].end()
    for m, following in zip(labels, [*labels[1:], None], strict=True):
        if following is not None:
            stop = following.start()
        else:  # the last value runs to the end of the first line that holds something
            stop = masked.find("\n", end + len(masked[end:]) - len(masked[end:].lstrip()))
            stop = len(masked) if stop < 0 else stop
            end = stop
        value = squash(masked[m.end() : stop])
        field = _FIELDS.get(m.group("label").lower())
        if field and value and value.lower() not in _UNKNOWN and field not in values:
            values[field] = value
    start = labels[0].start()
    return PageInfo(values, start, end, squash(masked[start:end]))


def read_page_info(found: Findings, info: PageInfo) -> None:
    """Fill from the block what the document itself did not give."""
    reason = f"Thông tin văn bản trên trang nguồn: «{info.text[:200]}»"
    values = info.values
    if "number" in values and not found.has("number"):
        number = normalise_number(values["number"])
        found.set("number", number, reason)
        found.set("symbol", re.split(r"[/-]", number, maxsplit=1)[-1], reason)
    if "date" in values and not found.has("date"):
        day = parse_date_phrase(values["date"])
        if day:
            found.set("date", day, reason)
            found.set("month", day.month, reason)
            found.set("year", day.year, reason)
    doc_type = TYPES.get(values.get("doc_type", "").upper())
    if doc_type:
        found.set("doc_type", doc_type, reason)
    for field in ("issuer", "signer"):
        if field in values:
            found.set(field, values[field], reason)
