import datetime

import pytest
import time_machine

from dieuhanh.tasks.constants import DeadlineKind, TaskState
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services.handling import cancel_task
from dieuhanh.tasks.services.recurrence import create_occurrences, occurrences
from dieuhanh.tasks.status import Status, annotate_status
from tests.factories import DocumentFactory, TaskFactory
from tests.scenario import build_scenario

D = datetime.date


@pytest.mark.pure
@pytest.mark.parametrize(
    ("rule", "start", "until", "expected"),
    [
        ("monthly:18", D(2026, 5, 20), D(2026, 8, 31), [D(2026, 6, 18), D(2026, 7, 18), D(2026, 8, 18)]),
        ("monthly:31", D(2026, 2, 1), D(2026, 4, 30), [D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30)]),
        ("quarterly", D(2026, 5, 1), D(2026, 12, 31), [D(2026, 6, 30), D(2026, 9, 30), D(2026, 12, 31)]),
        ("semiannual,yearly", D(2026, 1, 10), D(2026, 12, 31), [D(2026, 6, 30), D(2026, 12, 31)]),
        ("yearly:12-15", D(2026, 3, 1), D(2027, 12, 31), [D(2026, 12, 15), D(2027, 12, 15)]),
        ("weekly", D(2026, 6, 1), D(2026, 6, 20), [D(2026, 6, 5), D(2026, 6, 12), D(2026, 6, 19)]),
        ("periodic", D(2026, 1, 1), D(2026, 12, 31), []),
    ],
)
def test_occurrence_dates(rule, start, until, expected):
    assert [o.deadline for o in occurrences(rule, start, until)] == expected


@pytest.mark.pure
def test_a_daily_duty_skips_weekends_and_tet():
    days = [o.deadline for o in occurrences("daily", D(2027, 2, 4), D(2027, 2, 15))]
    assert D(2027, 2, 6) not in days  # Saturday
    assert not any(D(2027, 2, 4) <= d <= D(2027, 2, 10) for d in days)  # Tết Đinh Mùi, 29 Tết to mùng 5
    assert days[:3] == [D(2027, 2, 11), D(2027, 2, 12), D(2027, 2, 15)]


@pytest.mark.pure
def test_the_year_report_names_the_last_occurrence():
    labels = [o.label for o in occurrences("semiannual,yearly", D(2026, 1, 1), D(2026, 12, 31))]
    assert labels == ["6 tháng đầu năm 2026", "Năm 2026"]


@pytest.mark.django_db
def test_a_monthly_report_duty_becomes_one_task_per_month_up_to_the_plans_year_end():
    s = build_scenario()
    with time_machine.travel("2026-05-25 08:00 +0700", tick=False):
        duty = TaskFactory(
            owner=s.commune,
            lead_unit=s.lead_unit,
            document=DocumentFactory(owner=s.commune, issued_year=2026),
            deadline_kind=DeadlineKind.RECURRING,
            recurrence="monthly:18",
            deadline_text="trước ngày 18 hằng tháng",
            summary="Báo cáo kết quả chuyển đổi số",
        )
        duty.coordinators.add(s.coord_unit)
        made = create_occurrences(duty)
        assert create_occurrences(duty) == []  # idempotent
    assert [t.deadline for t in made] == [D(2026, m, 18) for m in range(6, 13)]
    assert made[0].period_label == "Tháng 6/2026" and made[0].coordinators.get() == s.coord_unit
    duty.refresh_from_db()
    assert duty.is_series
    statuses = dict(
        annotate_status(Task.objects.trackable().filter(series=duty), D(2026, 7, 1)).values_list(
            "deadline", "status"
        )
    )
    assert statuses[D(2026, 6, 18)] == Status.OVERDUE and statuses[D(2026, 7, 18)] == Status.IN_TIME
    assert not Task.objects.trackable().filter(pk=duty.pk).exists()


@pytest.mark.django_db
def test_cancelling_the_duty_cancels_its_open_occurrences():
    s = build_scenario()
    duty = TaskFactory(
        owner=s.commune, lead_unit=s.lead_unit, deadline_kind=DeadlineKind.RECURRING, recurrence="quarterly"
    )
    create_occurrences(duty, start=D(2026, 1, 1), until=D(2026, 12, 31))
    cancel_task(duty, s.leader, reason="Thay bằng kế hoạch mới")
    assert set(duty.occurrences.values_list("state", flat=True)) == {TaskState.CANCELLED}
