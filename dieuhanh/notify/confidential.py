"""Confidential tasks in reminders: only the people named on the task's document hear of it.

Planning leaves everyone else out (`rules.insert_reminders`). What was planned before a
document became confidential, or before a person was taken off its list, is withdrawn
at once when that happens (`withdraw`, on the document's and the task's signals), and each
delivery channel drops anything withheld that is still waiting (`drop_withheld`) before it
sends — so a reminder about a confidential task never reaches someone not named on it.
"""

from django.db.models import Exists, OuterRef, QuerySet

from dieuhanh.documents.models import Document
from dieuhanh.notify.models import EventNotice, Notification, Reminder, WebhookDelivery
from dieuhanh.tasks.access import SECRET_LEVELS
from dieuhanh.tasks.models import Task


def _named(document_field: str, person_field: str) -> Exists:
    return Exists(
        Document.allowed_people.through.objects.filter(
            document_id=OuterRef(document_field), user_id=OuterRef(person_field)
        )
    )


def withheld(rows: QuerySet) -> QuerySet:
    """The rows (reminders or notifications: a task and a person) about a confidential task whose
    document does not name the person."""
    return rows.filter(task__document__confidentiality__in=SECRET_LEVELS).exclude(
        _named("task__document_id", "person_id")
    )


def drop_withheld(reminders: QuerySet) -> int:
    """Delete the withheld ones among unsent `reminders` (their notifications go with them)."""
    return withheld(reminders.filter(sent_at=None)).delete()[0]


def withdraw(tasks: QuerySet) -> None:
    """Take back what is waiting for, or shown to, people not allowed to see these tasks — and the
    event posts not yet sent to webhooks, which nobody named receives."""
    drop_withheld(Reminder.objects.filter(task__in=tasks))
    drop_withheld(EventNotice.objects.filter(task__in=tasks))
    withheld(Notification.objects.filter(task__in=tasks)).delete()
    WebhookDelivery.objects.filter(
        event__task__in=tasks.filter(document__confidentiality__in=SECRET_LEVELS), sent_at=None
    ).delete()


def _document_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.is_confidential:
        withdraw(Task.objects.filter(document=instance))


def _task_saved(sender, instance, created, raw=False, **kwargs):
    # A new task has nothing planned yet; a task moved onto a confidential document may have.
    if raw or created or not instance.document_id:
        return
    if Document.objects.filter(pk=instance.document_id, confidentiality__in=SECRET_LEVELS).exists():
        withdraw(Task.objects.filter(pk=instance.pk))


def _readers_changed(sender, instance, action, reverse, **kwargs):
    if action not in ("post_remove", "post_clear"):
        return
    tasks = Task.objects.filter(document__confidentiality__in=SECRET_LEVELS)
    # From the document's side `instance` is the document; from a person's side, every
    # confidential document may have lost that person.
    withdraw(tasks if reverse else tasks.filter(document=instance))


def connect_signals():
    from django.db.models.signals import m2m_changed, post_save

    post_save.connect(_document_saved, sender=Document, dispatch_uid="notify-confidential-document")
    post_save.connect(_task_saved, sender=Task, dispatch_uid="notify-confidential-task")
    m2m_changed.connect(
        _readers_changed, sender=Document.allowed_people.through, dispatch_uid="notify-confidential-readers"
    )
