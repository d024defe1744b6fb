"""Lines of the masked text and the small tests the header rules make on them.

The rules read a copy of the document where converter markup is blanked with spaces
(``mask_markup``), so every offset still points into the original text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from dieuhanh.extract.citations import squash


class Line(NamedTuple):
    """A line of the masked text; most lines are passed over, so their text is made when read."""

    masked: str
    start: int
    end: int

    @property
    def text(self) -> str:
        """The line with markup blanked and whitespace collapsed."""
        return squash(self.masked[self.start : self.end])


def lines_of(masked: str, start: int, end: int, limit: int | None = None) -> list[Line]:
    """The lines of ``masked[start:end]``, at most ``limit`` of them."""
    lines = []
    pos = start
    while pos <= end and (limit is None or len(lines) < limit):
        stop = masked.find("\n", pos, end)
        if stop < 0:
            stop = end
        lines.append(Line(masked, pos, stop))
        pos = stop + 1
    return lines


def end_of_lines(masked: str, start: int, count: int) -> int:
    """Where the first ``count`` lines from ``start`` end."""
    end = start - 1
    for _ in range(count):
        end = masked.find("\n", end + 1)
        if end < 0:
            return len(masked)
    return end


def last_lines(masked: str, start: int, end: int, count: int) -> list[Line]:
    """The last ``count`` lines of ``masked[start:end]``."""
    cut = start
    pos = end
    for _ in range(count):
        pos = masked.rfind("\n", start, pos)
        if pos < 0:
            break
        cut = pos + 1
    return lines_of(masked, cut if pos >= 0 else start, end)


def upper_text(text: str) -> bool:
    """Whether ``text`` is written in capitals (at least two letters, all upper case)."""
    return text.isupper() and sum(map(str.isalpha, text)) >= 2


def blank(masked: str, spans: list[tuple[int, int]]) -> str:
    """``masked`` with the ``spans`` turned to spaces, line breaks kept (offsets unchanged)."""
    for a, z in spans:
        masked = masked[:a] + re.sub(r"[^\n]", " ", masked[a:z]) + masked[z:]
    return masked


def breaks_a_phrase(before: str, after: str, phrases: tuple[str, ...]) -> bool:
    """Whether one of ``phrases`` is broken between the end of ``before`` and the start of
    ``after`` ("VĂN" / "PHÒNG CHÍNH PHỦ", "CHỦ TỊCH ỦY" / "BAN NHÂN DÂN", "TL. CỤC" / "TRƯỞNG")."""
    for phrase in phrases:
        words = phrase.split()
        for cut in range(1, len(words)):
            first, rest = " ".join(words[:cut]), " ".join(words[cut:])
            if (before == first or before.endswith(" " + first)) and (
                after == rest or after.startswith(rest + " ")
            ):
                return True
    return False


_OPEN_ENDS = (",", " và", " của", " về", " tại", " thuộc", " cho", " trên", " với", " các", " theo", " trong")


def runs_on(line: str, following: str) -> bool:
    """Whether ``line`` stops mid-phrase so that ``following`` goes on with it: after a comma, a
    conjunction or a preposition ("và", "của", "về", "tại", "thuộc" …, in either case), or "số"
    before a number ("Kế hoạch số" / "12/KH-UBND"), not "số" closing a noun ("chuyển đổi số")."""
    low = line.lower()
    return low.endswith(_OPEN_ENDS) or low.endswith(" số") and following[:1].isdigit()


def continued_block(lines: list[Line], i: int, first: str) -> tuple[list[str], int]:
    """The lines of a V/v or "Kính gửi" text from line ``i`` (whose text is ``first``): it goes on
    across a break while the next line goes on in lower case or the line did not end; it stops
    at a blank line followed by a new sentence. Returns the parts and the next line's index."""
    parts = [first] if first else []
    j = i + 1
    while j < len(lines):
        text = lines[j].text
        if not text:
            k = j
            while k < len(lines) and not lines[k].text:
                k += 1
            if k < len(lines) and lines[k].text[:1].islower() and parts:
                j = k
                continue
            break
        if text[:1].islower() or (parts and runs_on(parts[-1], text)):
            parts.append(text)
            j += 1
            continue
        break
    return parts, j
