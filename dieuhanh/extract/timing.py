"""Time in a passage: its deadline, a lead-in's deadline for its items, and separable reports.

The time phrases themselves are read by ``dieuhanh.vn.deadlines``; this module decides which
phrase is the passage's deadline and when a reporting duty with its own cycle or date is a
task of its own ("xây dựng kế hoạch …; báo cáo … trước ngày 15 hằng tháng" gives two).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from dieuhanh.extract.normalize import UPPER, Line
from dieuhanh.vn.deadlines import Deadline, parse_deadline, pick_deadline

NO_DEADLINE = Deadline("none", None, None, None, reason="Không nêu thời hạn.")

INLINE_TIME = re.compile(
    r"(?:^|[.;]\s*)(?:Thời gian|Thời hạn)(?: (?:thực hiện|hoàn thành|ban hành|trình))*(?:/[^:]{1,20})?\s*:\s*([^.;]+)"
)
# What opens a report clause; the clause opens the text or follows a stop or a comma.
_REPORT_OPENING = (
    r"(?=(?:(?:[Đđ]ịnh kỳ|[Hh]ằng|[Hh]àng|[Đđ]ồng thời)[^,;.]{0,30}?\s)?(?:xây dựng |gửi |tổng hợp,? |thực hiện chế độ )?"
    r"(?:báo cáo|Báo cáo|gửi báo cáo|Xây dựng báo cáo|Định kỳ|định kỳ|Kết quả [^.;]{0,60}gửi))"
)
# Apart, not as "(?:^|[.;]\s+|,\s+)": with "^" among the openings the engine tries every position;
# without it, it jumps from stop to comma in C.
_REPORT_AT_START = re.compile(_REPORT_OPENING)
_REPORT_CLAUSE = re.compile(r"[.;,]\s+" + _REPORT_OPENING)


def _report_clause_starts(text: str, pos: int) -> list[int]:
    r"""Where the report clauses from ``pos`` start: ``(?:^|[.;]\s+|,\s+)`` + the opening, found
    from ``pos`` ("^" matches only at 0, not at ``pos``)."""
    starts = [0] if pos == 0 and _REPORT_AT_START.match(text) else []
    starts += [m.end() for m in _REPORT_CLAUSE.finditer(text, pos)]
    return starts


_SECTION_DEADLINE_CUE = re.compile(r"hoàn thành|trước ngày|xong")
# Cheap test before asking the deadline parser: a number or a cycle word.
_DIGIT = re.compile(r"\d")
_ASCII_DIGITS = "0123456789"
_TIME_WORDS = tuple(
    f"{first}{rest}"
    for word in (
        "hằng",
        "hàng",
        "định kỳ",
        "thường xuyên",
        "quý",
        "quí",
        "tháng",
        "năm",
        "ngay",
        "khi",
        "kỳ",
        "sau",
        "tiến độ",
        "lộ trình",
        "kế hoạch riêng",
    )
    for first, rest in ((word[0], word[1:]), (word[0].upper(), word[1:]))
)


def _time_hint(text: str) -> bool:
    """Whether ``text`` holds a decimal digit or a time word: else it names no time."""
    # Substring tests run in C (a one-character one as a memchr): far cheaper than a pattern that
    # checks every position. ``\d`` also matches digits other than 0-9, so it decides the rest.
    for digit in _ASCII_DIGITS:
        if digit in text:
            return True
    for word in _TIME_WORDS:
        if word in text:
            return True
    return _DIGIT.search(text) is not None


# "ưu tiên các nhiệm vụ phải hoàn thành trong quý II": the time names what to prioritise, not a deadline.
_PRIORITY_CLAUSE = re.compile(r"(?:^|(?<=[,;]))\s*ưu tiên[^;.]*")
# Where a sentence ends ("." or ";") and the next, capitalised, one starts: the blank after the stop.
_AFTER_STOP = re.compile(r"\s+(?=[" + UPPER + "])")


def sentence_starts(text: str, pos: int = 0) -> list[int]:
    """Where the sentences after ``pos`` start (a stop right before ``pos`` counts).

    Each stop is found with ``str.find`` (far cheaper than a pattern scanning the text for a
    stop) and looked at on its own: the blank run after one stop never holds another stop, so the
    stops' sentences neither overlap nor come out of order once sorted."""
    starts = []
    begin = max(pos - 1, 0)
    for stop in ".;":
        at = text.find(stop, begin)
        while at >= 0:
            m = _AFTER_STOP.match(text, at + 1)
            if m:
                starts.append(m.end())
            at = text.find(stop, at + 1)
    starts.sort()
    return starts


