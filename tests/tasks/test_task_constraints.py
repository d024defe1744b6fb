import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import ProgressReportFactory, TaskFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_it_refuses_the_lead_as_a_coordinator():
    task = TaskFactory()
    with pytest.raises(ValidationError), transaction.atomic():
        task.coordinators.add(task.lead_unit)
    assert task.coordinators.count() == 0


def test_it_refuses_a_coordinator_becoming_the_lead():
    task = TaskFactory()
    other = UnitFactory(parent=task.owner)
    task.coordinators.add(other)
    task.lead_unit = other
    with pytest.raises(ValidationError):
        task.save()


def test_it_refuses_the_lead_added_from_the_unit_side():
    task = TaskFactory()
    with pytest.raises(ValidationError):
        task.lead_unit.coordinated_tasks.add(task)


def test_it_keeps_the_first_deadline_as_original():
    import datetime

    task = TaskFactory(deadline=datetime.date(2026, 7, 10))
    task.deadline = datetime.date(2026, 8, 1)
    task.save()
    task.refresh_from_db()
    assert task.original_deadline == datetime.date(2026, 7, 10)


def test_the_database_refuses_a_percent_over_100():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressReportFactory(percent=120)
