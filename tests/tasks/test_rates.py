import datetime

import pytest
import time_machine
from django.db.models import Count, Exists, OuterRef, Q

from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.models import ProgressReport, Task
from dieuhanh.tasks.rates import Rates, compute_rates, in_period, rates_by
from dieuhanh.tasks.status import DONE_STATUSES, OPEN_STATUSES, Status, annotate_status
from tests.factories import ProgressReportFactory, TaskFactory, UnitFactory

pytestmark = pytest.mark.django_db
D = datetime.date
START, END = D(2026, 5, 15), D(2026, 6, 14)


@pytest.fixture
def tasks():
    with time_machine.travel("2026-05-01 09:00 +0700", tick=False):
        first = TaskFactory(deadline=D(2026, 6, 1), state=TaskState.DONE, completed_on=D(2026, 5, 30))
        owner, unit = first.owner, first.lead_unit
        other = UnitFactory(parent=owner)
        make = lambda **kw: TaskFactory(owner=owner, lead_unit=kw.pop("lead", unit), **kw)  # noqa: E731
        make(deadline=D(2026, 6, 1), state=TaskState.DONE, completed_on=D(2026, 6, 1))  # on time
        make(deadline=D(2026, 6, 1), state=TaskState.DONE, completed_on=D(2026, 6, 5))  # late
        overdue = make(deadline=D(2026, 6, 10))  # overdue on 14/6
        make(deadline=D(2026, 6, 18))  # due soon on 14/6
        make(deadline=D(2026, 9, 30), lead=other)  # in time
        make(lead=other)  # no deadline
        make(deadline=D(2026, 6, 1), state=TaskState.CANCELLED)  # left out
        make(
            deadline=D(2026, 4, 1), state=TaskState.DONE, completed_on=D(2026, 4, 2)
        )  # closed before the period
    ProgressReportFactory(task=overdue, reported_on=D(2026, 6, 2))
    ProgressReportFactory(task=overdue, reported_on=D(2026, 6, 3))
    return Task.objects.filter(owner=owner), unit, other


def test_it_counts_each_status_once(tasks):
    qs, _, _ = tasks
    r = compute_rates(qs, START, END)
    assert (r.total, r.done_early, r.done_on_time, r.done_late) == (7, 1, 1, 1)
    assert (r.overdue, r.due_soon, r.in_time, r.no_deadline) == (1, 1, 1, 1)
    assert r.due == 4  # three done with deadline 1/6 and the overdue one


def test_the_rates_as_the_government_office_defines_them(tasks):
    r = compute_rates(tasks[0], START, END)
    assert str(r.on_time_rate) == "66.7"
    assert str(r.overdue_rate_all) == "14.3"
    assert str(r.overdue_rate_due) == "25.0"
    assert str(r.update_rate) == "25.0"  # one of four open tasks reported in the period


def test_rates_by_unit_in_two_queries(tasks, django_assert_num_queries):
    """One grouped by unit and outcome, one for the tasks judged apart (rates.judged_apart)."""
    qs, unit, other = tasks
    with django_assert_num_queries(2):
        by_unit = rates_by(qs, "lead_unit", START, END)
    assert by_unit[unit.pk].total == 5
    assert by_unit[other.pk].total == 2
    assert by_unit[other.pk].on_time_rate is None


def rate_aggregates(start, end, as_of) -> dict:
    """Each figure of the rates module's docstring as its own FILTER, over a queryset annotated
    with `status`: the plain reading of the definitions, against which the grouped count is checked."""
    reported = ProgressReport.objects.filter(task_id=OuterRef("pk"), reported_on__range=(start, end))
    open_q = Q(status__in=[s.value for s in OPEN_STATUSES])
    aggregates = {
        name: Count("pk", filter=Q(status=value))
        for name, value in [
            ("done_early", Status.DONE_EARLY),
            ("done_on_time", Status.DONE_ON_TIME),
            ("done_late", Status.DONE_LATE),
            ("in_time", Status.IN_TIME),
            ("due_soon", Status.DUE_SOON),
            ("overdue", Status.OVERDUE),
            ("no_deadline", Status.NO_DEADLINE),
            ("paused", Status.PAUSED),
        ]
    }
    aggregates["total"] = Count("pk")
    aggregates["due"] = Count(
        "pk",
        filter=Q(deadline__lte=as_of) & (open_q | Q(status__in=[s.value for s in DONE_STATUSES])),
    )
    aggregates["updated"] = Count("pk", filter=open_q & Q(Exists(reported)))
    return aggregates


def test_the_grouped_rates_agree_with_one_filtered_count_per_figure(tasks):
    """The dashboard and the reports count per status group (rates._counted): the same figures
    as one FILTER per figure gives."""
    qs = tasks[0]
    for as_of in (D(2026, 5, 20), D(2026, 6, 1), END, D(2026, 7, 1)):
        filtered = annotate_status(in_period(qs, START, END), as_of).aggregate(
            **rate_aggregates(START, END, as_of)
        )
        assert compute_rates(qs, START, END, as_of) == Rates(**filtered), as_of
