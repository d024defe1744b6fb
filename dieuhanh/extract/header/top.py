"""The header block at the top: issuer lines, "Số:", place and date, title, subject, "Kính gửi",
stamps. One walk over its lines, each line handed to the rule that recognises it."""

from __future__ import annotations

import re
from collections.abc import Callable

from dieuhanh.extract.citations import squash
from dieuhanh.extract.header.anchors import find_anchor, fixed_phrase_spans
from dieuhanh.extract.header.issuer import read_issuer_lines
from dieuhanh.extract.header.model import Findings
from dieuhanh.extract.header.numbers import read_number, search_number_line
from dieuhanh.extract.header.place_date import DATE_LINE, read_place_date
from dieuhanh.extract.header.recipients import add_recipients, address_label, collect_list
from dieuhanh.extract.header.subject import (
    VV,
    read_subject_after_title,
    read_subject_under_number,
    read_title_subject,
    read_vv,
)
from dieuhanh.extract.header.text import Line, blank, end_of_lines, lines_of, upper_text
from dieuhanh.extract.header.vocabulary import TYPES

_HEAD_LINES = 80  # lines read below the anchor
_LINES_ABOVE = 60  # lines kept above the anchor
_CHARS_ABOVE = 1500
_ISSUER_LINES_ABOVE = 8  # non-empty upper-case lines an issuer block may take above the anchor

_CONFIDENTIALITY = {"TUYỆT MẬT": "Tuyệt mật", "TỐI MẬT": "Tối mật", "MẬT": "Mật"}
_URGENCY = {
    "HỎA TỐC HẸN GIỜ": "Hỏa tốc",
    "HOẢ TỐC HẸN GIỜ": "Hỏa tốc",
    "HỎA TỐC": "Hỏa tốc",
    "HOẢ TỐC": "Hỏa tốc",
    "THƯỢNG KHẨN": "Thượng khẩn",
    "KHẨN": "Khẩn",
}
_STAMP = re.compile(
    r"(?<!\w)(" + "|".join(sorted({*_CONFIDENTIALITY, *_URGENCY}, key=len, reverse=True)) + r")(?!\w)"
)
# "THÔNG BÁO Về việc ...": the type and the subject on one line.
_TITLE_WITH_SUBJECT = re.compile(
    r"^(?P<type>" + "|".join(sorted(TYPES, key=len, reverse=True)) + r")\s+(?P<subject>(?:Về|V/v|VỀ)\s.+)$"
)
_ITEM = re.compile(r"^[IVX]+\.|^\d+\.")
_MAX_AUTHORITY_WORDS = 15
_LEFT_COLUMN_LINES = 6  # lines of a "Số:" and "V/v" block printed above the Quốc hiệu
_REACH_LINES = 3  # a number or date line may run onto this many lines after its first


def parse_top(text: str, masked: str, found: Findings) -> int:
    """Read the header block into ``found``; returns where the body begins."""
    anchor = find_anchor(masked)
    if anchor is None:
        found.reasons["issuer"] = "Không thấy phần đầu văn bản (Quốc hiệu, số, ký hiệu)"
        return 0
    top = _top_of_zone(masked, anchor)
    end = end_of_lines(masked, top, _HEAD_LINES + _LINES_ABOVE)
    # Fixed phrases are blanked so that what remains upper case is the issuer.
    work = blank(masked, fixed_phrase_spans(masked, top, end))
    lines = lines_of(work, top, end)
    idx = next(i for i, line in enumerate(lines) if line.end >= anchor)
    first = _issuer_block_start(lines, idx)
    last = min(len(lines) - 1, idx + _HEAD_LINES)
    return _walk(text, work, lines[first : last + 1], found)


