"""Calendar periods and report periods (Nghị định 09/2019)."""

from datetime import date

import pytest

from dieuhanh.vn.periods import (
    ReportPeriod,
    calendar_period,
    half_year_end,
    month_end,
    parse_period_spec,
    parse_quarter,
    quarter_bounds,
    report_period,
)

pytestmark = pytest.mark.pure


def test_quarter_bounds():
    assert quarter_bounds(2026, 1) == (date(2026, 1, 1), date(2026, 3, 31))
    assert quarter_bounds(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))
    with pytest.raises(ValueError):
        quarter_bounds(2026, 5)


def test_month_and_half_ends():
    assert month_end(2028, 2) == date(2028, 2, 29)
    assert month_end(2026, 2) == date(2026, 2, 28)
    assert half_year_end(2026, 1) == date(2026, 6, 30)
    assert half_year_end(2026, 2) == date(2026, 12, 31)


@pytest.mark.parametrize(("text", "q"), [("I", 1), ("ii", 2), ("III", 3), ("IV", 4), ("2", 2), (" iv ", 4)])
def test_it_parses_quarters(text, q):
    assert parse_quarter(text) == q


@pytest.mark.parametrize("text", ["V", "5", "", "IIII"])
def test_it_rejects_bad_quarters(text):
    with pytest.raises(ValueError):
        parse_quarter(text)


@pytest.mark.parametrize(
    ("kind", "index", "label", "start", "end"),
    [
        ("month", 6, "Tháng 6/2026", date(2026, 5, 15), date(2026, 6, 14)),
        ("month", 1, "Tháng 1/2026", date(2025, 12, 15), date(2026, 1, 14)),
        ("quarter", 2, "Quý II/2026", date(2026, 3, 15), date(2026, 6, 14)),
        ("quarter", 1, "Quý I/2026", date(2025, 12, 15), date(2026, 3, 14)),
        ("half", 1, "6 tháng đầu năm 2026", date(2025, 12, 15), date(2026, 6, 14)),
        ("half", 2, "6 tháng cuối năm 2026", date(2026, 6, 15), date(2026, 12, 14)),
        ("nine_months", None, "9 tháng năm 2026", date(2025, 12, 15), date(2026, 9, 14)),
        ("year", None, "Năm 2026", date(2025, 12, 15), date(2026, 12, 14)),
    ],
)
def test_report_period_windows(kind, index, label, start, end):
    p = report_period(kind, 2026, index)
    assert (p.kind, p.label, p.start, p.end) == (kind, label, start, end)


def test_report_period_cutoff_is_configurable():
    p = report_period("month", 2026, 6, cutoff_day=20)
    assert (p.start, p.end) == (date(2026, 5, 21), date(2026, 6, 20))


def test_calendar_period_uses_plain_bounds():
    assert calendar_period("quarter", 2026, 2) == ReportPeriod(
        "quarter", 2026, 2, "Quý II/2026", date(2026, 4, 1), date(2026, 6, 30)
    )
    assert calendar_period("nine_months", 2026).end == date(2026, 9, 30)
    assert calendar_period("half", 2026, 2).start == date(2026, 7, 1)


@pytest.mark.parametrize(
    ("spec", "kind", "index"),
    [
        ("2026-06", "month", 6),
        ("2026-6", "month", 6),
        ("2026-Q2", "quarter", 2),
        ("2026-q4", "quarter", 4),
        ("2026-H1", "half", 1),
        ("2026-9M", "nine_months", None),
        ("2026", "year", None),
    ],
)
def test_it_parses_period_specs(spec, kind, index):
    p = parse_period_spec(spec)
    assert (p.kind, p.year, p.index) == (kind, 2026, index)


@pytest.mark.parametrize("spec", ["", "2026-13", "2026-Q5", "2026-H3", "26-06", "quý 2", "2026-00"])
def test_it_rejects_bad_specs_in_vietnamese(spec):
    with pytest.raises(ValueError, match="không hợp lệ|phải từ"):
        parse_period_spec(spec)


def test_it_rejects_unknown_kinds():
    with pytest.raises(ValueError, match="Loại kỳ"):
        report_period("week", 2026)


def test_a_custom_period_is_built_like_the_others():
    p = ReportPeriod("custom", 2026, None, "Đợt kiểm tra", date(2026, 3, 1), date(2026, 3, 20))
    assert (p.kind, p.label, p.end) == ("custom", "Đợt kiểm tra", date(2026, 3, 20))
