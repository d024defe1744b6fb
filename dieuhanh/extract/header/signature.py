"""The closing: the "Nơi nhận" list and the signature block (TM./KT. lines, the signer's title,
the signer's name)."""

from __future__ import annotations

import re
from itertools import chain, pairwise

from dieuhanh.extract.citations import squash
from dieuhanh.extract.header.model import Findings
from dieuhanh.extract.header.recipients import NOI_NHAN, add_recipients, collect_list
from dieuhanh.extract.header.text import Line, cells, last_lines, lines_of, upper_text

_CLOSING_LINES = 80  # lines read after "Nơi nhận", or at the end when there is none
_LINES_BEFORE_NOI_NHAN = 15  # where a signature set before "Nơi nhận" is looked for

# "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL. BỘ TRƯỞNG"; Party documents write "T/M", "K/T".
_SIGNATURE_LINES = 12  # a signature block from its first marker line
_MARKER_LINE = re.compile(r"(?m)^[ \t]*(?:T/?M|K/?T|T/?L|TUQ)\s*\.?\s+[A-ZĐ]")
_MARKER = re.compile(r"^(?P<m>T/?M|K/?T|T/?L|TUQ|Q)\s*\.?\s+(?P<for>.+)$")
_TITLE_WORDS = re.compile(
    r"CHỦ TỊCH|GIÁM ĐỐC|THỦ TƯỚNG|TRƯỞNG|CHỦ NHIỆM|CHÁNH|BÍ THƯ|ỦY VIÊN|PHÓ|TỔNG THƯ KÝ|ĐẠI DIỆN"
)


def parse_closing(text: str, masked: str, body_start: int, found: Findings) -> int:
    """Read "Nơi nhận" and the signature block; returns where the closing begins."""
    nn = NOI_NHAN.search(masked, body_start)
    if not nn:
        # No "Nơi nhận": the first signing marker, else the last lines (an appendix may follow).
        marker = _MARKER_LINE.search(masked, body_start)
        if marker:
            lines = lines_of(masked, marker.start(), len(masked), _SIGNATURE_LINES)
        else:
            lines = last_lines(masked, body_start, len(masked), _CLOSING_LINES)
        start = read_signature(text, lines, found)
        return start if start is not None else len(text)
    lines = lines_of(masked, nn.start(), len(masked), _CLOSING_LINES)
    head = NOI_NHAN.sub("", lines[0].text, count=1).strip()
    items, j = collect_list(lines, 0, "")
    if head:
        items.insert(0, head.lstrip(":").strip())
    if items:
        add_recipients(found, items, "danh sách «Nơi nhận:»")
    start = read_signature(text, lines[j:], found)
    if start is not None:
        return nn.start()
    # The signature may stand beside or above the list (two columns flattened).
    before = last_lines(masked, body_start, nn.start(), _LINES_BEFORE_NOI_NHAN)
    start = read_signature(text, before, found)
    return min(nn.start(), start) if start is not None else nn.start()


def is_name(text: str) -> bool:
    """A person's name: two to five capitalised words ("Nguyễn Thị Thu")."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(w.isalpha() and w[0].isupper() and w[1:].islower() for w in words)


def read_signature(text: str, lines: list[Line], found: Findings) -> int | None:
    """TM./KT. lines, title lines, then the signer's name; returns where the block starts."""
    markers: list[tuple[str, str]] = []  # ("KT.", "CHỦ TỊCH")
    titles: list[str] = []
    start = None
    pending_marker = False  # the marker's body goes on on the next line ("TM. ỦY BAN" / "NHÂN DÂN")
    # Each cell with the one after it (read as the loop gets there: the block ends early).
    cells_in_order = ((line, cell) for line in lines for cell in cells(text, line))
    for (line, cell), (_, following) in pairwise(chain(cells_in_order, [(None, "")])):
        mm = _MARKER.match(cell)
        if mm and upper_text(mm.group("for")):
            markers.append((mm.group("m").replace("/", "") + ".", mm.group("for")))
            pending_marker = cell.endswith(",") or mm.group("for").endswith(("NHÂN", "ỦY BAN", "UỶ BAN"))
            start = line.start if start is None else start
            continue
        if upper_text(cell) and len(cell.split()) <= 8:
            if pending_marker and markers:
                markers[-1] = (markers[-1][0], f"{markers[-1][1]} {cell}")
                pending_marker = cell.endswith(",")
                continue
            if _TITLE_WORDS.search(cell) or markers:
                titles.append(cell)
                start = line.start if start is None else start
            continue
        pending_marker = False
        if start is None:
            continue
        # A name broken inside its bold run ("**Phạm" / "Mạnh Cường**", "**Lê Tấn" / "Cận**") is
        # joined again; so is a first word left alone on its line.
        joined = f"{cell} {following}".strip()
        open_run = len(re.findall(r"\*+", text[line.start : line.end])) % 2 == 1
        for name in (joined, cell) if open_run else (cell, joined):
            if is_name(name):
                _set_signer(found, name, markers, titles)
                return start
        if len(cell) > 60:
            return None
    return None


def _set_signer(found: Findings, name: str, markers: list[tuple[str, str]], titles: list[str]) -> None:
    block = " / ".join([m + " " + f for m, f in markers] + titles + [name])
    reason = f"Tên người ký trong khối chữ ký: «{block}»"
    found.set("signer", name, reason)
    if markers:
        found.set("signing_authority", markers[-1][0], reason)
        found.set("signing_for", squash(markers[-1][1]), reason)
    if titles:
        found.set("signer_title", titles[-1], reason)
    elif markers:
        found.set("signer_title", None, reason)
    found.values["closing_titles"] = [f for _, f in markers] + titles
