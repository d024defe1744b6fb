"""Deadline phrases of Vietnamese directives: "trước ngày 10/7/2026", "Quý I - Quý III/2026",
"trước ngày 18 hằng tháng", "trong vòng 15 ngày kể từ ngày nghiệm thu"...

Every rule is a regular expression over a folded copy of the text (diacritics removed, one
character per character, so spans stay in the caller's coordinates) and a small function that
turns the match into a ``Deadline`` with a Vietnamese ``reason`` for the review page.
Spans refer to the NFC form of the text, the form the project stores everywhere.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from dieuhanh.vn.dates import format_vn, safe_date
from dieuhanh.vn.fold import fold_char, nfc
from dieuhanh.vn.periods import month_end, parse_quarter
from dieuhanh.vn.workdays import add_working_days

KINDS = ("date", "period", "recurring", "relative", "none")

# A written date in the past by more than this is a scope or a citation, not a deadline.
_STALE_AFTER = timedelta(days=180)
# A date written without its year that would fall this long before the document belongs to next year.
_NEXT_YEAR_AFTER = timedelta(days=31)


@dataclass(frozen=True)
class Deadline:
    kind: str  # "date" | "period" | "recurring" | "relative" | "none"
    text: str | None  # the phrase as written (whitespace collapsed, '*' removed)
    date: (
        date | None
    )  # date: the day; period: its last day; relative: only when anchored on the document date
    recurrence: str | None  # "monthly:18", "quarterly", "semiannual,yearly", "yearly:12-15", "periodic"...
    count: int | None = None  # relative: N
    working_days: bool = False  # relative: counted in working days
    trigger: str | None = None  # relative: the event phrase ("ngày nghiệm thu bàn giao")
    period_start: date | None = None  # period: first day
    reason: str = ""  # which rule matched, in Vietnamese, for the review page


@dataclass(frozen=True)
class DeadlineMatch:
    deadline: Deadline
    start: int
    end: int


NO_DEADLINE = Deadline("none", None, None, None)


# --------------------------------------------------------------------------- patterns
# All patterns run on folded text: lower case, no diacritics, '*' → ' ', en/em dash → '-'.

_B = r"(?<![a-z0-9])"  # word start
_E = r"(?![a-z0-9])"  # word end
_Q = r"(iv|i{1,3}|[1-4])(?![a-z0-9])"  # a quarter number, Roman or Arabic
_QUY = r"qu[yi]\s+"
_DASH = r"\s*(?:-|den)\s*"
_HANG = r"(?:hang|moi)\s+"  # hằng / hàng / mỗi


def _date_expr(p: str) -> str:
    """A day with month and optional year, numeric ("5-7-2026", "15/7") or in words."""
    return (
        rf"(?:(?P<{p}d>\d{{1,2}})\s*(?P<{p}s>[/.-])\s*(?P<{p}m>\d{{1,2}})(?:\s*(?P={p}s)\s*(?P<{p}y>\d{{4}}))?(?![\d/])"
        rf"|(?P<{p}wd>\d{{1,2}})\s+thang\s+(?P<{p}wm>\d{{1,2}})(?:\s*,?\s*nam\s+(?P<{p}wy>\d{{4}}))?(?!\d))"
    )


_DATE = _date_expr("a")
_DAY_MONTH = r"\d{1,2}\s*[/.-]\s*\d{1,2}(?![\d/])|\d{1,2}\s+thang\s+\d{1,2}(?!\d)"
_ADHOC = r"(?:\s*\(?\s*(?:hoac|va)\s+(?:bao\s+cao\s+)?dot\s+xuat(?:\s+khi\s+co\s+yeu\s+cau)?\s*\)?)?"
_CYCLE = r"(?:6|sau|06)\s+thang|ngay|tuan|thang|quy|nam"
_CYCLE_LIST = rf"(?:\s*(?:,|va|hoac|/)\s*(?:{_HANG}|dinh\s+ky\s+)?(?:{_CYCLE}){_E}(?!\s*[/-]?\s*\d))*"
_PERIOD_CUE = r"(?:trong|cuoi|den\s+het|het|ngay\s+trong|hoan\s+thanh(?:\s+trong)?|xong(?:\s+trong)?|thuc\s+hien\s+trong)\s+"


class _Ctx:
    """What a rule needs besides its match: the document date and the folded text."""

    def __init__(self, original: str, folded: str, doc_date: date | None, slot: bool):
        self.original = original
        self.folded = folded
        self.doc_date = doc_date
        self.slot = slot

    def infer_year(self, month: int, day: int = 1, end: date | None = None) -> int | None:
        """The year of a day or period written without one: the document's year, or the next one
        when that would put it well before the document (a December letter asking for "15/7")."""
        if self.doc_date is None:
            return None
        year = self.doc_date.year
        probe = end or safe_date(year, month, min(day, 28))
        if probe is not None and probe < self.doc_date - _NEXT_YEAR_AFTER:
            return year + 1
        return year

    def clause_before(self, start: int, limit: int = 160) -> str:
        """The folded text from the last clause boundary up to ``start``."""
        lo = max(0, start - limit)
        chunk = self.folded[lo:start]
        cut = max(chunk.rfind(c) for c in ".;:\n")
        return chunk[cut + 1 :]


# A rule returns (deadline, year_was_inferred) or None to reject the match.
_Result = tuple[Deadline, bool] | None


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    build: Callable[[re.Match[str], _Ctx], _Result]
    slot_only: bool = False


def _dmy(m: re.Match[str], p: str) -> tuple[int, int, int | None]:
    if m.group(f"{p}d") is not None:
        day, month, year = m.group(f"{p}d"), m.group(f"{p}m"), m.group(f"{p}y")
    else:
        day, month, year = m.group(f"{p}wd"), m.group(f"{p}wm"), m.group(f"{p}wy")
    return int(day), int(month), int(year) if year else None


def _is_citation(ctx: _Ctx, start: int) -> bool:
    """A date right after a document number or type ("Công văn số 977/UBND-NC ngày ...") is a citation."""
    before = ctx.folded[max(0, start - 60) : start]
    return bool(_CITATION.search(before))


_CITATION = re.compile(
    r"(?:\d+/[a-z0-9/&.-]*[a-z][a-z0-9/&.-]*|so\s+\d+|(?:nghi\s+dinh|thong\s+tu|quyet\s+dinh|chi\s+thi|"
    r"cong\s+van|ke\s+hoach|nghi\s+quyet|thong\s+bao|luat|cong\s+dien|van\s+ban)\s*(?:so\s*)?\d*)\s*,?\s*$"
)


def _day_deadline(ctx: _Ctx, day: int, month: int, year: int | None, why: str) -> _Result:
    inferred = year is None
    if inferred:
        year = ctx.infer_year(month, day)
    if month < 1 or month > 12 or day < 1 or day > 31:
        return None
    d = safe_date(year, month, day) if year is not None else None
    if year is not None and d is None:
        return None
    if d is not None and not ctx.slot and not inferred and ctx.doc_date and d < ctx.doc_date - _STALE_AFTER:
        return None
    shown = format_vn(d) if d else f"{day:02d}/{month:02d} (chưa rõ năm)"
    return Deadline("date", None, d, None, reason=f"{why} → hạn ngày {shown}"), inferred


def _period(
    ctx: _Ctx, start: date | None, end: date | None, label: str, why: str, inferred: bool = False
) -> _Result:
    if (
        end is not None
        and not ctx.slot
        and not inferred
        and ctx.doc_date
        and end < ctx.doc_date - _STALE_AFTER
    ):
        return None
    shown = f"{label}, hạn cuối {format_vn(end)}" if end else f"{label} (chưa rõ năm)"
    return Deadline("period", None, end, None, period_start=start, reason=f"{why} → {shown}"), inferred


# ----- dates


def _build_cued_date(m: re.Match[str], ctx: _Ctx) -> _Result:
    if ctx.folded[max(0, m.start() - 5) : m.start()].endswith("tinh "):
        return None  # "số liệu tính đến ngày 30/6" is a data cut-off, not a deadline
    day, month, year = _dmy(m, "a")
    cue = _clean(ctx.original[m.start("cue") : m.end("cue")])
    return _day_deadline(ctx, day, month, year, f"cụm '{cue} ...'")


def _build_bare_date(m: re.Match[str], ctx: _Ctx) -> _Result:
    day, month, year = _dmy(m, "a")
    if year is None and m.group("as") == ".":
        return None  # "1.4." numbers a section
    return _day_deadline(ctx, day, month, year, "ô thời hạn ghi một ngày")


def _build_date_range(m: re.Match[str], ctx: _Ctx) -> _Result:
    day2, month2, year2 = _dmy(m, "a")
    inferred = year2 is None
    if inferred:
        year2 = ctx.infer_year(month2, day2)
    end = safe_date(year2, month2, day2) if year2 else None
    day1 = int(m.group("d1"))
    month1 = int(m.group("m1")) if m.group("m1") else month2
    year1 = int(m.group("y1")) if m.group("y1") else year2
    if year1 is not None and month1 > month2 and not m.group("y1"):
        year1 -= 1
    start = safe_date(year1, month1, day1) if year1 else None
    if year2 is not None and end is None:
        return None
    label = f"từ {format_vn(start)} đến {format_vn(end)}" if start and end else "khoảng ngày"
    return _period(ctx, start, end, label, "cụm 'từ ngày ... đến ngày ...'", inferred)


# ----- periods


def _build_month(m: re.Match[str], ctx: _Ctx) -> _Result:
    month = int(m.group("mo"))
    if not 1 <= month <= 12:
        return None
    year, inferred = _year_or_infer(m.group("y"), ctx, month)
    if year is None:
        return _period(ctx, None, None, f"tháng {month}", "cụm tháng", True)
    return _period(
        ctx, date(year, month, 1), month_end(year, month), f"tháng {month}/{year}", "cụm tháng", inferred
    )


def _build_month_range(m: re.Match[str], ctx: _Ctx) -> _Result:
    m1, m2 = int(m.group("m1")), int(m.group("m2"))
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    y2 = int(m.group("y2"))
    y1 = int(m.group("y1")) if m.group("y1") else (y2 if m1 <= m2 else y2 - 1)
    label = f"tháng {m1}/{y1} - tháng {m2}/{y2}"
    return _period(ctx, date(y1, m1, 1), month_end(y2, m2), label, "cụm khoảng tháng")


def _year_or_infer(raw: str | None, ctx: _Ctx, last_month: int) -> tuple[int | None, bool]:
    if raw:
        return int(raw), False
    if ctx.doc_date is None:
        return None, True
    year = ctx.doc_date.year
    return ctx.infer_year(last_month, end=month_end(year, last_month)), True


def _build_quarter(m: re.Match[str], ctx: _Ctx) -> _Result:
    q = parse_quarter(m.group("q"))
    year, inferred = _year_or_infer(m.group("y"), ctx, q * 3)
    if year is None:
        return _period(ctx, None, None, f"quý {q}", "cụm quý", True)
    label = f"quý {_ROMAN[q]}/{year}"
    return _period(ctx, date(year, q * 3 - 2, 1), month_end(year, q * 3), label, "cụm quý", inferred)


def _build_quarter_range(m: re.Match[str], ctx: _Ctx) -> _Result:
    q1, q2 = parse_quarter(m.group("q1")), parse_quarter(m.group("q2"))
    y2 = int(m.group("y2"))
    y1 = int(m.group("y1")) if m.group("y1") else (y2 if q1 <= q2 else y2 - 1)
    label = f"quý {_ROMAN[q1]}/{y1} - quý {_ROMAN[q2]}/{y2}"
    return _period(ctx, date(y1, q1 * 3 - 2, 1), month_end(y2, q2 * 3), label, "cụm khoảng quý")


def _build_half(m: re.Match[str], ctx: _Ctx) -> _Result:
    first = m.group("h") == "dau"
    last_month = 6 if first else 12
    year, inferred = _year_or_infer(m.group("y"), ctx, last_month)
    label = "6 tháng đầu năm" if first else "6 tháng cuối năm"
    if year is None:
        return _period(ctx, None, None, label, "cụm nửa năm", True)
    start = date(year, 1 if first else 7, 1)
    return _period(ctx, start, month_end(year, last_month), f"{label} {year}", "cụm nửa năm", inferred)


def _build_nine_months(m: re.Match[str], ctx: _Ctx) -> _Result:
    year, inferred = _year_or_infer(m.group("y"), ctx, 9)
    if year is None:
        return _period(ctx, None, None, "9 tháng", "cụm 9 tháng", True)
    return _period(ctx, date(year, 1, 1), date(year, 9, 30), f"9 tháng năm {year}", "cụm 9 tháng", inferred)


_DESCRIBES_PAST = re.compile(r"(?:ban\s+hanh|da|duoc|vua|tu)\s*$")


def _build_year(m: re.Match[str], ctx: _Ctx) -> _Result:
    clause = ctx.clause_before(m.start())
    if not ctx.slot and (
        "chi tieu" in clause or "quy hoach" in clause or re.search(r"giai\s+doan\s*$", clause[-20:])
    ):
        return None  # "chỉ tiêu ... năm 2025", "giai đoạn năm 2026-2030": the scope, not the deadline
    if not ctx.slot and _DESCRIBES_PAST.search(ctx.folded[max(0, m.start() - 20) : m.start()]):
        return None  # "các Nghị định mới ban hành trong năm 2025" describes documents, not a duty
    y1 = int(m.group("y1"))
    y2 = int(m.group("y2")) if m.group("y2") else y1
    if not 1900 < y1 <= y2 < 2200:
        return None
    label = f"năm {y1}" if y1 == y2 else f"năm {y1} - {y2}"
    return _period(ctx, date(y1, 1, 1), date(y2, 12, 31), label, "cụm năm")


# ----- recurring


_BASIS_NOUN = re.compile(
    r"(?:(?:nguon|can\s+doi)\s+ngan\s+sach(?:\s+nha\s+nuoc)?|tro\s+cap(?:\s+xa\s+hoi)?|tro\s+giup(?:\s+xa\s+hoi)?|huu\s+tri\s+xa\s+hoi|"
    r"tra\s+tien|nghi\s+quyet|von|luong|thu\s+nhap)\s*$"
)
_CYCLE_NAMES = {"ngay": "daily", "tuan": "weekly", "thang": "monthly", "quy": "quarterly", "nam": "yearly"}
_CYCLE_WORDS = re.compile(rf"{_B}(?:(?:6|sau|06)\s+thang|ngay|tuan|thang|quy|nam){_E}")


def _in_basis_clause(ctx: _Ctx, start: int) -> bool:
    """Recurrence words that describe a basis ("căn cứ ... ngân sách hàng năm") or a noun ("trợ cấp hàng tháng")."""
    clause = ctx.clause_before(start)
    return "can cu" in clause or bool(_BASIS_NOUN.search(ctx.folded[max(0, start - 40) : start]))


def _cycles(text: str) -> list[str]:
    found = []
    for w in _CYCLE_WORDS.findall(text):
        name = "semiannual" if w.endswith("thang") and w[0] in "6s0" else _CYCLE_NAMES[w]
        if name not in found:
            found.append(name)
    return found


def _recurring(recurrence: str, why: str) -> Deadline:
    return Deadline("recurring", None, None, recurrence, reason=f"{why} → định kỳ ({recurrence})")


def _build_monthly_day(m: re.Match[str], ctx: _Ctx) -> _Result:
    if _in_basis_clause(ctx, m.start()):
        return None
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    return _recurring(f"monthly:{day}", f"cụm 'ngày {day} hằng tháng'"), False


def _build_yearly_days(m: re.Match[str], ctx: _Ctx) -> _Result:
    if _in_basis_clause(ctx, m.start()):
        return None
    rules = []
    for day, month in _DAY_MONTH_PARTS.findall(m.group("days")):
        if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
            return None
        rules.append(f"yearly:{int(month):02d}-{int(day):02d}")
    return _recurring(",".join(rules), "cụm 'ngày ... hằng năm'"), False


_DAY_MONTH_PARTS = re.compile(r"(\d{1,2})\s*(?:[/.-]|\s+thang)\s*(\d{1,2})")


def _build_daily_hour(m: re.Match[str], ctx: _Ctx) -> _Result:
    return _recurring("daily", "cụm 'trước ... giờ hằng ngày'"), False


def _build_cycles(m: re.Match[str], ctx: _Ctx) -> _Result:
    if _in_basis_clause(ctx, m.start()):
        return None
    cycles = _cycles(m.group(0)) or ["periodic"]
    adhoc = "dot xuat" in m.group(0)
    why = "cụm 'định kỳ/hằng ...'" + (" hoặc đột xuất" if adhoc else "")
    return _recurring(",".join(cycles), why), False


# ----- relative


_ANCHORED_ON_DOC = re.compile(r"^ngay\s+(?:ban\s+hanh|ky)(?:\s|$)")


def _build_within_days(m: re.Match[str], ctx: _Ctx) -> _Result:
    n = int(m.group("n"))
    working = bool(m.group("wd"))
    trigger_span = m.span("trig") if m.group("trig") else None
    trigger = _clean(ctx.original[trigger_span[0] : trigger_span[1]]) if trigger_span else None
    unit = "ngày làm việc" if working else "ngày"
    anchored = trigger_span is not None and _ANCHORED_ON_DOC.match(m.group("trig"))
    when = None
    if anchored and ctx.doc_date is not None:
        when = add_working_days(ctx.doc_date, n) if working else ctx.doc_date + timedelta(days=n)
    why = f"cụm '{n} {unit}" + (f" kể từ {trigger}'" if trigger else "'")
    why += f" → tính từ ngày ban hành văn bản: {format_vn(when)}" if when else " → thời hạn tương đối"
    return Deadline(
        "relative", None, when, None, count=n, working_days=working, trigger=trigger, reason=why
    ), False


def _build_event(m: re.Match[str], ctx: _Ctx) -> _Result:
    if m.group(0).startswith("sau") and not _at_clause_start(ctx, m.start()):
        return None
    trigger = _clean(ctx.original[m.start() : m.end()])
    return Deadline(
        "relative", None, None, None, trigger=trigger, reason="thời hạn gắn với một sự kiện"
    ), False


def _build_session(m: re.Match[str], ctx: _Ctx) -> _Result:
    if re.search(r"\d+/\d{4}/|(?:nghi\s+quyet|luat)\s+so", ctx.clause_before(m.start())):
        return None
    trigger = _clean(ctx.original[m.start() : m.end()])
    return Deadline("relative", None, None, None, trigger=trigger, reason="thời hạn gắn với kỳ họp"), False


def _at_clause_start(ctx: _Ctx, start: int) -> bool:
    before = ctx.folded[max(0, start - 30) : start].rstrip(" \t*")
    return not before or before[-1] in "\n;:.,(-+" or before.endswith("ngay")


# ----- open phrases and slots


def _build_open(m: re.Match[str], ctx: _Ctx) -> _Result:
    return Deadline("none", None, None, None, reason="cụm thời gian mở, không có hạn cụ thể"), False


def _build_slot(m: re.Match[str], ctx: _Ctx) -> _Result:
    content = ctx.original[m.start("c") : m.end("c")]
    d = parse_deadline(content, ctx.doc_date)
    if d.kind == "none" and len(d.text or "") > 80:
        return None
    return d, False


_RULES: list[_Rule] = []


def _rule(
    name: str,
    pattern: str,
    build: Callable[[re.Match[str], _Ctx], _Result],
    slot_only: bool = False,
    flags: int = 0,
) -> None:
    _RULES.append(_Rule(name, re.compile(pattern, flags), build, slot_only))


_rule(
    "cued_date",
    rf"{_B}(?P<cue>(?:(?:hoan\s+thanh|xong|gui|nop|ket\s+thuc)\s+)?(?:truoc|cham\s+nhat(?:\s+(?:la|vao))*"
    rf"|(?:thoi\s+)?han(?:\s+(?:cuoi|chot))?(?:\s+(?:la|vao))*|den(?:\s+het)?\s+ngay|trong\s+ngay|vao\s+ngay)"
    rf"(?:\s+ngay)?\s+|(?:hoan\s+thanh|xong|ket\s+thuc)\s+(?:vao\s+|trong\s+)?ngay\s+){_DATE}",
    _build_cued_date,
)
_rule(
    "date_range",
    rf"{_B}tu\s+ngay\s+(?P<d1>\d{{1,2}})(?:(?:\s*[/.-]\s*|\s+thang\s+)(?P<m1>\d{{1,2}})"
    rf"(?:(?:\s*[/.-]\s*|\s*,?\s*nam\s+)(?P<y1>\d{{4}}))?)?{_DASH}(?:het\s+)?(?:ngay\s+)?{_DATE}",
    _build_date_range,
)
_rule("bare_date", rf"{_B}(?:ngay\s+)?{_DATE}", _build_bare_date, slot_only=True)
_rule(
    "month",
    rf"{_B}(?:{_PERIOD_CUE})thang\s+(?P<mo>\d{{1,2}})(?:(?:\s*[/-]\s*|\s+nam\s+)(?P<y>\d{{4}}))?(?![\d/])",
    _build_month,
)
_rule(
    "bare_month",
    rf"{_B}thang\s+(?P<mo>\d{{1,2}})(?:(?:\s*[/-]\s*|\s+nam\s+)(?P<y>\d{{4}}))(?![\d/])",
    _build_month,
    slot_only=True,
)
_rule(
    "month_range",
    rf"{_B}(?:(?:{_PERIOD_CUE}|tu\s+)?)thang\s+(?P<m1>\d{{1,2}})(?:\s*[/-]\s*(?P<y1>\d{{4}}))?{_DASH}(?:het\s+)?"
    rf"(?:thang\s+)?(?P<m2>\d{{1,2}})(?:\s*[/-]\s*|\s+nam\s+)(?P<y2>\d{{4}})",
    _build_month_range,
)
_rule(
    "quarter",
    rf"{_B}(?:{_PERIOD_CUE})?{_QUY}(?P<q>iv|i{{1,3}}|[1-4])(?![a-z0-9])(?:\s*[/,-]\s*|\s+(?:nam\s+)?)(?P<y>\d{{4}})",
    _build_quarter,
)
_rule(
    "quarter_no_year",
    rf"{_B}(?:{_PERIOD_CUE}){_QUY}(?P<q>iv|i{{1,3}}|[1-4])(?![a-z0-9/])(?P<y>)",
    _build_quarter,
)
_rule(
    "bare_quarter", rf"{_B}{_QUY}(?P<q>iv|i{{1,3}}|[1-4])(?![a-z0-9/])(?P<y>)", _build_quarter, slot_only=True
)
_rule(
    "quarter_range",
    rf"{_B}(?:{_PERIOD_CUE}|tu\s+)?{_QUY}(?P<q1>iv|i{{1,3}}|[1-4])(?![a-z0-9])(?:\s*[/-]\s*(?P<y1>\d{{4}}))?{_DASH}"
    rf"(?:{_QUY})?(?P<q2>iv|i{{1,3}}|[1-4])(?![a-z0-9])(?:\s*[/,-]\s*|\s+(?:nam\s+)?)(?P<y2>\d{{4}})",
    _build_quarter_range,
)
_rule(
    "half_year",
    rf"{_B}(?:{_PERIOD_CUE})?(?:6|06|sau)\s+thang\s+(?P<h>dau|cuoi)\s+nam(?:\s*\(?\s*(?:nam\s+)?(?P<y>\d{{4}})\s*\)?)?",
    _build_half,
)
_rule(
    "nine_months",
    rf"{_B}(?:{_PERIOD_CUE})?(?:9|09|chin)\s+thang(?:\s+dau)?\s+nam(?:\s*\(?\s*(?:nam\s+)?(?P<y>\d{{4}})\s*\)?)?",
    _build_nine_months,
)
_rule(
    "year",
    rf"{_B}(?:{_PERIOD_CUE})nam\s+(?P<y1>\d{{4}})(?:{_DASH}(?:nam\s+)?(?P<y2>\d{{4}}))?(?!\d)(?!\s*,?\s*(?:da|vua)\s)",
    _build_year,
)
_rule(
    "year_end_of_duty",
    rf"{_B}nam\s+(?P<y1>\d{{4}})(?:{_DASH}(?:nam\s+)?(?P<y2>\d{{4}}))?(?=\s*(?:[.;]|$))",
    _build_year,
    slot_only=True,
)
_rule(
    "bare_year",
    rf"(?<![\d/.-])(?:nam\s+)?(?P<y1>(?:19|20)\d{{2}})(?:{_DASH}(?:nam\s+)?(?P<y2>\d{{4}}))?(?![\d/])",
    _build_year,
    slot_only=True,
)
_rule(
    "monthly_day",
    rf"{_B}(?:(?:dinh\s+ky\s+)?(?:truoc|cham\s+nhat(?:\s+la)?|han(?:\s+(?:cuoi|chot))?|vao|tu)\s+)?ngay\s+(?P<day>\d{{1,2}})"
    rf"(?:\s+(?:den|-)\s+(?:ngay\s+)?\d{{1,2}})?\s+{_HANG}thang{_E}{_ADHOC}",
    _build_monthly_day,
)
_rule(
    "yearly_days",
    rf"{_B}(?:(?:dinh\s+ky\s+)?(?:truoc|cham\s+nhat(?:\s+la)?|han(?:\s+(?:cuoi|chot))?|vao)\s+)?ngay\s+"
    rf"(?P<days>(?:{_DAY_MONTH})(?:\s*(?:,|va)\s*(?:ngay\s+)?(?:{_DAY_MONTH}))*)\s+{_HANG}nam{_E}{_ADHOC}",
    _build_yearly_days,
)
_rule(
    "daily_hour",
    rf"{_B}(?:truoc\s+)?\d{{1,2}}\s*(?:gio|h)(?:\s*\d{{2}})?(?:\s+phut)?(?:\s+sang|\s+chieu)?\s+{_HANG}ngay{_E}",
    _build_daily_hour,
)
_rule(
    "cycles",
    rf"{_B}(?:(?:theo\s+)?dinh\s+ky(?:\s+(?:{_HANG})?(?:{_CYCLE}){_E}(?!\s*[/-]?\s*\d))?|{_HANG}(?:ngay|tuan|thang|quy|nam){_E}(?!\s*[/-]?\s*\d))"
    rf"{_CYCLE_LIST}{_ADHOC}",
    _build_cycles,
)
_rule(
    "within_days",
    rf"{_B}(?:(?:trong(?:\s+vong|\s+thoi\s+han|\s+thoi\s+gian)?|cham\s+nhat(?:\s+(?:la|sau))?|toi\s+da|sau)\s+)?"
    rf"(?P<n>\d{{1,3}})\s+ngay(?P<wd>\s+lam\s+viec)?(?:\s+thi\s+dua)?"
    rf"(?:\s*,?\s*(?:ke\s+tu|tinh\s+tu)\s+(?P<trig>[^.;,:\n()]{{2,100}}))?",
    lambda m, ctx: _build_within_days(m, ctx) if (m.group("trig") or m.group(0)[:1] in "tcs") else None,
)
_rule(
    "event",
    rf"{_B}(?:(?:bao\s+cao\s+)?ngay\s+khi\s+[^.;,\n]{{2,60}}|khi\s+(?:co\s+)?phat\s+sinh(?:\s+[^.;,\n()]{{1,40}})?"
    rf"|(?:ngay\s+)?sau\s+khi\s+[^.;,\n]{{2,80}}"
    rf"|tu\s+(?:thang\s+\d{{1,2}}(?:\s*[/-]\s*\d{{4}})?|ngay\s+[\d/.-]+|nay|nam\s+\d{{4}})\s+(?:cho\s+)?den\s+khi\s+[^.;,\n]{{2,100}})",
    _build_event,
)
_rule(
    "session",
    rf"{_B}(?:tai|trong|truoc)\s+ky\s+hop\s+(?:thu\s+)?\d+(?:\s*,\s*[^.;\n]{{0,40}}?khoa\s+[ivxl]+{_E})?",
    _build_session,
)
_rule(
    "open_years",
    rf"{_B}(?:tu\s+)?nam\s+\d{{4}}\s+(?:va\s+(?:cac|nhung)\s+nam\s+tiep\s+theo|tro\s+di|tro\s+ve\s+sau)",
    _build_open,
)
_rule(
    "open_slot",
    r"^[ \t|*+\-]*(?P<c>(?:thuc\s+hien\s+)?thuong\s+xuyen|theo\s+(?:ke\s+hoach\s+rieng|lo\s+trinh|tien\s+do)[^\n]{0,80}?)[ \t|*.;]*$",
    _build_open,
    slot_only=True,
)
_rule(
    "slot_line",
    r"^[ \t|*+\-]*(?P<c>nam\s+\d{4}(?:\s*-\s*(?:nam\s+)?\d{4})?|(?:thuc\s+hien\s+)?thuong\s+xuyen"
    r"|theo\s+(?:ke\s+hoach\s+rieng|lo\s+trinh|tien\s+do)[^\n]{0,80}?|(?:ngay\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
    r"|thang\s+\d{1,2}\s*[/-]\s*\d{4})[ \t|*.;]*$",
    _build_slot,
    flags=re.M,
)
_rule(
    "time_slot",
    rf"{_B}(?:thoi\s+(?:gian|han)|han)(?:\s+(?:thuc\s+hien|hoan\s+thanh|bao\s+cao|nop|trien\s+khai|gui))?\s*:\s*(?P<c>[^\n]{{1,200}}?)[ \t*.;]*$",
    _build_slot,
    flags=re.M,
)
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_FOLD_EXTRA = str.maketrans({"*": " ", "–": "-", "—": "-", "‐": "-", "‑": "-", "\xa0": " "})
_WS = re.compile(r"\s+")


# --------------------------------------------------------------------------- scanning


def _clean(text: str) -> str:
    return _WS.sub(" ", text.replace("*", " ")).strip(" ,;:(")


@dataclass(frozen=True)
class _Found:
    match: DeadlineMatch
    inferred: bool


# Running every rule over a whole document is slow: a rule only runs in windows around its
# anchors, patterns that every match of the rule contains. Each anchor starts with a literal
# (Python's re scans for a literal prefix fast, and for an alternation slowly). A window reaches
# ``back`` characters before and ``ahead`` after an anchor; line rules take whole lines.
_CYCLE_ANCHORS = (r"hang\s+(?:ngay|tuan|thang|quy|nam)", r"moi\s+(?:ngay|tuan|thang|quy|nam)", r"dinh\s+ky")
_ANCHORS: dict[str, tuple[tuple[str, ...], int, int]] = {
    "cued_date": (
        tuple(rf"{w}\s+[0-9]" for w in ("ngay", "truoc", "nhat", "la", "vao", "han", "cuoi", "chot")),
        40,
        30,
    ),
    "date_range": ((r"tu\s+ngay\s+[0-9]",), 5, 90),
    "yearly_days": ((r"hang\s+nam", r"moi\s+nam"), 90, 50),
    "month": ((r"thang\s+[0-9]",), 40, 40),
    "month_range": ((r"thang\s+[0-9]",), 40, 40),
    "half_year": ((r"thang\s+dau", r"thang\s+cuoi"), 40, 30),
    "nine_months": ((r"thang\s+dau", r"thang\s+nam"), 40, 30),
    "quarter": ((r"qu[yi]\s",), 40, 40),
    "quarter_no_year": ((r"qu[yi]\s",), 40, 40),
    "quarter_range": ((r"qu[yi]\s",), 40, 40),
    "year": ((r"nam\s+[0-9]",), 40, 50),
    "open_years": ((r"nam\s+[0-9]",), 10, 50),
    "monthly_day": ((r"hang\s+thang", r"moi\s+thang"), 60, 50),
    "daily_hour": ((r"hang\s+ngay", r"moi\s+ngay"), 30, 5),
    "cycles": (_CYCLE_ANCHORS, 40, 90),
    "within_days": ((r"[0-9]\s+ngay",), 40, 130),
    "event": ((r"khi\s",), 40, 110),
    "session": ((r"ky\s+hop",), 10, 60),
    "slot_line": ((r"\n[ \t|*+-]*(?:nam\s|thuong|thuc\s|theo\s|ngay\s|thang\s|[0-9])",), 0, 0),
    "time_slot": ((r"thoi\s+(?:gian|han)", r"han\s*:"), 0, 0),
}
_ANCHOR_RE = {p: re.compile(p) for patterns, _, _ in _ANCHORS.values() for p in patterns}
_LINE_RULES = {"slot_line", "time_slot"}
_SMALL = 2000  # below this many characters a window search costs more than it saves


def _windows(rule: _Rule, folded: str, cache: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    n = len(folded)
    if rule.name not in _ANCHORS or n <= _SMALL:
        return [(0, n)]
    patterns, back, ahead = _ANCHORS[rule.name]
    spans: list[tuple[int, int]] = [(0, 0)] if rule.name == "slot_line" else []
    for p in patterns:
        if p not in cache:
            cache[p] = [m.span() for m in _ANCHOR_RE[p].finditer(folded)]
        spans += cache[p]
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if rule.name in _LINE_RULES:
            lo = (
                folded.rfind("\n", 0, s + 1) + 1 if rule.name == "slot_line" else folded.rfind("\n", 0, s) + 1
            )
            nl = folded.find("\n", max(e, lo))
            hi = n if nl < 0 else nl
        else:
            lo, hi = max(0, s - back), min(n, e + ahead)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _fold_for_rules(text: str) -> str:
    table = {ord(c): _FOLD_EXTRA.get(ord(c)) or fold_char(c) for c in set(text)}
    return text.translate(table)


def _scan(text: str, doc_date: date | None, slot: bool) -> list[_Found]:
    original = nfc(text)
    folded = _fold_for_rules(original)
    ctx = _Ctx(original, folded, doc_date, slot)
    candidates: list[tuple[int, int, Deadline, bool]] = []
    anchors: dict[str, list[tuple[int, int]]] = {}
    for rule in _RULES:
        if rule.slot_only and not slot:
            continue
        if slot and rule.name in _LINE_RULES:
            continue
        seen: set[tuple[int, int]] = set()
        for lo, hi in _windows(rule, folded, anchors):
            for m in rule.pattern.finditer(folded, lo, hi):
                if m.span() in seen:
                    continue
                seen.add(m.span())
                start, end = _trim(folded, m.start(), m.end())
                if end <= start:
                    continue
                built = rule.build(m, ctx)
                if built is None:
                    continue
                deadline, inferred = built
                if deadline.kind == "date" and not slot and _is_citation(ctx, m.start()):
                    continue
                candidates.append((start, end, deadline, inferred))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    occupied = bytearray(len(folded))
    taken: list[tuple[int, int, Deadline, bool]] = []
    for c in candidates:
        if 1 not in occupied[c[0] : c[1]]:
            occupied[c[0] : c[1]] = b"\x01" * (c[1] - c[0])
            taken.append(c)
    taken.sort(key=lambda c: c[0])
    return [
        _Found(DeadlineMatch(replace(d, text=d.text or _clean(original[s:e])), s, e), inferred)
        for s, e, d, inferred in taken
    ]


def _trim(folded: str, start: int, end: int) -> tuple[int, int]:
    while start < end and folded[start] in " \t\r\n*|":
        start += 1
    while end > start and folded[end - 1] in " \t\r\n*|,;:(":
        end -= 1
    return start, end


def _merge_recurring(found: list[Deadline]) -> Deadline:
    cycles: list[str] = []
    for d in found:
        for c in (d.recurrence or "periodic").split(","):
            if c not in cycles:
                cycles.append(c)
    specific = [c for c in cycles if ":" in c]
    cycles = [c for c in cycles if not (c == "periodic" and len(cycles) > 1)]
    cycles = [c for c in cycles if not any(s.startswith(c + ":") for s in specific)]
    first = next((d for d in found if d.recurrence != "periodic"), found[0])
    reason = "; ".join(d.reason for d in found)
    return replace(first, recurrence=",".join(cycles), reason=reason)


def _pick(found: list[_Found]) -> Deadline:
    deadlines = [f.match.deadline for f in found]
    if not deadlines:
        return NO_DEADLINE
    explicit = [
        f.match.deadline for f in found if f.match.deadline.kind in ("date", "period") and not f.inferred
    ]
    recurring = [d for d in deadlines if d.kind == "recurring"]
    inferred = [f.match.deadline for f in found if f.match.deadline.kind in ("date", "period") and f.inferred]
    dated = [d for d in explicit if d.date] or ([] if recurring else [d for d in inferred if d.date])
    if dated:
        latest = max(dated, key=lambda d: d.date)
        others = [d for d in dated if d is not latest]
        if others:
            shown = ", ".join(format_vn(d.date) for d in others)
            return replace(latest, reason=f"{latest.reason}; lấy mốc muộn nhất (các mốc khác: {shown})")
        return latest
    if recurring:
        return _merge_recurring(recurring)
    for kind in ("date", "period", "relative", "none"):
        for d in deadlines:
            if d.kind == kind:
                return d
    return NO_DEADLINE


# --------------------------------------------------------------------------- public API


def find_deadlines(text: str, doc_date: date | None = None) -> list[DeadlineMatch]:
    """Every deadline phrase in running prose, in order, with spans into the (NFC) text.

    Open phrases that stand where a deadline would ("năm 2025 và các năm tiếp theo", a table cell
    "Thường xuyên") come back with kind "none" and their text, so a caller can show them.
    """
    return [f.match for f in _scan(text, doc_date, slot=False)]


def pick_deadline(text: str, doc_date: date | None = None) -> Deadline:
    """The deadline of one task passage: the latest date or period; else one recurring deadline
    listing every cycle; else the first relative or open phrase; else no deadline."""
    return _pick(_scan(text, doc_date, slot=False))


@lru_cache(maxsize=4096)
def parse_deadline(phrase: str, doc_date: date | None = None) -> Deadline:
    """Parse a phrase known to fill a time slot (a "Thời gian" cell, "Thời hạn: ..." line).

    Text that names no recognisable time is kept with kind "none" ("Thường xuyên", "Theo lộ trình").
    """
    text = _clean(phrase or "").rstrip(" .")
    if not text:
        return NO_DEADLINE
    picked = _pick(_scan(text, doc_date, slot=True))
    if picked.kind == "none":
        return Deadline(
            "none", text, None, None, reason="ô thời hạn không ghi mốc cụ thể; giữ nguyên cụm chữ"
        )
    return replace(picked, text=text)