# Words that every report clause holds (see _REPORT_CLAUSE).
_REPORT_WORDS = ("báo cáo", "Báo cáo", "Định kỳ", "định kỳ", "Kết quả")


def _has_report_word(text: str) -> bool:
    # Substring tests run in C: cheaper than one alternation tried at every position.
    return any(word in text for word in _REPORT_WORDS)


def section_deadline(text: str, doc_date: date | None) -> Deadline | None:
    """A date or period stated in a lead-in for all its items ("hoàn thành trong tháng 11, cụ thể:")."""
    if not _SECTION_DEADLINE_CUE.search(text):
        return None
    dl = pick_deadline(text, doc_date)
    return dl if dl.kind in ("date", "period") else None


# How a passage's time phrases are read: ``pick_deadline`` or a per-document memo of it.
Picker = Callable[[str, date | None], Deadline]


def report_split(
    line: Line, duty_at: int, doc_date: date | None, pick: Picker = pick_deadline
) -> list[tuple[Line, str]]:
    """Separate a reporting duty that has its own recurring or dated deadline."""
    text = line.text
    if "Thời" in text and INLINE_TIME.search(text):
        return [(line, "")]
    if not _has_report_word(text):
        return [(line, "")]  # no report clause, no sentence opening on "báo cáo"
    boundaries = _report_clause_starts(text, duty_at)
    boundaries += [at for at in sentence_starts(text, duty_at) if "báo cáo" in text[at : at + 100]]
    for at in sorted(set(boundaries)):
        after_comma = text[:at].rstrip().endswith(",")
        if after_comma and len(text[duty_at:at].split()) < 8:
            continue
        tail = text[at:]
        head = text[:at]
        if not _time_hint(tail):
            break  # the later tails are within this one: no time words there either
        tail_dl = pick(tail, doc_date)
        if tail_dl.kind not in ("recurring", "date") or (tail_dl.recurrence or "").startswith("periodic"):
            continue
        # A dated report is its own duty only as its own sentence, or after a semicolon when the
        # duty before it has a deadline of its own: "…; báo cáo … trước ngày X" that carries the
        # item's only deadline delivers the same duty. A recurring report is separable even after
        # a comma.
        if tail_dl.kind == "date" and after_comma:
            continue
        head_dl = pick(head, doc_date)
        if head_dl.kind == tail_dl.kind:
            continue
        own_sentence = head.rstrip().endswith(".")
        if tail_dl.kind == "date" and not own_sentence and head_dl.kind not in ("date", "period"):
            continue
        return [
            (line.slice(0, at), ""),
            (line.slice(at), "Tách phần báo cáo có thời hạn riêng."),
        ]
    return [(line, "")]


def passage_deadline(
    text: str,
    doc_date: date | None,
    inherited: Deadline | None = None,
    inherited_reason: str = "",
    pick: Picker = pick_deadline,
) -> tuple[Deadline, str]:
    """The deadline of one passage: its "Thời gian …:" line, else the time phrase in it, else the section's."""
    if "ưu tiên" in text:
        text = _PRIORITY_CLAUSE.sub(" ", text)
    inline = INLINE_TIME.search(text) if "Thời" in text else None
    if inline:
        dl = parse_deadline(inline.group(1).strip(), doc_date)
        if dl.kind != "none" or dl.text:
            return dl, f"Dòng “Thời gian”: {inline.group(1).strip()}. {dl.reason}"
    dl = pick(text, doc_date) if _time_hint(text) else NO_DEADLINE
    if dl.kind != "none":
        return dl, dl.reason
    if inherited is not None:
        return inherited, inherited_reason
    return dl, dl.reason or NO_DEADLINE.reason
