"""Capitals lost in conversion. TCVN3 has no capital toned letters: headings are typed with a
capital font (".VnTimeH") that draws lower-case bytes as capitals, so text converted without its
fonts has them in lower case ("ủy ban nhân dân xã hòa bình", "cộng hòa xã hội chủ nghĩa việt
nam", "kế hoạch", "tm. ủy ban nhân dân"). When the Quốc hiệu itself came out in lower case, the
heading lines of the header and of the signature block are put back in capitals (and a signer's
name in lower case gets its initials), so the rules read them as they read any header."""

from __future__ import annotations

import re
from collections.abc import Callable

from dieuhanh.extract.header.anchors import QUOC_HIEU
from dieuhanh.extract.header.text import Line, lines_of
from dieuhanh.extract.header.vocabulary import TYPES

_HEAD_CHARS = 20000
_ISSUER_LINES = 8  # non-empty lines of the issuer block above the Quốc hiệu
_TITLE_LINES = 40  # lines below the Quốc hiệu where the title is looked for
_CLOSING_LINES = 80
_MARKER = re.compile(r"^(?:t/?m|k/?t|t/?l|tuq)\s*\.?\s")
_TITLE_WORDS = 8  # a title line of the signature block ("phó chủ tịch") is short


def restore_capitals(text: str, masked: str) -> tuple[str, str]:
    """``text`` and its masked copy with their heading lines in capitals when conversion lost
    them (same lengths, same offsets); else both unchanged."""
    m = QUOC_HIEU.search(masked, 0, _HEAD_CHARS)
    if not m or m.group() != m.group().lower():
        return text, masked
    lines = lines_of(masked, 0, len(masked))
    at = next(i for i, line in enumerate(lines) if line.end >= m.start())
    upper: list[Line] = [lines[at], *_issuer_lines(lines, at), *_title_lines(lines, at)]
    names: list[Line] = []
    for k in range(max(0, len(lines) - _CLOSING_LINES), len(lines)):
        if _MARKER.match(lines[k].text):
            block, name = _signature_lines(lines, k)
            upper += block
            names += name
    for how, chosen in ((str.upper, upper), (_initials, names)):
        for line in chosen:
            text, masked = _recase(text, line, how), _recase(masked, line, how)
    return text, masked


def _initials(text: str) -> str:
    """ "nguyễn văn an" → "Nguyễn Văn An"."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), text)


def _lower_only(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.lower()


def _issuer_lines(lines: list[Line], at: int) -> list[Line]:
    found = []
    k = at - 1
    while k >= 0 and len(found) < _ISSUER_LINES and (not lines[k].text or _lower_only(lines[k].text)):
        found.append(lines[k])
        k -= 1
    return found


def _title_lines(lines: list[Line], at: int) -> list[Line]:
    """The type line ("kế hoạch") and the lower-case subject lines right under it."""
    for k in range(at + 1, min(len(lines), at + _TITLE_LINES)):
        if lines[k].text.upper() in TYPES and _lower_only(lines[k].text):
            found = [lines[k]]
            j = k + 1
            while j < len(lines) and not lines[j].text:
                j += 1
            while j < len(lines) and _lower_only(lines[j].text):
                found.append(lines[j])
                j += 1
            return found
    return []


def _signature_lines(lines: list[Line], k: int) -> tuple[list[Line], list[Line]]:
    """The marker line ("tm. ủy ban nhân dân"), the marker and title lines under it ("kt. chủ
    tịch", "phó chủ tịch"), and the signer's name when it is in lower case too."""
    block = [lines[k]]
    for line in lines[k + 1 :]:
        if not line.text:
            continue
        if not _lower_only(line.text):
            break
        words = line.text.split()
        if _MARKER.match(line.text) or len(words) <= _TITLE_WORDS and _looks_titled(line.text):
            block.append(line)
            continue
        return block, [line] if 2 <= len(words) <= 5 else []
    return block, []


_TITLE_START = re.compile(
    r"^(?:phó |q\. )?(?:chủ tịch|giám đốc|thủ tướng|bộ trưởng|trưởng|chánh|bí thư|ủy viên)"
)


def _looks_titled(text: str) -> bool:
    """A title or the rest of an agency name, not a person's name."""
    return bool(_TITLE_START.match(text)) or any(
        w in text for w in ("ủy ban", "nhân dân", "ban ", "sở ", "bộ ")
    )


def _recase(text: str, line: Line, how: Callable[[str], str]) -> str:
    raw = text[line.start : line.end]
    changed = how(raw)
    if len(changed) != len(raw):
        return text  # a letter whose case changes its length: leave the line
    return text[: line.start] + changed + text[line.end :]
