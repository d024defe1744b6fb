"""Where the header block is: the Quốc hiệu, else the "Số:" line, else a title or "Kính gửi"."""

from __future__ import annotations

import re

from dieuhanh.extract.header.numbers import search_number_line
from dieuhanh.extract.header.recipients import address_label
from dieuhanh.extract.header.text import lines_of
from dieuhanh.extract.header.vocabulary import TYPES

QUOC_HIEU = re.compile(r"CỘNG\s+H(?:OÀ|ÒA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.IGNORECASE)
MOTTO = re.compile(r"Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc", re.IGNORECASE)
# What a Party document has in place of the Quốc hiệu (in capitals: the body names the Party
# in mixed case).
PARTY_HEADING = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")

# The header sits in the first characters; a number line that far down is in the body.
_HEAD_CHARS = 20000
_NUMBER_CHARS = 8000
_TITLE_LINES = 25  # non-empty lines


def find_anchor(masked: str) -> int | None:
    """Where the header block is: the Quốc hiệu (or the Party's heading), else "Số:", else a title
    or "Kính gửi" at the top."""
    m = QUOC_HIEU.search(masked, 0, _HEAD_CHARS) or PARTY_HEADING.search(masked, 0, _HEAD_CHARS)
    if m:
        return m.start()
    m = search_number_line(masked, 0, _NUMBER_CHARS)
    if m:
        return m.start()
    seen = 0
    lines = lines_of(masked, 0, min(len(masked), _HEAD_CHARS))
    for i, line in enumerate(lines):
        if not line.text:
            continue
        if line.text.upper() in TYPES or address_label(lines, i):
            return line.start
        seen += 1
        if seen == _TITLE_LINES:
            break
    return None


def fixed_phrase_spans(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where the Quốc hiệu, the motto and the Party's heading are between ``start`` and ``end``."""
    return [m.span() for rx in (QUOC_HIEU, MOTTO, PARTY_HEADING) for m in rx.finditer(masked, start, end)]
