"""Rule functions for deadline phrases: each turns one regular-expression match over folded text
into a ``Deadline`` with a Vietnamese ``reason``, or rejects it (a citation, a scope phrase...).
"""

import re
from collections.abc import Callable
from datetime import date, timedelta

from dieuhanh.vn.dates import format_vn, safe_date
from dieuhanh.vn.deadline_types import Deadline, clean_phrase
from dieuhanh.vn.periods import month_end, parse_quarter, roman_quarter
from dieuhanh.vn.workdays import add_working_days

# A written date in the past by more than this is a scope or a citation, not a deadline.
_STALE_AFTER = timedelta(days=180)
# A date written without its year that would fall this long before the document belongs to next year.
_NEXT_YEAR_AFTER = timedelta(days=31)


class Ctx:
    """What a rule needs besides its match: both texts, the document date, whether the text is a
    time slot, and how to parse a nested slot (a "Thời gian thực hiện: ..." line)."""

    def __init__(
        self,
        original: str,
        folded: str,
        doc_date: date | None,
        slot: bool,
        parse_slot: Callable[[str, date | None], Deadline],
    ):
        self.original = original
        self.folded = folded
        self.doc_date = doc_date
        self.slot = slot
        self.parse_slot = parse_slot

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
        """The folded text from the last clause boundary up to ``start``. A single line break is
        not a boundary: PDF text wraps sentences across lines; a blank line or a cell is one."""
        lo = max(0, start - limit)
        chunk = self.folded[lo:start]
        cut = max(max(chunk.rfind(c) for c in ".;:|"), chunk.rfind("\n\n") + 1)
        return chunk[cut + 1 :]


# A rule returns (deadline, year_was_inferred) or None to reject the match.
Result = tuple[Deadline, bool] | None


def _dmy(m: re.Match[str], p: str) -> tuple[int, int, int | None]:
    if m.group(f"{p}d") is not None:
        day, month, year = m.group(f"{p}d"), m.group(f"{p}m"), m.group(f"{p}y")
    else:
        day, month, year = m.group(f"{p}wd"), m.group(f"{p}wm"), m.group(f"{p}wy")
    return int(day), int(month), int(year) if year else None


def is_citation(ctx: Ctx, start: int) -> bool:
    """A date right after a document number or type ("Công văn số 977/UBND-NC ngày ...") is a citation."""
    before = ctx.folded[max(0, start - 60) : start]
    return bool(_CITATION.search(before))


_CITATION = re.compile(
    r"(?:\d+/[a-z0-9/&.-]*[a-z][a-z0-9/&.-]*|so\s+\d+|(?:nghi\s+dinh|thong\s+tu|quyet\s+dinh|chi\s+thi|"
    r"cong\s+van|ke\s+hoach|nghi\s+quyet|thong\s+bao|luat|cong\s+dien|van\s+ban)\s*(?:so\s*)?\d*)\s*,?\s*$"
)


def _day_deadline(ctx: Ctx, day: int, month: int, year: int | None, why: str) -> Result:
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
    ctx: Ctx, start: date | None, end: date | None, label: str, why: str, inferred: bool = False
) -> Result:
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


_DATA_WINDOW = re.compile(r"tinh\s+(?:tu|den)")


def _counted_up_to(ctx: Ctx, start: int) -> bool:
    """Whether "tính" (counted) stands right before ``start`` ("số liệu tính đến ngày 30/6"). Read on
    the original text: folded, "tính" is the "tỉnh" of "báo cáo UBND tỉnh trước ngày …"."""
    return ctx.original[max(0, start - 5) : start].lower().endswith("tính ")


def build_cued_date(m: re.Match[str], ctx: Ctx) -> Result:
    if _counted_up_to(ctx, m.start()) or (
        m.group("cue").startswith("den") and _DATA_WINDOW.search(ctx.clause_before(m.start()))
    ):
        return None  # "số liệu tính (từ ngày ...) đến ngày 30/6" is a data cut-off, not a deadline
    day, month, year = _dmy(m, "a")
    cue = clean_phrase(ctx.original[m.start("cue") : m.end("cue")])
    return _day_deadline(ctx, day, month, year, f"cụm '{cue} ...'")


