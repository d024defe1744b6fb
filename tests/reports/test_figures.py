from decimal import Decimal

import pytest
from django.apps import apps

from dieuhanh.reports.figures import build_figures
from dieuhanh.reports.periods import resolve_period
from dieuhanh.reports.scope import build_scope
from dieuhanh.reports.summary_text import report_subject, summary_paragraphs

pytestmark = pytest.mark.django_db


def figures(june, **kw):
    unit = kw.pop("unit", june.commune)
    return build_figures(resolve_period("2026-06"), build_scope(kw.pop("user", None), unit), **kw)


def test_it_counts_the_hand_computed_figures(june):
    f = figures(june)
    r = f.rates
    assert (r.total, r.done_early, r.done_on_time, r.done_late) == (8, 1, 1, 2)
    assert (r.overdue, r.due_soon, r.in_time, r.no_deadline, r.due) == (1, 1, 1, 1, 5)
    assert (r.on_time_rate, r.overdue_rate_all, r.overdue_rate_due, r.update_rate) == (
        Decimal("50.0"),
        Decimal("12.5"),
        Decimal("20.0"),
        Decimal("50.0"),
    )
    assert f.as_of.isoformat() == "2026-06-14"


def test_it_tables_a_commune_by_lead_unit(june):
    f = figures(june)
    by_name = {g.name: g.rates for g in f.groups}
    assert by_name["Phòng Kinh tế"].total == 4
    assert by_name["Phòng Kinh tế"].on_time_rate == Decimal("66.7")
    assert by_name["Phòng Văn hóa - Xã hội"].overdue == 0
    assert f.group_label == "Đơn vị chủ trì"


def test_it_lists_the_overdue_task_with_the_latest_report_and_reason(june):
    [row] = figures(june).overdue
    assert row.summary == "Nhiệm vụ số 4"
    assert (row.days_overdue, row.report_percent, row.report_text) == (4, 60, "Đang thi công")
    assert row.reason == "Thời tiết mưa kéo dài"


def test_it_lists_extensions_targets_and_budgets(june):
    f = figures(june)
    [ext] = f.extensions
    assert (ext.summary, ext.objective, ext.new_date.isoformat()) == ("Nhiệm vụ số 8", True, "2026-06-12")
    assert f.targets_total == 2
    assert f.budget.total == Decimal("1652.5")
    assert f.budget.done_total == Decimal("1640")
    assert f.reminders_sent == (2 if apps.is_installed("dieuhanh.notify") else None)


def test_a_province_report_aggregates_its_communes(june):
    f = figures(june, unit=june.province)
    assert f.rates.total == 9 and f.rates.overdue == 2
    assert f.group_label == "Xã, phường"
    assert {g.name: g.rates.total for g in f.groups} == {
        "Ủy ban nhân dân xã Gia Lộc": 8,
        "Ủy ban nhân dân xã Cẩm Giang": 1,
    }
    assert len(f.units) == 3  # the drill-down by lead unit, across communes


def test_it_reports_only_what_the_person_may_see(june):
    f = figures(june, user=june.kt_member, unit=None)
    assert f.rates.total == 4
    assert {g.name for g in f.groups} == {"Phòng Kinh tế"}


def test_it_refuses_a_unit_the_person_may_not_see(june):
    from dieuhanh.reports.scope import ScopeError

    with pytest.raises(ScopeError):
        build_scope(june.tracker, june.other)


def test_the_written_summary_states_the_figures(june):
    f = figures(june)
    text = " ".join(summary_paragraphs(f))
    assert "Ủy ban nhân dân xã Gia Lộc theo dõi 8 nhiệm vụ" in text
    assert "đã hoàn thành 4 nhiệm vụ, trong đó 2 đúng hạn hoặc trước hạn và 2 quá hạn" in text
    assert "tỷ lệ hoàn thành đúng hạn 50,0%" in text
    assert "chiếm 12,5% tổng số nhiệm vụ và 20,0% số nhiệm vụ đã đến hạn" in text
    assert "Phòng Kinh tế (1)" in text
    assert "tỷ lệ cập nhật 50,0%" in text
    assert "tổng 1.652,5 triệu đồng" in text
    assert report_subject(f) == "Kết quả thực hiện nhiệm vụ được giao tháng 6/2026"


def test_an_empty_period_says_so(june):
    f = build_figures(resolve_period("2025-01"), build_scope(None, june.commune))
    assert summary_paragraphs(f) == [
        "Trong kỳ báo cáo (từ ngày 15/12/2024 đến ngày 14/01/2025), không có nhiệm vụ nào thuộc phạm vi theo dõi."
    ]