def _top_of_zone(masked: str, anchor: int) -> int:
    """Where to start reading above the anchor: at most ``_LINES_ABOVE`` lines and about
    ``_CHARS_ABOVE`` characters up, so that the lines read reach the anchor even after hundreds
    of empty lines (page breaks, empty table rows left by a converter)."""
    top = max(0, masked.rfind("\n", 0, max(0, anchor - _CHARS_ABOVE)) + 1)
    above = anchor
    for _ in range(_LINES_ABOVE):
        above = masked.rfind("\n", top, above)
        if above < 0:
            return top
    return above + 1


def _issuer_block_start(lines: list[Line], idx: int) -> int:
    """Where the header block starts above the anchor: the issuer lines just above it (upper-case
    or empty lines; the Quốc hiệu and motto are blanked by now). Portal pages print the left
    column first: issuer, "Số:" and "V/v ..." lines, then the Quốc hiệu."""
    first = idx
    for k in range(idx - 1, max(-1, idx - 1 - _LEFT_COLUMN_LINES), -1):
        t = lines[k].text
        if VV.match(t) or t.startswith("Số") and search_number_line(t, 0, len(t)):
            first = k
    seen = 0
    while first > 0 and seen < _ISSUER_LINES_ABOVE:
        t = lines[first - 1].text
        if t and not upper_text(t):
            break
        seen += bool(t)
        first -= 1
    return first


def _walk(text: str, work: str, zl: list[Line], found: Findings) -> int:
    """Hand each line of the header block ``zl`` to the rule that reads it, until a line no rule
    reads: the body begins there. Returns where."""
    fragments: list[str] = []  # upper-case lines before the number: the issuer
    i = 0
    subject_open = False  # the line after "Số:" may carry the subject ("Về hướng dẫn ...")
    body = None
    while i < len(zl):
        line = zl[i]
        t = _read_stamps(line.text, found)
        if not t:
            i += 1
            continue
        # Either may run onto the next lines ("Số:" / "2820/QĐ-UBND", "Hà Nội, ngày 20" / "tháng 11").
        reach = zl[min(i + _REACH_LINES, len(zl) - 1)].end
        nm, dm = (_starting_on(find, work, line, reach) for find in (search_number_line, DATE_LINE.search))
        if nm or dm:
            i, subject_open = _read_number_and_date(found, text, work, zl, i, nm, dm, fragments)
            continue
        if VV.match(t):
            i = read_vv(found, text, zl, i, VV.sub("", t))
            subject_open = False
            continue
        if subject_open and t.startswith("Về ") and "subject" not in found.values:
            i = read_subject_under_number(found, zl, i)
            continue
        subject_open = False
        label = address_label(zl, i)
        if label and _addresses(label[1]):
            at, lead, rest = label
            if "gửi" in lead:
                found.values["kinh_gui"] = True  # the layout of a letter (công văn)
            items, i = collect_list(zl, at, rest)
            add_recipients(found, items, f"Danh sách sau «{squash(lead)}:»")
            continue
        title_lines = _title_lines(zl, i) if "doc_type" not in found.values else 0
        if title_lines:
            title = " ".join(line.text for line in zl[i : i + title_lines])
            found.set("doc_type", TYPES[title], f"Tên loại văn bản trên dòng riêng: «{title}»")
            i = read_title_subject(found, text, zl, i + title_lines)
            continue
        tm = _TITLE_WITH_SUBJECT.match(t)
        if tm and "doc_type" not in found.values:
            found.set("doc_type", TYPES[tm.group("type")], f"Tên loại văn bản: «{t}»")
            i = read_subject_after_title(found, zl, i, tm.group("subject"))
            continue
        before_number = "doc_type" not in found.values and not found.has("number") and not found.has("date")
        if before_number and upper_text(t):
            fragments.append(t)
            i += 1
            continue
        if _authority_line(found, t):
            i = _read_authority(found, zl, i)
            continue
        body = line.start
        break
    if fragments:
        read_issuer_lines(found, fragments)
    if body is None:
        body = zl[-1].end if zl else 0
    return body


