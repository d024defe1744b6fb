"""What saving a task and fanning one out cost in queries (before: 8 per save, 4 more per commune)."""

import pytest

from dieuhanh.org.constants import Role
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services.cascade import fan_out
from tests.factories import CommuneFactory, MembershipFactory, TaskFactory
from tests.scenario import build_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return build_scenario()


def test_saving_a_task_read_from_the_database_is_its_update_and_its_audit_event(s, django_assert_num_queries):
    task = Task.objects.get(pk=s.task.pk)
    task.summary = "Tóm tắt mới"
    task.document = None  # a task of a document: notify checks whether it is confidential (one more)
    # New words: the search index is written, with the lead's name (not loaded here) read first.
    with django_assert_num_queries(4):
        task.save()


def test_creating_a_task_is_its_insert_and_its_audit_event(s, django_assert_num_queries):
    with django_assert_num_queries(3):  # and its row of the search index
        Task.objects.create(owner=s.commune, lead_unit=s.lead_unit, text="Rà soát hồ sơ")


def test_a_new_lead_is_checked_against_the_coordinators_and_an_unchanged_one_is_not(
    s, django_assert_num_queries
):
    task = Task.objects.get(pk=s.task.pk)
    task.document = None
    task.lead_unit = s.outsider_unit
    with django_assert_num_queries(4):  # and the search index (the new lead's name is loaded)
        task.save()
    task.state_reason = "Chờ hướng dẫn"
    with django_assert_num_queries(2):  # the same words: the search index is left alone
        task.save()


@pytest.mark.parametrize("communes", [2, 20])
def test_a_fan_out_costs_the_same_for_two_communes_as_for_twenty(s, django_assert_num_queries, communes):
    tracker = MembershipFactory(unit=s.province, role=Role.TRACKER).user
    for _ in range(communes - 2):  # the scenario's province has two
        CommuneFactory(parent=s.province)
    task = Task.objects.get(pk=TaskFactory(owner=s.province, lead_unit=s.province).pk)
    # The transaction's savepoint and its release; the tracker's scopes, the task's visibility and
    # its owner; the communes and those already done; the children and their audit events, in one
    # INSERT each; their search index (read, then one INSERT); the parent's flag and its audit event.
    with django_assert_num_queries(13):
        children = fan_out(task, tracker)
    assert len(children) == communes
    assert Task.objects.filter(parent=task).count() == communes
