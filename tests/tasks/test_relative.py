import datetime

import pytest

from dieuhanh.tasks.constants import DeadlineKind
from dieuhanh.tasks.services.errors import NotAllowed, ServiceError
from dieuhanh.tasks.services.relative import set_trigger_date
from dieuhanh.tasks.status import Status, status_of
from tests.factories import TaskFactory
from tests.scenario import build_scenario

pytestmark = pytest.mark.django_db
D = datetime.date


def relative_task(s, **kw):
    return TaskFactory(owner=s.commune, lead_unit=s.lead_unit, deadline_kind=DeadlineKind.RELATIVE, **kw)


def test_it_stays_without_a_date_until_the_trigger_is_entered():
    s = build_scenario()
    task = relative_task(s, relative_days=15, relative_trigger="ngày nghiệm thu bàn giao")
    assert status_of(task, D(2026, 9, 1)) == Status.NO_DEADLINE
    set_trigger_date(task, s.lead, D(2026, 6, 1))
    assert task.deadline == D(2026, 6, 16) == task.original_deadline


def test_working_days_skip_the_weekend_and_tet():
    s = build_scenario()
    task = relative_task(s, relative_days=5, relative_working_days=True)
    set_trigger_date(task, s.lead, D(2027, 2, 4))  # Thursday before Tết Đinh Mùi
    assert task.deadline == D(2027, 2, 17)


def test_only_the_lead_side_enters_the_trigger_and_only_for_relative_deadlines():
    s = build_scenario()
    with pytest.raises(NotAllowed):
        set_trigger_date(relative_task(s, relative_days=3), s.coord, D(2026, 6, 1))
    with pytest.raises(ServiceError):
        set_trigger_date(TaskFactory(owner=s.commune, lead_unit=s.lead_unit), s.lead, D(2026, 6, 1))