def build_bare_date(m: re.Match[str], ctx: Ctx) -> Result:
    day, month, year = _dmy(m, "a")
    if year is None and m.group("as") == ".":
        return None  # "1.4." numbers a section
    return _day_deadline(ctx, day, month, year, "ô thời hạn ghi một ngày")


def build_date_range(m: re.Match[str], ctx: Ctx) -> Result:
    if not ctx.slot and _counted_up_to(ctx, m.start()):
        return None  # "số liệu tính từ ngày ... đến ngày ..." is the data window
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


def build_month(m: re.Match[str], ctx: Ctx) -> Result:
    month = int(m.group("mo"))
    if not 1 <= month <= 12:
        return None
    year, inferred = _year_or_infer(m.group("y"), ctx, month)
    if year is None:
        return _period(ctx, None, None, f"tháng {month}", "cụm tháng", True)
    return _period(
        ctx, date(year, month, 1), month_end(year, month), f"tháng {month}/{year}", "cụm tháng", inferred
    )


def build_month_range(m: re.Match[str], ctx: Ctx) -> Result:
    m1, m2 = int(m.group("m1")), int(m.group("m2"))
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    y2 = int(m.group("y2"))
    y1 = int(m.group("y1")) if m.group("y1") else (y2 if m1 <= m2 else y2 - 1)
    label = f"tháng {m1}/{y1} - tháng {m2}/{y2}"
    return _period(ctx, date(y1, m1, 1), month_end(y2, m2), label, "cụm khoảng tháng")


def _year_or_infer(raw: str | None, ctx: Ctx, last_month: int) -> tuple[int | None, bool]:
    if raw:
        return int(raw), False
    if ctx.doc_date is None:
        return None, True
    year = ctx.doc_date.year
    return ctx.infer_year(last_month, end=month_end(year, last_month)), True


def build_quarter(m: re.Match[str], ctx: Ctx) -> Result:
    q = parse_quarter(m.group("q"))
    year, inferred = _year_or_infer(m.group("y"), ctx, q * 3)
    if year is None:
        return _period(ctx, None, None, f"quý {q}", "cụm quý", True)
    label = f"quý {roman_quarter(q)}/{year}"
    return _period(ctx, date(year, q * 3 - 2, 1), month_end(year, q * 3), label, "cụm quý", inferred)


def build_quarter_range(m: re.Match[str], ctx: Ctx) -> Result:
    q1, q2 = parse_quarter(m.group("q1")), parse_quarter(m.group("q2"))
    y2 = int(m.group("y2"))
    y1 = int(m.group("y1")) if m.group("y1") else (y2 if q1 <= q2 else y2 - 1)
    label = f"quý {roman_quarter(q1)}/{y1} - quý {roman_quarter(q2)}/{y2}"
    return _period(ctx, date(y1, q1 * 3 - 2, 1), month_end(y2, q2 * 3), label, "cụm khoảng quý")


def build_half(m: re.Match[str], ctx: Ctx) -> Result:
    first = m.group("h") == "dau"
    last_month = 6 if first else 12
    year, inferred = _year_or_infer(m.group("y"), ctx, last_month)
    label = "6 tháng đầu năm" if first else "6 tháng cuối năm"
    if year is None:
        return _period(ctx, None, None, label, "cụm nửa năm", True)
    start = date(year, 1 if first else 7, 1)
    return _period(ctx, start, month_end(year, last_month), f"{label} {year}", "cụm nửa năm", inferred)


def build_nine_months(m: re.Match[str], ctx: Ctx) -> Result:
    year, inferred = _year_or_infer(m.group("y"), ctx, 9)
    if year is None:
        return _period(ctx, None, None, "9 tháng", "cụm 9 tháng", True)
    return _period(ctx, date(year, 1, 1), date(year, 9, 30), f"9 tháng năm {year}", "cụm 9 tháng", inferred)


_DESCRIBES_PAST = re.compile(r"(?:ban\s+hanh|da|duoc|vua|tu)\s*$")


