"""Who hears of a workflow event, and telling them: in the app at once, by e-mail in the next
daily digest (digest.py), and by the organisations' webhooks (channels/webhook.py).

Who hears of what:
- a task assigned: the lead unit's working members (as reminders chase them) and the people
  assigned to it;
- progress reported: the organisation's trackers and the people assigned (and the lead unit
  when a coordinating unit reports);
- completion or an extension requested: the organisation's leaders, who decide;
- completion approved or returned, an extension decided, a direction given: the lead unit's
  working members, the people assigned and whoever asked (a direction also reaches the trackers).

Never the person who did it; never a viewer (they only read) nor a system admin; and for a task
of a confidential document only the people named on it, on every channel — a webhook endpoint
is nobody named, so it gets nothing about such a task.

Events are written inside the service's transaction: a refused or rolled-back action tells
nobody anything.
"""

import uuid

from django.utils import timezone

from dieuhanh.core.audit import current_actor, loaded_values
from dieuhanh.documents.models import Document
from dieuhanh.notify.events import Delivery, EventKind, describe, envelope
from dieuhanh.notify.models import (
    Event,
    EventNotice,
    Notification,
    NotificationPreference,
    WebhookDelivery,
    WebhookEndpoint,
)
from dieuhanh.org.constants import ORGANISATION_KINDS, Role
from dieuhanh.org.models import Membership, Unit, User
from dieuhanh.tasks.access import SECRET_LEVELS
from dieuhanh.tasks.constants import ChangeStatus
from dieuhanh.tasks.models import CompletionRequest, DeadlineChange, Direction, ProgressReport, Task

NOT_DOERS = (Role.VIEWER, Role.ADMIN)


def doers(task: Task) -> set[int]:
    """The lead unit's working members and the people assigned."""
    members = Membership.objects.filter(unit_id=task.lead_unit_id).exclude(role__in=NOT_DOERS)
    assigned = Task.assignees.through.objects.filter(task_id=task.pk)
    return set(members.values_list("user_id", flat=True)) | set(assigned.values_list("user_id", flat=True))


def assigned(task: Task) -> set[int]:
    return set(Task.assignees.through.objects.filter(task_id=task.pk).values_list("user_id", flat=True))


def organisation_people(task: Task, roles) -> set[int]:
    """People with one of `roles` in the organisation that tracks the task (its own units, not
    those of a commune below a province)."""
    owner = Unit.objects.only("path").get(pk=task.owner_id)
    rows = Membership.objects.filter(unit__path__startswith=owner.path, role__in=roles).values_list(
        "user_id", "unit__path"
    )
    nested = Unit.objects.filter(path__startswith=owner.path, kind__in=ORGANISATION_KINDS).exclude(
        pk=owner.pk
    )
    nested_paths = list(nested.values_list("path", flat=True)) if rows else []
    return {uid for uid, path in rows if not any(path.startswith(p) for p in nested_paths)}


def _secret_readers(task: Task) -> set[int] | None:
    """The people named on the task's document when it is confidential; None when it is not."""
    if not task.document_id:
        return None
    document = Document.objects.filter(pk=task.document_id, confidentiality__in=SECRET_LEVELS).first()
    if document is None:
        return None
    return set(document.allowed_people.values_list("pk", flat=True))


def _organisation_prefixes(path: str) -> list[str]:
    """'/1/7/23/' → ['/1/', '/1/7/', '/1/7/23/']: the units at and above one."""
    ids = [x for x in path.strip("/").split("/") if x]
    return ["/" + "/".join(ids[: i + 1]) + "/" for i in range(len(ids))]


def announce(kind: str, task: Task, actor, people: set[int], detail: dict | None = None) -> Event | None:
    """Tell `people` (ids) and the webhooks of the task's organisations that `kind` happened."""
    detail = detail or {}
    readers = _secret_readers(task)
    people = set(people) - {getattr(actor, "pk", None)}
    if readers is not None:
        people &= readers
    recipients = list(User.objects.filter(pk__in=people, is_active=True).only("pk", "email"))
    endpoints = []
    if readers is None:
        owner_path = Unit.objects.values_list("path", flat=True).get(pk=task.owner_id)
        endpoints = list(
            WebhookEndpoint.objects.filter(
                is_active=True, organisation__path__in=_organisation_prefixes(owner_path)
            )
        )
    if not recipients and not endpoints:
        return None
    now = timezone.now()
    event = Event.objects.create(kind=kind, task=task, actor=actor, detail=detail, created_at=now)
    if recipients:
        _tell_people(event, task, recipients, now)
    if endpoints:
        task = Task.objects.select_related("lead_unit", "document").get(pk=task.pk)
        deliveries = []
        for endpoint in endpoints:
            delivery_id = uuid.uuid4()
            payload = envelope(
                kind, delivery_id=delivery_id, sent_at=now, task=task, actor=actor, detail=detail
            )
            deliveries.append(
                WebhookDelivery(
                    endpoint=endpoint, uuid=delivery_id, event=event, day=now.date(), payload=payload
                )
            )
        WebhookDelivery.objects.bulk_create(deliveries)
    return event


