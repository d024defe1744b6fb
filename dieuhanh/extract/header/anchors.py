"""Where the header block is: the Quốc hiệu, else the "Số:" line, else a title or "Kính gửi"."""

from __future__ import annotations

import re

from dieuhanh.extract.header.numbers import NUMBER_LINE
from dieuhanh.extract.header.recipients import KINH_GUI
from dieuhanh.extract.header.text import lines_of
from dieuhanh.extract.header.vocabulary import TYPES

QUOC_HIEU = re.compile(r"CỘNG\s+H(?:OÀ|ÒA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.IGNORECASE)
MOTTO = re.compile(r"Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc", re.IGNORECASE)

# The header sits in the first characters; a number line that far down is in the body.
_HEAD_CHARS = 20000
_NUMBER_CHARS = 8000
_TITLE_LINES = 25


def find_anchor(masked: str) -> int | None:
    """Where the header block is: the Quốc hiệu, else "Số:", else a title or "Kính gửi" at the top."""
    m = QUOC_HIEU.search(masked, 0, _HEAD_CHARS)
    if m:
        return m.start()
    m = NUMBER_LINE.search(masked, 0, _NUMBER_CHARS)
    if m:
        return m.start()
    for line in lines_of(masked, 0, len(masked), _TITLE_LINES):
        if line.text.upper() in TYPES or KINH_GUI.match(line.text):
            return line.start
    return None


def fixed_phrase_spans(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where the Quốc hiệu and the motto are between ``start`` and ``end``."""
    return [m.span() for rx in (QUOC_HIEU, MOTTO) for m in rx.finditer(masked, start, end)]
