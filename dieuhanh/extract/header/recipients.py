"""Who the document goes to: the "Kính gửi:" list (or "THỦ TƯỚNG CHÍNH PHỦ điện:") at the top,
and the "Nơi nhận:" list of the closing."""

from __future__ import annotations

import re

from dieuhanh.extract.citations import squash
from dieuhanh.extract.header.model import Findings
from dieuhanh.extract.header.text import Line, continued_block

KINH_GUI = re.compile(r"^(?P<lead>(?:Đồng\s+)?[Kk]ính\s+gửi|.{0,60}\bđiện)\s*:\s*")
NOI_NHAN = re.compile(r"(?m)^[ \t]*Nơi\s+nhận\s*:?")
_BULLET = re.compile(r"^[-+•–]\s*")


def collect_list(lines: list[Line], i: int, first: str) -> tuple[list[str], int]:
    """A list of bullets ("- Công an xã;") or one line of names ("Kính gửi: A; B") from line ``i``
    (whose text after the label is ``first``); a lower-case line continues the item before it."""
    items: list[str] = []
    if first:
        block, i = continued_block(lines, i, first)
        items.extend(x for x in re.split(r";\s*", " ".join(block)) if x)
        start_bullets = i
    else:
        start_bullets = i + 1
    j = start_bullets
    while j < len(lines):
        text = lines[j].text
        if not text:
            j += 1
            continue
        if _BULLET.match(text):
            items.append(_BULLET.sub("", text))
        elif items and text[:1].islower() and not first:
            items[-1] = f"{items[-1]} {text}"
        else:
            break
        j += 1
    cleaned = [squash(x).rstrip(";.,") for x in items]
    return [x for x in cleaned if x and not x.startswith("Lưu")], j


def add_recipients(found: Findings, items: list[str], reason: str) -> None:
    """Add to the recipients; the reason names every kind of list they came from, in order."""
    found.values.setdefault("recipients", []).extend(items)  # type: ignore[union-attr]
    known = found.reasons.get("recipients")
    if known is None:
        found.reasons["recipients"] = reason
    elif reason not in known:
        found.reasons["recipients"] = f"{known}; {reason}"
