"""Working days: Monday to Friday minus Vietnamese public holidays (Tết by the lunar calendar)."""

from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=64)
def holidays_of(year: int) -> frozenset[date]:
    """Public holidays of one year, including the observed and substitute days the package knows."""
    # Imported here, not at module level: the package takes ~100 ms to load and `dieuhanh extract`
    # runs one process per document, most of which never count working days.
    import holidays

    return frozenset(holidays.Vietnam(years=year).keys())


def is_working_day(d: date) -> bool:
    """True when ``d`` is neither a Saturday, a Sunday nor a public holiday."""
    return d.weekday() < 5 and d not in holidays_of(d.year)


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after ``start`` (before it when n is negative; ``start`` itself when 0)."""
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    d = start
    while remaining:
        d += timedelta(days=step)
        if is_working_day(d):
            remaining -= 1
    return d


def working_days_between(a: date, b: date) -> int:
    """Working days in (a, b]: how many working days after ``a`` it takes to reach ``b``; negative if b < a."""
    if b < a:
        return -working_days_between(b, a)
    count = 0
    d = a
    while d < b:
        d += timedelta(days=1)
        if is_working_day(d):
            count += 1
    return count
