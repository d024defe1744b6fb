import datetime

import pytest

from dieuhanh.org.constants import Role
from dieuhanh.tasks.constants import DeadlineKind, TaskState
from dieuhanh.tasks.services.cascade import SubtaskSpec, break_down, fan_out, rollup
from dieuhanh.tasks.services.errors import NotAllowed
from tests.factories import MembershipFactory, ProgressReportFactory, TaskFactory
from tests.scenario import build_scenario

pytestmark = pytest.mark.django_db
D = datetime.date


def province_task(s, **kw):
    return TaskFactory(
        owner=s.province, lead_unit=s.province, text="UBND các xã, phường rà soát dữ liệu", **kw
    )


def test_a_province_duty_fans_out_to_every_commune_once():
    s = build_scenario()
    tracker = MembershipFactory(unit=s.province, role=Role.TRACKER).user
    task = province_task(s, deadline=D(2026, 9, 30))
    children = fan_out(task, tracker)
    assert {c.owner for c in children} == {s.commune, s.other_commune}
    assert all(c.lead_unit == c.owner and c.deadline == D(2026, 9, 30) for c in children)
    assert fan_out(task, tracker) == []
    with pytest.raises(NotAllowed):
        fan_out(province_task(s), s.tracker)  # a commune's tracker cannot fan out the province's duty


def test_a_recurring_fan_out_gives_each_commune_its_occurrences():
    s = build_scenario()
    task = province_task(s, deadline_kind=DeadlineKind.RECURRING, recurrence="quarterly")
    children = fan_out(task)
    assert all(c.is_series and c.occurrences.exists() for c in children)


def test_a_commune_breaks_a_task_down_for_its_departments_and_the_parent_rolls_up():
    s = build_scenario()
    parent = TaskFactory(owner=s.commune, lead_unit=s.commune, deadline=D(2026, 9, 30))
    a, b = break_down(
        parent,
        s.tracker,
        [
            SubtaskSpec(s.lead_unit, "Rà soát dữ liệu dân cư", (s.coord_unit,)),
            SubtaskSpec(s.coord_unit, "Làm sạch dữ liệu", (), D(2026, 8, 31)),
        ],
    )
    assert (a.deadline, b.deadline) == (D(2026, 9, 30), D(2026, 8, 31))
    ProgressReportFactory(task=a, percent=40, reported_on=D(2026, 6, 1))
    ProgressReportFactory(task=a, percent=60, reported_on=D(2026, 6, 20))
    b.state, b.completed_on = TaskState.DONE, D(2026, 7, 1)
    b.save()
    r = rollup(parent)
    assert (r.children, r.done, str(r.average_percent)) == (2, 1, "80.0")
    with pytest.raises(NotAllowed):
        break_down(parent, s.lead, [SubtaskSpec(s.lead_unit, "x")])
