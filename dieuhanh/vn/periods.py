"""Calendar periods (months, quarters, halves) and report periods as in Nghị định 09/2019/NĐ-CP.

A report's data window does not follow the calendar: it runs from the (cut-off + 1)-th day of the
month before the period's first month to the cut-off day of its last month (15/5–14/6 for June).
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

KINDS = ("month", "quarter", "half", "nine_months", "year", "custom")

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ROMAN_OUT = {1: "I", 2: "II", 3: "III", 4: "IV"}


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_quarter(text: str) -> int:
    """A quarter written "I".."IV" or "1".."4" (any case); ValueError otherwise."""
    key = text.strip().lower()
    if key in _ROMAN:
        return _ROMAN[key]
    if key in ("1", "2", "3", "4"):
        return int(key)
    raise ValueError(f"Không nhận ra quý: {text!r}")


def roman_quarter(q: int) -> str:
    """Quarter number → Roman numeral ("II")."""
    return _ROMAN_OUT[q]


def quarter_bounds(year: int, q: int) -> tuple[date, date]:
    """First and last day of quarter ``q`` (1–4)."""
    if q not in _ROMAN_OUT:
        raise ValueError(f"Quý phải từ 1 đến 4, nhận được {q}")
    return date(year, 3 * q - 2, 1), month_end(year, 3 * q)


def half_year_end(year: int, half: int) -> date:
    """Last day of the first (1) or second (2) half of the year."""
    if half not in (1, 2):
        raise ValueError(f"Nửa năm phải là 1 hoặc 2, nhận được {half}")
    return date(year, 6, 30) if half == 1 else date(year, 12, 31)


@dataclass(frozen=True)
class ReportPeriod:
    kind: str  # month | quarter | half | nine_months | year | custom
    year: int
    index: int | None  # month 1–12, quarter 1–4, half 1–2; None for nine_months, year and custom
    label: str  # "Tháng 6/2026", "Quý II/2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "Năm 2026"
    start: date  # first day of the data window
    end: date  # last day of the data window (the cut-off)


def _months(kind: str, year: int, index: int | None) -> tuple[int, int]:
    """First and last calendar month of a period (the first may be 0 or negative: previous year)."""
    if kind == "month":
        if index is None or not 1 <= index <= 12:
            raise ValueError(f"Tháng phải từ 1 đến 12, nhận được {index}")
        return index, index
    if kind == "quarter":
        if index is None or not 1 <= index <= 4:
            raise ValueError(f"Quý phải từ 1 đến 4, nhận được {index}")
        return 3 * index - 2, 3 * index
    if kind == "half":
        if index not in (1, 2):
            raise ValueError(f"Nửa năm phải là 1 hoặc 2, nhận được {index}")
        return (1, 6) if index == 1 else (7, 12)
    if kind == "nine_months":
        return 1, 9
    if kind == "year":
        return 1, 12
    raise ValueError(f"Loại kỳ không hợp lệ: {kind!r}")


def _label(kind: str, year: int, index: int | None) -> str:
    if kind == "month":
        return f"Tháng {index}/{year}"
    if kind == "quarter":
        return f"Quý {_ROMAN_OUT[index]}/{year}"
    if kind == "half":
        return f"6 tháng {'đầu' if index == 1 else 'cuối'} năm {year}"
    if kind == "nine_months":
        return f"9 tháng năm {year}"
    return f"Năm {year}"


def calendar_period(kind: str, year: int, index: int | None = None) -> ReportPeriod:
    """Plain calendar bounds of a period (Quý II/2026 = 01/4/2026–30/6/2026)."""
    first, last = _months(kind, year, index)
    label = _label(kind, year, index)
    return ReportPeriod(kind, year, index, label, date(year, first, 1), month_end(year, last))


def report_period(kind: str, year: int, index: int | None = None, cutoff_day: int = 14) -> ReportPeriod:
    """The data window of a periodic report (Nghị định 09/2019): from the (cutoff_day+1)-th of the
    month before the period's first month to the cutoff_day-th of its last month; a period that
    starts in January therefore starts on 15/12 of the previous year.
    """
    if not 1 <= cutoff_day <= 27:
        raise ValueError(f"Ngày chốt số liệu phải từ 1 đến 27, nhận được {cutoff_day}")
    first, last = _months(kind, year, index)
    start_year, start_month = (year - 1, 12) if first == 1 else (year, first - 1)
    start = date(start_year, start_month, cutoff_day + 1)
    end = date(year, last, cutoff_day)
    return ReportPeriod(kind, year, index, _label(kind, year, index), start, end)


_SPEC = re.compile(r"^\s*(\d{4})(?:-(?:(\d{1,2})|[qQ]([1-4])|[hH]([12])|(9[mM])))?\s*$")


def parse_period_spec(spec: str, cutoff_day: int = 14) -> ReportPeriod:
    """Parse "2026-06", "2026-Q2", "2026-H1", "2026-9M" or "2026" into a report period."""
    m = _SPEC.match(spec or "")
    if not m:
        raise ValueError(
            f"Kỳ báo cáo không hợp lệ: {spec!r}. Dùng dạng 2026-06 (tháng), 2026-Q2 (quý), "
            "2026-H1 (6 tháng), 2026-9M (9 tháng) hoặc 2026 (năm)."
        )
    year = int(m.group(1))
    if m.group(2):
        return report_period("month", year, int(m.group(2)), cutoff_day)
    if m.group(3):
        return report_period("quarter", year, int(m.group(3)), cutoff_day)
    if m.group(4):
        return report_period("half", year, int(m.group(4)), cutoff_day)
    if m.group(5):
        return report_period("nine_months", year, None, cutoff_day)
    return report_period("year", year, None, cutoff_day)
