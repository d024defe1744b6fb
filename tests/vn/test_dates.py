"""Single Vietnamese dates."""

from datetime import date

import pytest

from dieuhanh.vn.dates import format_vn, parse_vn_date

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22/5/2026", date(2026, 5, 22)),
        ("22-5-2026", date(2026, 5, 22)),
        ("22.05.2026", date(2026, 5, 22)),
        ("ngày 22 tháng 5 năm 2026", date(2026, 5, 22)),
        ("Gia Lộc, ngày 02 tháng 01 năm 2026", date(2026, 1, 2)),
        ("NGÀY 7 THÁNG 12, NĂM 2025", date(2025, 12, 7)),
        ("31/02/2026", None),
        ("không có ngày", None),
    ],
)
def test_it_parses_written_dates(text, expected):
    assert parse_vn_date(text) == expected


def test_it_takes_the_year_from_default_when_missing():
    assert parse_vn_date("ngày 15/7", default_year=2026) == date(2026, 7, 15)
    assert parse_vn_date("15 tháng 7", default_year=2027) == date(2027, 7, 15)
    assert parse_vn_date("15/7") is None


def test_it_formats_dd_mm_yyyy():
    assert format_vn(date(2026, 7, 5)) == "05/07/2026"
