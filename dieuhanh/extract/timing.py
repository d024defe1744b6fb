"""Time in a passage: its deadline, a lead-in's deadline for its items, and separable reports.

The time phrases themselves are read by ``dieuhanh.vn.deadlines``; this module decides which
phrase is the passage's deadline and when a reporting duty with its own cycle or date is a
task of its own ("xây dựng kế hoạch …; báo cáo … trước ngày 15 hằng tháng" gives two).
"""

from __future__ import annotations

import re
from datetime import date

from dieuhanh.extract.normalize import UPPER, Line, join_lines
from dieuhanh.vn.deadlines import Deadline, parse_deadline, pick_deadline

NO_DEADLINE = Deadline("none", None, None, None, reason="Không nêu thời hạn.")

INLINE_TIME = re.compile(
    r"(?:^|[.;]\s*)(?:Thời gian|Thời hạn)(?: (?:thực hiện|hoàn thành|ban hành|trình))*(?:/[^:]{1,20})?\s*:\s*([^.;]+)"
)
# A report clause: it opens the text or follows a stop or a comma.
_REPORT_OPENING = (
    r"(?=(?:(?:[Đđ]ịnh kỳ|[Hh]ằng|[Hh]àng|[Đđ]ồng thời)[^,;.]{0,30}?\s)?(?:xây dựng |gửi |tổng hợp,? |thực hiện chế độ )?"
    r"(?:báo cáo|Báo cáo|gửi báo cáo|Xây dựng báo cáo|Định kỳ|định kỳ|Kết quả [^.;]{0,60}gửi))"
)
_REPORT_CLAUSE = re.compile(r"(?:^|[.;]\s+|,\s+)" + _REPORT_OPENING)


def _report_clause_starts(text: str, pos: int) -> list[int]:
    """Where the report clauses from ``pos`` start."""
    return [m.end() for m in _REPORT_CLAUSE.finditer(text, pos)]


# An opening clause of aim: "Để …," / "Nhằm …," up to its comma.
_PURPOSE = re.compile(r"\s*(?:Để|Nhằm|Với mục tiêu|Hướng tới)\b[^,;:]*,")
_SECTION_DEADLINE_CUE = re.compile(r"hoàn thành|trước ngày|xong")
# "ưu tiên các nhiệm vụ phải hoàn thành trong quý II": the time names what to prioritise, not a deadline.
_PRIORITY_CLAUSE = re.compile(r"(?:^|(?<=[,;]))\s*ưu tiên[^;.]*")
# Where a sentence starts: after "." or ";" and blanks, on a capital letter.
_SENTENCE_START = re.compile(r"[.;]\s+(?=[" + UPPER + "])")


def sentence_starts(text: str, pos: int = 0) -> list[int]:
    """Where the sentences after ``pos`` start (a stop right before ``pos`` counts)."""
    return [m.end() for m in _SENTENCE_START.finditer(text, max(pos - 1, 0))]


def section_deadline(text: str, doc_date: date | None) -> Deadline | None:
    """A date or period stated in a lead-in for all its items ("hoàn thành trong tháng 11, cụ thể:").

    The aim the lead-in opens with is not one ("Để kịp khánh thành trước ngày 15/12/2026, yêu cầu
    các bộ: …"): only what follows it can set the items' deadline."""
    purpose = _PURPOSE.match(text)
    if purpose:
        text = text[purpose.end() :]
    if not _SECTION_DEADLINE_CUE.search(text):
        return None
    dl = pick_deadline(text, doc_date)
    return dl if dl.kind in ("date", "period") else None


_CLAUSE_END = re.compile(r";\s")


def _clause_end(text: str, at: int) -> int:
    """Where the clause opening at ``at`` ends: its semicolon, else the end of the text."""
    m = _CLAUSE_END.search(text, at)
    return m.start() + 1 if m else len(text)


def report_split(line: Line, duty_at: int, doc_date: date | None) -> list[tuple[Line, str]]:
    """Separate a reporting duty that has its own recurring or dated deadline."""
    text = line.text
    if INLINE_TIME.search(text):
        return [(line, "")]
    boundaries = _report_clause_starts(text, duty_at)
    boundaries += [at for at in sentence_starts(text, duty_at) if "báo cáo" in text[at : at + 100]]
    for at in sorted(set(boundaries)):
        after_comma = text[:at].rstrip().endswith(",")
        if after_comma and len(text[duty_at:at].split()) < 8:
            continue
        tail = text[at:]
        head = text[:at]
        clause_end = _clause_end(text, at)
        if clause_end < len(text.rstrip(" .;")):
            # "…; báo cáo Thủ tướng hằng tuần vào thứ Sáu; …": a periodic report in the middle
            # of an item is split off alone, the rest stays with the item.
            clause_dl = pick_deadline(text[at:clause_end], doc_date)
            periodic = clause_dl.kind == "recurring" and not (clause_dl.recurrence or "").startswith(
                "periodic"
            )
            if periodic and pick_deadline(head, doc_date).kind != "recurring":
                head_end = len(text[:at].rstrip())
                rest_start = clause_end + len(text[clause_end:]) - len(text[clause_end:].lstrip())
                rest = join_lines([line.slice(0, head_end), line.slice(rest_start)])
                report = line.slice(at, clause_end - 1)
                return [(rest, ""), (report, "Tách phần báo cáo có thời hạn riêng.")]
        tail_dl = pick_deadline(tail, doc_date)
        if tail_dl.kind not in ("recurring", "date") or (tail_dl.recurrence or "").startswith("periodic"):
            continue
        # A dated report is its own duty only as its own sentence, or after a semicolon when the
        # duty before it has a deadline of its own: "…; báo cáo … trước ngày X" that carries the
        # item's only deadline delivers the same duty. A recurring report is separable even after
        # a comma.
        if tail_dl.kind == "date" and after_comma:
            continue
        head_dl = pick_deadline(head, doc_date)
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
) -> tuple[Deadline, str]:
    """The deadline of one passage: its "Thời gian …:" line, else the time phrase in it, else the section's."""
    text = _PRIORITY_CLAUSE.sub(" ", text)
    inline = INLINE_TIME.search(text)
    if inline:
        dl = parse_deadline(inline.group(1).strip(), doc_date)
        if dl.kind != "none" or dl.text:
            return dl, f"Dòng “Thời gian”: {inline.group(1).strip()}. {dl.reason}"
    dl = pick_deadline(text, doc_date)
    if dl.kind != "none":
        return dl, dl.reason
    if inherited is not None:
        return inherited, inherited_reason
    return dl, dl.reason or NO_DEADLINE.reason