def build_year_end_of_duty(m: re.Match[str], ctx: Ctx) -> Result:
    """A year closing a duty after a comma, colon, dash or parenthesis ("..., năm 2026.").
    Without that break ("kế hoạch năm 2026.") the year names the object, not the deadline."""
    before = ctx.folded[max(0, m.start() - 10) : m.start()].rstrip(" \t")
    if not ctx.slot and (not before or before[-1] not in ",:(-"):
        return None
    return build_year(m, ctx)


def build_year(m: re.Match[str], ctx: Ctx) -> Result:
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
    if not ctx.slot and ctx.folded.startswith("cuoi", m.start()):
        # "(những tháng) cuối năm 2025" in prose is a vague range with no last day (labelling rule
        # 1 of devset2, like "đầu năm"): kept as written, no date. A table cell keeps 31/12.
        return Deadline("none", None, None, None, reason="“cuối năm” không có ngày cuối cụ thể"), False
    label = f"năm {y1}" if y1 == y2 else f"năm {y1} - {y2}"
    return _period(ctx, date(y1, 1, 1), date(y2, 12, 31), label, "cụm năm")


# ----- recurring


_BASIS_NOUN = re.compile(
    r"(?:(?:nguon|can\s+doi)\s+ngan\s+sach(?:\s+nha\s+nuoc)?|tro\s+cap(?:\s+xa\s+hoi)?|tro\s+giup(?:\s+xa\s+hoi)?|huu\s+tri\s+xa\s+hoi|"
    r"tra\s+tien|nghi\s+quyet|von|luong|thu\s+nhap)\s*$"
)
_CYCLE_NAMES = {"ngay": "daily", "tuan": "weekly", "thang": "monthly", "quy": "quarterly", "nam": "yearly"}
_CYCLE_WORDS = re.compile(r"(?<![a-z0-9])(?:(?:6|sau|06)\s+thang|ngay|tuan|thang|quy|nam)(?![a-z0-9])")


def _in_basis_clause(ctx: Ctx, start: int) -> bool:
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


_CYCLE_LABELS = {
    "daily": "hằng ngày",
    "weekly": "hằng tuần",
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "semiannual": "6 tháng một lần",
    "yearly": "hằng năm",
    "periodic": "chưa rõ chu kỳ",
}


def recurrence_label(recurrence: str) -> str:
    """A rule in words a reader knows: "monthly:18" → "ngày 18 hằng tháng", "yearly:12-15" → "ngày 15/12 hằng năm"."""
    labels = []
    for rule in recurrence.split(","):
        name, _, arg = rule.partition(":")
        label = _CYCLE_LABELS.get(name, name)
        if name == "monthly" and arg:
            label = f"ngày {arg} {label}"
        elif name == "yearly" and arg:
            month, _, day = arg.partition("-")
            label = f"ngày {day}/{month} {label}"
        labels.append(label)
    return ", ".join(labels)


def _recurring(recurrence: str, why: str) -> Deadline:
    return Deadline(
        "recurring", None, None, recurrence, reason=f"{why} → định kỳ: {recurrence_label(recurrence)}"
    )


def build_monthly_day(m: re.Match[str], ctx: Ctx) -> Result:
    if _in_basis_clause(ctx, m.start()):
        return None
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    return _recurring(f"monthly:{day}", f"cụm 'ngày {day} hằng tháng'"), False


def build_yearly_days(m: re.Match[str], ctx: Ctx) -> Result:
    if _in_basis_clause(ctx, m.start()):
        return None
    rules = []
    for day, month in _DAY_MONTH_PARTS.findall(m.group("days")):
        if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
            return None
        rules.append(f"yearly:{int(month):02d}-{int(day):02d}")
    return _recurring(",".join(rules), "cụm 'ngày ... hằng năm'"), False


_DAY_MONTH_PARTS = re.compile(r"(\d{1,2})\s*(?:[/.-]|\s+thang)\s*(\d{1,2})")


def build_daily_hour(m: re.Match[str], ctx: Ctx) -> Result:
    return _recurring("daily", "cụm 'trước ... giờ hằng ngày'"), False


def build_cycles(m: re.Match[str], ctx: Ctx) -> Result:
    if _in_basis_clause(ctx, m.start()):
        return None
    cycles = _cycles(m.group(0)) or ["periodic"]
    adhoc = "dot xuat" in m.group(0)
    why = "cụm 'định kỳ/hằng ...'" + (" hoặc đột xuất" if adhoc else "")
    return _recurring(",".join(cycles), why), False


