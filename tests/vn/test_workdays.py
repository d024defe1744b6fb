"""Working days with Vietnamese public holidays."""

from datetime import date

import pytest

from dieuhanh.vn.workdays import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 1),  # Tết Dương lịch
        date(2026, 2, 16),  # 29 Tết Bính Ngọ
        date(2026, 2, 17),  # mùng 1 Tết
        date(2026, 2, 20),  # mùng 4 Tết
        date(2026, 4, 27),  # Giỗ Tổ fell on Sunday 26/4, taken on Monday
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 8, 31),  # swapped day off before Quốc khánh
        date(2026, 9, 1),
        date(2026, 9, 2),
        date(2027, 2, 4),  # Tết Đinh Mùi
        date(2027, 2, 10),
        date(2027, 5, 3),  # 1/5/2027 is a Saturday, taken on Monday
        date(2026, 6, 13),  # a Saturday
        date(2026, 6, 14),  # a Sunday
    ],
)
def test_it_knows_days_off(day):
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [date(2026, 2, 13), date(2026, 2, 23), date(2026, 5, 4), date(2026, 9, 3)])
def test_it_knows_working_days(day):
    assert is_working_day(day)


def test_it_skips_tet_2026():
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert add_working_days(date(2026, 2, 12), 5) == date(2026, 2, 26)


def test_it_skips_tet_2027():
    assert add_working_days(date(2027, 2, 3), 1) == date(2027, 2, 11)


def test_it_skips_reunification_and_labour_day():
    assert add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)


def test_it_skips_national_day():
    assert add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)


def test_it_counts_from_a_day_off():
    assert add_working_days(date(2026, 6, 13), 1) == date(2026, 6, 15)


def test_zero_and_negative_counts():
    assert add_working_days(date(2026, 6, 13), 0) == date(2026, 6, 13)
    assert add_working_days(date(2026, 2, 23), -1) == date(2026, 2, 13)


def test_working_days_between_counts_the_end_not_the_start():
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1
    assert working_days_between(date(2026, 6, 1), date(2026, 6, 5)) == 4
    assert working_days_between(date(2026, 6, 5), date(2026, 6, 1)) == -4
    assert working_days_between(date(2026, 6, 1), date(2026, 6, 1)) == 0


def test_between_and_add_agree_across_years():
    start = date(2026, 12, 24)
    for n in (1, 5, 30, 60):
        assert working_days_between(start, add_working_days(start, n)) == n
