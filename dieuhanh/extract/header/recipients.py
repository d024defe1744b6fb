"""Who the document goes to: the "Kính gửi:" list (or "THỦ TƯỚNG CHÍNH PHỦ điện:") at the top,
and the "Nơi nhận:" list of the closing."""

from __future__ import annotations

import re

from dieuhanh.extract.citations import squash
from dieuhanh.extract.header.model import Findings
from dieuhanh.extract.header.text import Line, continued_block, runs_on

KINH_GUI = re.compile(r"^(?P<lead>(?:Đồng\s+)?[Kk]ính\s+gửi|.{0,60}\bđiện)\s*:\s*")
_BROKEN_LABEL = ("Kính", "Đồng kính")  # "**Kính" / "gửi:** Công ty …": the label broken in two
NOI_NHAN = re.compile(r"(?m)^[ \t]*Nơi\s+nhận\s*:?")
_BULLET = re.compile(r"^[-+•–]\s*")


def address_label(lines: list[Line], i: int) -> tuple[int, str, str] | None:
    """The "Kính gửi:" label (or "… điện:") opening line ``i``, also when it breaks after "Kính":
    the index of the line that holds its colon, its lead words and the rest of that line."""
    t = lines[i].text
    m = KINH_GUI.match(t)
    if m:
        return i, m.group("lead"), t[m.end() :]
    if t in _BROKEN_LABEL and i + 1 < len(lines):
        m = KINH_GUI.match(f"{t} {lines[i + 1].text}")
        if m and m.end() > len(t) + 1:
            return i + 1, m.group("lead"), f"{t} {lines[i + 1].text}"[m.end() :]
    return None


def collect_list(lines: list[Line], i: int, first: str) -> tuple[list[str], int]:
    """A list of bullets ("- Công an xã;") or one line of names ("Kính gửi: A; B") from line ``i``
    (whose text after the label is ``first``); a line in lower case, or one that ``_goes_on``,
    continues the item before it."""
    items: list[str] = []
    if first:
        block, i = continued_block(lines, i, first)
        if i < len(lines) and _finishes_name(block[-1], lines[i].text):
            block.append(lines[i].text)
            i += 1
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
        elif items and (text[:1].islower() and not first or _goes_on(items[-1], text, lines, j)):
            items[-1] = f"{items[-1]} {text}"
        else:
            break
        j += 1
    # "- TT. Tỉnh ủy; TT. HĐND tỉnh;": two recipients on one bullet; "- Bộ Tài chính; (Báo cáo)"
    cleaned = [squash(part).rstrip(";.,") for x in items for part in re.split(r";\s+", x)]
    return [x for x in cleaned if x and not x.startswith("Lưu") and not _bracketed(x)], j


def _bracketed(item: str) -> bool:
    """ "(Báo cáo)": a note on the recipient before it, not a recipient."""
    return item.startswith("(") and item.endswith(")")


_BODY_OPENING = re.compile(r"^(?:Căn cứ|Thực hiện|Triển khai|Trả lời|Theo|Ngày|Về|Để|Tiếp|[IVX]+\.|\d+\.)")


def _finishes_name(item: str, text: str) -> bool:
    """ "Kính gửi: Công ty TNHH" / "Bao bì Kỹ thuật cao Riches.": a name the label's line left
    unfinished, closed on the next line by its full stop (a short line, not a bracket or the body)."""
    return (
        not item.endswith((".", ";", ":", ","))
        and text.endswith((".", ";"))
        and len(text.split()) <= _NAME_LINE_WORDS
        and not text.startswith("(")
        and not _BODY_OPENING.match(text)
    )


_NAME_LINE_WORDS = 12


def _goes_on(item: str, text: str, lines: list[Line], j: int) -> bool:
    """Whether line ``j`` (``text``, no bullet) goes on with the ``item`` before it: the item stopped
    mid-phrase ("… cơ quan thuộc" / "Chính phủ;"), or it has no closing mark and a bullet follows
    the line, so the line is inside the list ("… Mặt trận Tổ" / "Quốc Việt Nam;", "… Trung ương" /
    "(b/c);")."""
    if runs_on(item, text):
        return True
    if item.endswith((";", ".", ":")):
        return False
    following = next((line.text for line in lines[j + 1 :] if line.text), "")
    return bool(_BULLET.match(following))


def add_recipients(found: Findings, items: list[str], reason: str) -> None:
    """Add to the recipients; the reason names every kind of list they came from, in order."""
    found.values.setdefault("recipients", []).extend(items)  # type: ignore[union-attr]
    known = found.reasons.get("recipients")
    if known is None:
        found.reasons["recipients"] = reason
    elif reason not in known:
        found.reasons["recipients"] = f"{known}; {reason}"
