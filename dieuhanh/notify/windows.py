"""Which deadlines a reminder rule picks on a given day — pure date arithmetic, no database.

Reminders go out on working days only. A deadline that falls on a weekend
or a holiday is chased on the last working day before it, so "N working
days before" picks, on working day T, every deadline in
[N-th working day after T, (N+1)-th working day after T): over consecutive
working days these windows tile the calendar and each deadline is reminded
exactly once per N, Tết included. Planning turns the windows into plain
date-range filters so the database never computes working days.
"""

from datetime import date, timedelta

from dieuhanh.vn.workdays import add_working_days, is_working_day

DateRange = tuple[date, date]  # [start, end)


def before_window(today: date, n: int) -> DateRange:
    """Deadlines to remind `n` working days ahead (n = 0: the deadline is today)."""
    return add_working_days(today, n), add_working_days(today, n + 1)


def before_windows(today: date, days: tuple[int, ...]) -> list[DateRange]:
    return [before_window(today, n) for n in days]


def previous_working_day(today: date) -> date:
    return add_working_days(today, -1)


def is_first_working_day_of_week(today: date) -> bool:
    monday = today - timedelta(days=today.weekday())
    return is_working_day(today) and not any(
        is_working_day(monday + timedelta(days=i)) for i in range(today.weekday())
    )


def crossing_windows(today: date, every: int, horizon_days: int) -> list[tuple[date, date]]:
    """Last-activity dates L for which L + k·every (k ≥ 1) fell in (previous working day, today].

    A task quiet for 14 days is reminded on the first working day its silence
    reaches 14, 28, 42 ... days, even when that day itself is a Sunday or Tết.
    Ranges are (after, up_to]: exclusive start, inclusive end.
    """
    if every <= 0:
        return []
    previous = previous_working_day(today)
    ranges: list[tuple[date, date]] = []
    k = 1
    while k * every <= horizon_days:
        after, up_to = previous - timedelta(days=k * every), today - timedelta(days=k * every)
        if ranges and up_to > ranges[-1][0]:  # a long holiday wider than `every`: join the ranges
            ranges[-1] = (after, ranges[-1][1])
        else:
            ranges.append((after, up_to))
        k += 1
    return ranges


def reminder_days_before(today: date, weekly: bool, count: int) -> list[date]:
    """The last `count` overdue-reminder days before `today`, newest first (working days, or week starts)."""
    days: list[date] = []
    d = today
    while len(days) < count:
        d = previous_working_day(d)
        if not weekly or is_first_working_day_of_week(d):
            days.append(d)
    return days


def escalation_window(today: date, after: int, weekly: bool) -> DateRange:
    """Deadlines whose `after`-th overdue reminder was the last one before today: [R(after+1), R(after))."""
    days = reminder_days_before(today, weekly, after + 1)
    return days[after], days[after - 1]
