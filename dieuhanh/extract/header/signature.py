"""The closing: the "Nơi nhận" list and the signature block (TM./KT. lines, the signer's title,
the signer's name)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain, pairwise

from dieuhanh.extract.citations import mask_markup, squash, stars_out_of_words
from dieuhanh.extract.header.model import Findings
from dieuhanh.extract.header.recipients import NOI_NHAN, add_recipients, collect_list
from dieuhanh.extract.header.text import Line, breaks_a_phrase, last_lines, lines_of, upper_text

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
        start = read_signature(text, lines, found, located=marker is not None)
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
    start = read_signature(text, before, found, located=False)
    return min(nn.start(), start) if start is not None else nn.start()


def is_name(text: str) -> bool:
    """A person's name: two to five capitalised words ("Nguyễn Thị Thu")."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(w.isalpha() and w[0].isupper() and w[1:].islower() for w in words)


def read_signature(text: str, lines: list[Line], found: Findings, located: bool = True) -> int | None:
    """TM./KT. lines, title lines, then the signer's name; returns where the block starts. Where
    the closing was ``located`` (after "Nơi nhận" or at a signing marker), any upper-case line
    right above a name is its title ("TỔNG KIỂM TOÁN NHÀ NƯỚC"); at the mere end of a text only
    a line with a title word is."""
    markers: list[tuple[str, str]] = []  # ("KT.", "CHỦ TỊCH")
    titles: list[str] = []
    start = None
    # Each cell with the one after it (read as the loop gets there: the block ends early).
    for (line, cell), (_, following) in pairwise(chain(_units(text, lines), [(None, "")])):
        mm = _MARKER.match(cell)
        if mm and upper_text(mm.group("for")):
            # "KT. TRƯỞNG BAN X PHÓ TRƯỞNG BAN": the deputy's title flattened onto the marker's line
            signing_for, deputy, title = mm.group("for").partition(" PHÓ ")
            markers.append((mm.group("m").replace("/", "") + ".", signing_for))
            if deputy:
                titles.append(deputy.strip() + " " + title)
            start = line.start if start is None else start
            continue
        if upper_text(cell) and len(cell.split()) <= _TITLE_MAX_WORDS:
            if markers or _TITLE_WORDS.search(cell) or located and is_name(following):
                titles.append(cell)
                start = line.start if start is None else start
            continue
        if start is None:
            continue
        # A first word left alone on its line ("Ngô" / "Văn Tuấn") is joined again.
        for name in (cell, f"{cell} {following}"):
            if is_name(name):
                _set_signer(found, name, markers, titles)
                return start
        if len(cell) > 60:
            return None
    return None


_TITLE_MAX_WORDS = 8
_RUN_CELLS = 4  # cells a name broken inside its emphasis run may span
# Words of signing lines that converters break across lines ("T/M BỘ CHÍNH" / "TRỊ").
_SIGNING_PHRASES = (
    "ỦY BAN NHÂN DÂN",
    "UỶ BAN NHÂN DÂN",
    "HỘI ĐỒNG NHÂN DÂN",
    "BAN CHẤP HÀNH TRUNG ƯƠNG",
    "BỘ CHÍNH TRỊ",
    "BAN BÍ THƯ",
    "BAN THƯỜNG VỤ",
    "CHỦ TỊCH",
    "CHỦ NHIỆM",
    "GIÁM ĐỐC",
    "THỦ TƯỚNG",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
    "VIỆN TRƯỞNG",
    "TRƯỞNG BAN",
    "CHÁNH VĂN PHÒNG",
    "TỔNG THƯ KÝ",
)


def _cells(text: str, line: Line) -> list[tuple[str, bool]]:
    """The cells of a line of the original text (table pipes and wide gaps separate them), each
    with whether it holds an odd number of star runs: it opens an emphasis it does not close, or
    closes one opened on a line before."""
    out = []
    for piece in re.split(r"\||\s{3,}", text[line.start : line.end]):
        cell = squash(mask_markup(piece))
        if cell:  # stars inside a word ("H****òa**") mark no run of their own
            out.append((cell, len(re.findall(r"\*+", stars_out_of_words(piece))) % 2 == 1))
    return out


def _goes_on(before: str, cell: str) -> bool:
    """Whether the upper-case ``cell`` goes on with the signing line before it: a marker left alone
    ("KT." / "CỤC TRƯỞNG"), a line stopped after a comma, "VÀ" or "PHÓ", a line that opens with a
    linking word ("VỀ HQ"), or a phrase broken."""
    return (
        bool(_LONE_MARKER.match(before))
        or before.endswith((",", " VÀ", " PHÓ"))
        or cell.startswith(("VỀ ", "VÀ ", "CỦA "))
        or before == "PHÓ"
        or breaks_a_phrase(before, cell, _SIGNING_PHRASES)
    )


_LONE_MARKER = re.compile(r"^(?:T/?M|K/?T|T/?L|TUQ)\s*\.?$")


def _opens_a_line(cell: str) -> bool:
    """A signing marker or a title opens its own line, even inside one emphasis run with others."""
    return bool(_MARKER.match(cell) or _LONE_MARKER.match(cell) or _TITLE_WORDS.match(cell))


def _units(text: str, lines: list[Line]) -> Iterator[tuple[Line, str]]:
    """The cells of the block in order, a signing line or a name broken across lines joined again:
    upper-case lines by ``_goes_on`` ("**TL. CỤC" / "TRƯỞNG**") or inside an emphasis run unless
    the next one opens a line of its own, a name by its emphasis run ("**Nguyễn" / "Thị Thu**")."""
    held: tuple[Line, str] | None = None  # an upper-case cell that the next one may go on with
    held_open = False  # whether it leaves an emphasis run open ("**TỔNG KIỂM TOÁN NHÀ" / "NƯỚC**")
    run: list[str] = []  # the parts of a name whose emphasis run is still open
    run_line = None
    for line in lines:
        for cell, odd in _cells(text, line):
            upper = upper_text(cell)
            if run and not upper and len(run) < _RUN_CELLS:
                run.append(cell)
                if odd:
                    yield run_line, " ".join(run)
                    run = []
                continue
            yield from ((run_line, part) for part in run)  # a run that never closed
            run = []
            if held and upper and (_goes_on(held[1], cell) or held_open and not _opens_a_line(cell)):
                held = (held[0], f"{held[1]} {cell}")
                held_open ^= odd
                continue
            if held:
                yield held
                held = None
            if upper:
                held, held_open = (line, cell), odd
            elif odd:
                run, run_line = [cell], line
            else:
                yield line, cell
    if held:
        yield held
    yield from ((run_line, part) for part in run)


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
