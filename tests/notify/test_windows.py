"""Which deadlines each rule picks on a day: weekends, Tết 2027 (4–10/2/2027 off) and long silences."""

import datetime

import pytest

from dieuhanh.notify.windows import (
    before_window,
    crossing_windows,
    is_first_working_day_of_week,
)
from dieuhanh.vn.workdays import is_working_day
from tests.notify.conftest import frozen

D = datetime.date
pytestmark = pytest.mark.pure


def reminded_on(deadline: D, n: int, start: D, end: D) -> list[D]:
    """The working days between start and end whose n-day window holds `deadline`."""
    days, d = [], start
    while d <= end:
        lo, hi = before_window(d, n)
        if is_working_day(d) and lo <= deadline < hi:
            days.append(d)
        d += datetime.timedelta(days=1)
    return days


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, D(2027, 2, 11)), (1, D(2027, 2, 3)), (3, D(2027, 2, 1)), (7, D(2027, 1, 26))],
)
def test_it_counts_working_days_back_across_tet(n, expected):
    with frozen(D(2027, 1, 1)):
        assert reminded_on(D(2027, 2, 11), n, D(2027, 1, 1), D(2027, 2, 28)) == [expected]


def test_it_chases_a_deadline_inside_tet_on_the_last_working_day_before_it():
    with frozen(D(2027, 1, 1)):
        assert reminded_on(D(2027, 2, 6), 0, D(2027, 1, 1), D(2027, 2, 28)) == [D(2027, 2, 3)]
        assert reminded_on(D(2027, 2, 6), 1, D(2027, 1, 1), D(2027, 2, 28)) == [D(2027, 2, 2)]


def test_it_reminds_a_saturday_deadline_on_friday():
    with frozen(D(2026, 6, 1)):
        assert reminded_on(D(2026, 6, 20), 0, D(2026, 6, 1), D(2026, 6, 30)) == [D(2026, 6, 19)]
        assert reminded_on(D(2026, 6, 20), 1, D(2026, 6, 1), D(2026, 6, 30)) == [D(2026, 6, 18)]


def test_it_reminds_every_deadline_exactly_once_per_rule_over_a_year():
    with frozen(D(2026, 1, 1)):
        for n in (0, 1, 3, 7):
            seen: dict[D, int] = {}
            d = D(2026, 1, 1)
            while d < D(2028, 1, 1):
                if is_working_day(d):
                    lo, hi = before_window(d, n)
                    for i in range((hi - lo).days):
                        key = lo + datetime.timedelta(days=i)
                        seen[key] = seen.get(key, 0) + 1
                d += datetime.timedelta(days=1)
            year = [D(2027, 1, 1) + datetime.timedelta(days=i) for i in range(365)]
            assert all(seen.get(day) == 1 for day in year), n


def test_it_finds_the_first_working_day_of_the_week():
    with frozen(D(2026, 4, 1)):
        assert is_first_working_day_of_week(D(2026, 6, 15))  # Monday
        assert not is_first_working_day_of_week(D(2026, 6, 16))
        assert not is_first_working_day_of_week(D(2026, 4, 27))  # Giỗ Tổ (observed)
        assert is_first_working_day_of_week(D(2026, 4, 28))
        assert is_first_working_day_of_week(D(2027, 2, 11))  # the Thursday after Tết


def test_it_catches_a_silence_that_crossed_over_a_weekend():
    with frozen(D(2026, 6, 15)):
        windows = crossing_windows(D(2026, 6, 15), 14, 60)  # Monday: Sat, Sun, Mon crossings
        assert windows[0] == (D(2026, 5, 29), D(2026, 6, 1))
        assert windows[1] == (D(2026, 5, 15), D(2026, 5, 18))


def test_it_joins_windows_when_tet_is_longer_than_the_interval():
    with frozen(D(2027, 2, 11)):
        windows = crossing_windows(D(2027, 2, 11), 3, 12)
        # k = 1..4: (31/1, 8/2], (28/1, 5/2], (25/1, 2/2], (22/1, 30/1] overlap into one range
        assert windows == [(D(2027, 1, 22), D(2027, 2, 8))]