def _tell_people(event: Event, task: Task, recipients: list, now) -> None:
    preferences = {p.person_id: p for p in NotificationPreference.objects.filter(person__in=recipients)}
    text = f"{describe(event.kind, event.detail)}: {task}"[:500]
    notices, notifications = [], []
    for person in recipients:
        preference = preferences.get(person.pk) or NotificationPreference(person=person)
        choice = preference.delivery_for(event.kind)
        if choice == Delivery.OFF:
            continue
        by_email = bool(person.email) and preference.email_enabled and choice == Delivery.ALL
        notice = EventNotice(event=event, person=person, task=task)
        if not by_email:
            notice.sent_at, notice.channel = now, "in_app"
        notices.append(notice)
        if preference.in_app_enabled or not by_email:
            notifications.append(
                Notification(person=person, task=task, kind=event.kind, text=text, created_at=now)
            )
    EventNotice.objects.bulk_create(notices)
    Notification.objects.bulk_create(notifications)


def tasks_assigned(tasks, actor) -> None:
    """New tasks (a confirmed import): the lead unit hears of each."""
    for task in tasks:
        announce(EventKind.TASK_ASSIGNED, task, actor, doers(task))


# Signals: the task services live below notify and cannot call it; their rows say what happened.


def _report_saved(sender, instance: ProgressReport, created, raw=False, **kwargs):
    if raw or not created:
        return
    task = instance.task
    people = organisation_people(task, [Role.TRACKER]) | assigned(task)
    if instance.unit_id != task.lead_unit_id:
        people |= doers(task)
    detail = {"percent": instance.percent, "text": instance.text[:500], "unit": str(instance.unit)}
    announce(EventKind.PROGRESS_REPORTED, task, instance.author, people, detail)


def _status_before(sender, instance, raw=False, **kwargs):
    instance._status_before = None if instance._state.adding else loaded_values(instance).get("status")


def _decided(instance) -> bool:
    return instance._status_before == ChangeStatus.REQUESTED and instance.status != ChangeStatus.REQUESTED


def _completion_saved(sender, instance: CompletionRequest, created, raw=False, **kwargs):
    if raw:
        return
    task = instance.task
    if created:
        detail = {"claimed_on": instance.claimed_on.isoformat(), "note": instance.note[:500]}
        people = organisation_people(task, [Role.LEADER])
        announce(EventKind.COMPLETION_REQUESTED, task, instance.requested_by, people, detail)
    elif _decided(instance):
        approved = instance.status == ChangeStatus.APPROVED
        kind = EventKind.COMPLETION_APPROVED if approved else EventKind.COMPLETION_RETURNED
        people = doers(task) | ({instance.requested_by_id} - {None})
        announce(kind, task, instance.decided_by, people, {"note": instance.decision_note[:500]})


def _extension_saved(sender, instance: DeadlineChange, created, raw=False, **kwargs):
    if raw:
        return
    task = instance.task
    detail = {"new_date": instance.new_date.isoformat(), "reason": instance.reason[:500]}
    if created:
        people = organisation_people(task, [Role.LEADER])
        announce(EventKind.EXTENSION_REQUESTED, task, instance.requested_by, people, detail)
    elif _decided(instance):
        detail.update(approved=instance.status == ChangeStatus.APPROVED, note=instance.decision_note[:500])
        people = doers(task) | ({instance.requested_by_id} - {None})
        announce(EventKind.EXTENSION_DECIDED, task, instance.decided_by, people, detail)


def _direction_saved(sender, instance: Direction, created, raw=False, **kwargs):
    if raw or not created:
        return
    task = instance.task
    people = doers(task) | organisation_people(task, [Role.TRACKER])
    announce(EventKind.DIRECTION_GIVEN, task, instance.author, people, {"text": instance.text[:500]})


def _assignees_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "post_add" or reverse or not pk_set:
        return
    announce(EventKind.TASK_ASSIGNED, instance, current_actor(), set(pk_set), {"assigned": True})


def connect_signals():
    from django.db.models.signals import m2m_changed, post_save, pre_save

    for model, handler in (
        (ProgressReport, _report_saved),
        (CompletionRequest, _completion_saved),
        (DeadlineChange, _extension_saved),
        (Direction, _direction_saved),
    ):
        post_save.connect(handler, sender=model, dispatch_uid=f"notify-event-{model.__name__}")
    for model in (CompletionRequest, DeadlineChange):
        pre_save.connect(_status_before, sender=model, dispatch_uid=f"notify-status-{model.__name__}")
    m2m_changed.connect(
        _assignees_changed, sender=Task.assignees.through, dispatch_uid="notify-event-assignees"
    )
