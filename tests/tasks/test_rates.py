import datetime

import pytest
import time_machine

from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.rates import Rates, compute_rates, in_period, rate_aggregates, rates_by
from dieuhanh.tasks.status import annotate_status
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


def test_rates_by_unit_in_one_query(tasks, django_assert_num_queries):
    qs, unit, other = tasks
    with django_assert_num_queries(1):
        by_unit = rates_by(qs, "lead_unit", START, END)
    assert by_unit[unit.pk].total == 5
    assert by_unit[other.pk].total == 2
    assert by_unit[other.pk].on_time_rate is None


def test_the_grouped_rates_agree_with_the_filtered_counts_the_reports_use(tasks):
    """The dashboard counts per status group (rates._counted); reports/figures.py still counts with
    one FILTER per figure (rate_aggregates): the two must give the same figures."""
    qs = tasks[0]
    for as_of in (D(2026, 5, 20), D(2026, 6, 1), END, D(2026, 7, 1)):
        filtered = annotate_status(in_period(qs, START, END), as_of).aggregate(
            **rate_aggregates(START, END, as_of)
        )
        assert compute_rates(qs, START, END, as_of) == Rates(**filtered), as_of
