"""The audit log records who changed what, with the values before and after, for one INSERT a save.

The "before" of an update is the row as it was read (no second read), except JSON values, which
code can change in place and are read again.
"""

import pytest

from dieuhanh.core.audit import acting_as
from dieuhanh.core.models import AuditEvent
from dieuhanh.documents.models import Document
from dieuhanh.org.constants import Role
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services.cascade import fan_out
from tests.factories import MembershipFactory, TaskFactory
from tests.scenario import build_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return build_scenario()


def last_event(obj) -> AuditEvent:
    return AuditEvent.objects.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name).latest(
        "id"
    )


def test_an_update_records_only_what_changed_and_who_changed_it(s):
    task = Task.objects.get(pk=s.task.pk)
    task.summary, task.target = "Tóm tắt mới", "100% hồ sơ"
    with acting_as(s.tracker):
        task.save()
    event = last_event(task)
    assert (event.action, event.actor) == ("update", s.tracker)
    assert set(event.after) == {"summary", "target", "updated_at"}
    assert (event.before["summary"], event.before["target"]) == (s.task.summary, "")
    assert (event.after["summary"], event.after["target"]) == ("Tóm tắt mới", "100% hồ sơ")


def test_a_save_that_changes_nothing_but_the_timestamp_records_only_the_timestamp(s):
    task = Task.objects.get(pk=s.task.pk)
    task.save()
    assert set(last_event(task).after) == {"updated_at"}


def test_a_json_value_changed_in_place_is_recorded(s):
    document = Document.objects.get(pk=s.task.document_id)
    document.recipients.append("Công an xã")
    document.save()
    event = last_event(document)
    assert event.before == {"recipients": []} and event.after == {"recipients": ["Công an xã"]}


def test_the_values_a_refresh_reads_are_the_before_of_the_next_save(s):
    task = Task.objects.get(pk=s.task.pk)
    Task.objects.filter(pk=task.pk).update(summary="Sửa ở nơi khác")
    task.refresh_from_db(fields=["summary"])
    task.summary = "Sửa ở đây"
    task.save()
    assert last_event(task).before["summary"] == "Sửa ở nơi khác"


def test_a_save_of_some_fields_records_those_fields(s):
    task = Task.objects.get(pk=s.task.pk)
    task.starred, task.summary = True, "không lưu"
    task.save(update_fields=["starred"])
    event = last_event(task)
    assert event.before == {"starred": False} and event.after == {"starred": True}


def test_a_deferred_field_is_neither_read_nor_recorded(s):
    document = Document.objects.defer("text", "extraction").get(pk=s.task.document_id)
    document.subject = "Trích yếu mới"
    document.save()
    event = last_event(document)
    assert event.after == {"subject": "Trích yếu mới"} and "text" not in event.before


def test_an_object_not_read_from_the_database_is_compared_with_its_row(s):
    task = Task(**{f.attname: getattr(s.task, f.attname) for f in Task._meta.concrete_fields})
    task.summary = "Tóm tắt khác"
    task.save()
    assert last_event(task).before["summary"] == s.task.summary


def test_coordinators_added_and_removed_are_events_of_their_own(s):
    task = TaskFactory(owner=s.commune, lead_unit=s.lead_unit)
    with acting_as(s.tracker):
        task.coordinators.add(s.coord_unit)
        task.coordinators.remove(s.coord_unit)
    added, removed = AuditEvent.objects.filter(
        content_type__model="task", object_id=str(task.pk), action="update"
    ).order_by("id")
    assert (added.note, added.after, added.actor) == (
        "thêm đơn vị phối hợp",
        {"coordinators": [s.coord_unit.pk]},
        s.tracker,
    )
    assert (removed.note, removed.after) == ("bỏ đơn vị phối hợp", {"coordinators": [s.coord_unit.pk]})
    created = AuditEvent.objects.get(content_type__model="task", object_id=str(task.pk), action="create")
    assert "coordinators" not in created.after


def test_the_children_of_a_fan_out_each_have_their_creation_recorded(s):
    tracker = MembershipFactory(unit=s.province, role=Role.TRACKER).user
    task = TaskFactory(owner=s.province, lead_unit=s.province)
    children = fan_out(task, tracker)
    events = AuditEvent.objects.filter(
        action="create", content_type__model="task", object_id__in=[str(c.pk) for c in children]
    )
    assert {(e.object_id, e.actor, e.after["owner_id"]) for e in events} == {
        (str(c.pk), tracker, c.owner_id) for c in children
    }
    child = children[0]
    child.summary = "Xã làm trước"
    child.save()
    assert last_event(child).before["summary"] == task.summary
