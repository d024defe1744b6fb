import pytest

from dieuhanh.documents.constants import Confidentiality
from dieuhanh.org.access import Access
from dieuhanh.tasks.access import (
    can_act_as_lead,
    can_decide,
    can_manage,
    can_report,
    visible_documents,
    visible_tasks,
)
from tests.factories import TaskFactory
from tests.scenario import build_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return build_scenario()


def sees(user, task) -> bool:
    return visible_tasks(Access.of(user)).filter(pk=task.pk).exists()


def test_the_lead_and_coordinating_units_see_the_task_and_an_outsider_does_not(s):
    assert sees(s.lead, s.task)
    assert sees(s.coord, s.task)
    assert not sees(s.outsider, s.task)


def test_the_office_and_the_province_see_it_and_another_commune_does_not(s):
    assert sees(s.tracker, s.task) and sees(s.leader, s.task) and sees(s.viewer, s.task)
    assert sees(s.province_leader, s.task)
    assert not sees(s.other_tracker, s.task)


def test_a_member_sees_nothing_of_another_units_private_work(s):
    private = TaskFactory(owner=s.commune, lead_unit=s.outsider_unit)
    assert not sees(s.lead, private)
    assert not sees(s.coord, private)
    assert sees(s.outsider, private)


def test_what_each_may_do(s):
    lead, coord, outsider = Access.of(s.lead), Access.of(s.coord), Access.of(s.outsider)
    assert can_report(lead, s.task) and can_report(coord, s.task) and not can_report(outsider, s.task)
    assert can_act_as_lead(lead, s.task) and not can_act_as_lead(coord, s.task)
    assert not can_decide(lead, s.task) and not can_manage(lead, s.task)
    assert can_manage(Access.of(s.tracker), s.task) and not can_decide(Access.of(s.tracker), s.task)
    assert can_decide(Access.of(s.leader), s.task)
    assert not can_report(Access.of(s.viewer), s.task) and not can_manage(Access.of(s.viewer), s.task)
    assert not can_manage(Access.of(s.other_tracker), s.task)


def test_a_confidential_document_is_seen_only_by_the_people_named_on_it(s):
    document = s.task.document
    document.confidentiality = Confidentiality.SECRET
    document.save()
    document.allowed_people.add(s.lead)
    assert sees(s.lead, s.task)
    for user in (s.coord, s.tracker, s.leader, s.province_leader):
        assert not sees(user, s.task)
        assert not visible_documents(Access.of(user)).filter(pk=document.pk).exists()
    assert visible_documents(Access.of(s.lead)).filter(pk=document.pk).exists()


def test_tasks_without_a_document_are_not_hidden_by_the_confidentiality_rule(s):
    loose = TaskFactory(owner=s.commune, lead_unit=s.lead_unit)
    assert sees(s.lead, loose)


def test_nobody_signed_in_sees_nothing(s):
    assert not visible_tasks(Access.of(None)).exists()