def _read_number_and_date(
    found: Findings,
    text: str,
    work: str,
    zl: list[Line],
    i: int,
    nm: re.Match[str] | None,
    dm: re.Match[str] | None,
    fragments: list[str],
) -> tuple[int, bool]:
    """The "Số:" and/or place-date line at line ``i`` (two columns may share one line; upper-case
    text before them is the issuer's, "V/v" after them the subject). Returns the index of the
    next line, and whether a subject may follow on it ("Số: ..." / "Về việc ...")."""
    matched = [x for x in (nm, dm) if x]
    pre = squash(work[zl[i].start : min(x.start() for x in matched)])
    if pre and upper_text(pre) and not found.has("number") and not found.has("date"):
        fragments.append(pre)
    if nm:
        read_number(found, nm)
    if dm:
        read_place_date(found, dm)
    if nm and dm and dm.start() > nm.end() and VV.match(squash(work[nm.end() : dm.start()])):
        vv = VV.sub("", squash(work[nm.end() : dm.start()]))
        found.set("subject", vv, f"Trích yếu sau «V/v»: «{vv}»")
    consumed = max(x.end() for x in matched)
    k = i
    while k + 1 < len(zl) and zl[k].end < consumed:
        k += 1
    rest = squash(work[consumed : zl[k].end])
    if VV.match(rest):
        return read_vv(found, text, zl, k, VV.sub("", rest)), False
    return k + 1, bool(nm) and not rest


def _read_authority(found: Findings, zl: list[Line], i: int) -> int:
    """The authority line at line ``i``; it may break across lines ("CHỦ TỊCH ỦY BAN NHÂN DÂN" /
    "TỈNH BÌNH MINH"). Returns the index of the line after it."""
    parts = [zl[i].text]
    i += 1
    while i < len(zl) and upper_text(zl[i].text) and len(" ".join(parts).split()) < _MAX_AUTHORITY_WORDS:
        parts.append(zl[i].text)
        i += 1
    authority = " ".join(parts)
    found.set("authority", authority, f"Dòng thẩm quyền ban hành: «{authority}»")
    return i


def _title_lines(zl: list[Line], i: int) -> int:
    """How many lines the title at line ``i`` takes ("KẾ HOẠCH"; "QUYẾT" / "ĐỊNH" broken inside
    its bold run), or 0 when it holds none."""
    t = zl[i].text
    if t.isupper() and t in TYPES:
        return 1
    following = zl[i + 1].text if i + 1 < len(zl) else ""
    return 2 if t.isupper() and following.isupper() and f"{t} {following}" in TYPES else 0


def _read_stamps(t: str, found: Findings) -> str:
    """Secrecy and urgency stamps ("MẬT", "HỎA TỐC") on a line; returns the rest of the line."""
    stamps = list(_STAMP.finditer(t))
    for sm in stamps:
        word = sm.group(1)
        if word in _CONFIDENTIALITY:
            found.set("confidentiality", _CONFIDENTIALITY[word], f"Dấu độ mật ở phần đầu: «{word}»")
        else:
            found.set("urgency", _URGENCY[word], f"Dấu độ khẩn ở phần đầu: «{word}»")
    return squash(_STAMP.sub(" ", t)) if stamps else t


def _starting_on(
    search: Callable[[str, int, int], re.Match[str] | None], work: str, line: Line, reach: int
) -> re.Match[str] | None:
    """The first match ``search`` finds that starts on ``line`` and ends by ``reach``."""
    m = search(work, line.start, reach)
    return m if m and m.start() <= line.end else None


def _addresses(lead: str) -> bool:
    """ "Kính gửi", "THỦ TƯỚNG CHÍNH PHỦ điện": a list of addressees follows."""
    return lead.lower().endswith("gửi") or upper_text(lead[:-4] or "") or "điện" in lead


def _authority_line(found: Findings, t: str) -> bool:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X" under a decision's subject: who issues it."""
    return (
        "subject_done" in found.values
        and "authority" not in found.values
        and upper_text(t)
        and len(t.split()) <= _MAX_AUTHORITY_WORDS
        and not _ITEM.match(t)
    )