# ----- relative


_ANCHORED_ON_DOC = re.compile(r"^ngay\s+(?:ban\s+hanh|ky)(?:\s|$)")


def build_within_days(m: re.Match[str], ctx: Ctx) -> Result:
    n = int(m.group("n"))
    working = bool(m.group("wd"))
    trigger_span = m.span("trig") if m.group("trig") else None
    trigger = clean_phrase(ctx.original[trigger_span[0] : trigger_span[1]]) if trigger_span else None
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


_PREAMBLE_AFTER = re.compile(
    r"(?:ngay\s+)?sau\s+khi\s+(?:nghe|xem\s+xet|lam\s+viec|kiem\s+tra|khao\s+sat|thao\s+luan|trao\s+doi|ap\s+dung)"
)


def build_event(m: re.Match[str], ctx: Ctx) -> Result:
    text = m.group(0)
    sentence_end = ctx.folded[m.end() : m.end() + 1] in ("", ".", ";")
    if text.startswith("sau") and not (_at_clause_start(ctx, m.start()) or sentence_end):
        return None  # "sau khi" inside a clause qualifies it, unless it closes the sentence
    if text.startswith("khi") and not _at_clause_start(ctx, m.start()):
        return None  # "Khi cấp phát tại vùng ngập, bố trí …" opens its clause
    if _PREAMBLE_AFTER.match(text):
        return None  # "Sau khi nghe báo cáo ..., Phó Thủ tướng kết luận" opens a notice
    trigger = clean_phrase(ctx.original[m.start() : m.end()])
    return Deadline(
        "relative", None, None, None, trigger=trigger, reason="thời hạn gắn với một sự kiện"
    ), False


_ADOPTED = re.compile(r"\d+/\d{4}/|(?:nghi\s+quyet|luat)\s+so|(?:duoc|da)\b.*thong\s+qua", re.S)


def build_session(m: re.Match[str], ctx: Ctx) -> Result:
    if _ADOPTED.search(ctx.clause_before(m.start())):
        return None  # "Luật ... được Quốc hội thông qua tại kỳ họp thứ 9" cites a past session
    trigger = clean_phrase(ctx.original[m.start() : m.end()])
    return Deadline("relative", None, None, None, trigger=trigger, reason="thời hạn gắn với kỳ họp"), False


def _at_clause_start(ctx: Ctx, start: int) -> bool:
    before = ctx.folded[max(0, start - 30) : start].rstrip(" \t*")
    return not before or before[-1] in "\n;:.,(-+" or before.endswith("ngay")


# ----- open phrases and slots


def build_open(m: re.Match[str], ctx: Ctx) -> Result:
    return Deadline("none", None, None, None, reason="cụm thời gian mở, không có hạn cụ thể"), False


def build_slot(m: re.Match[str], ctx: Ctx) -> Result:
    """A "Thời gian thực hiện: ..." line; its next line counts only when the first names no time
    ("Thời gian thực hiện: năm\n2026 - 2027.")."""
    content = ctx.original[m.start("c") : m.end("c")]
    first = content.split("\n", 1)[0]
    d = ctx.parse_slot(first, ctx.doc_date)
    if d.kind == "none" and first != content:
        d = ctx.parse_slot(content, ctx.doc_date)
    if d.kind == "none" and len(d.text or "") > 80:
        return None
    if d.date and ctx.doc_date and not ctx.slot and d.date < ctx.doc_date - _STALE_AFTER:
        return None
    return d, False


def build_slot_line(m: re.Match[str], ctx: Ctx) -> Result:
    """A line holding only a time phrase is a table cell, unless it merely continues a wrapped
    sentence ("Luật Đất đai ngày 18 tháng 01\nnăm 2024;")."""
    before = ctx.folded[max(0, m.start() - 200) : m.start()].rstrip(" \t*")
    if before.endswith("\n"):
        previous = before.rstrip()
        if (
            previous
            and previous[-1] not in "|:.;"
            and not before.endswith("\n\n")
            and "\n\n" not in before[-4:]
        ):
            return None
    return build_slot(m, ctx)
