"""In-app notifications: one per reminder, created in one statement as soon as it is due."""

import datetime

from django.db import connection
from django.db.models import CharField, DateTimeField, Value
from django.utils import timezone

from dieuhanh.notify.channels import wants_email, wants_in_app
from dieuhanh.notify.confidential import drop_withheld
from dieuhanh.notify.constants import Channel
from dieuhanh.notify.models import Notification, Reminder
from dieuhanh.org.access import Access
from dieuhanh.tasks.access import can_view


def create_notifications(today: datetime.date, now: datetime.datetime) -> int:
    """Notify every due, unsent reminder that has no notification yet (the unique reminder key guards)."""
    drop_withheld(Reminder.objects.filter(due_on__lte=today, notification__isnull=True))
    rows = (
        Reminder.objects.filter(wants_in_app(), due_on__lte=today, sent_at=None, notification__isnull=True)
        .order_by()
        .annotate(
            n_created=Value(now, output_field=DateTimeField()), n_text=Value("", output_field=CharField())
        )
        .values_list("person_id", "pk", "task_id", "kind", "n_text", "n_created")
    )
    sql, params = rows.query.get_compiler(connection=connection).as_sql()
    q = connection.ops.quote_name
    columns = ", ".join(q(c) for c in ("person_id", "reminder_id", "task_id", "kind", "text", "created_at"))
    statement = (
        f"INSERT INTO {q(Notification._meta.db_table)} ({columns}) "
        f"SELECT * FROM ({sql}) AS due WHERE 1 = 1 ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return max(cursor.rowcount, 0)


def close_in_app_only(today: datetime.date, now: datetime.datetime) -> int:
    """Reminders of people without email are sent once their notification exists."""
    return (
        Reminder.objects.filter(due_on__lte=today, sent_at=None, claimed_at=None, digest=None)
        .filter(notification__isnull=False)
        .exclude(wants_email())
        .update(sent_at=now, channel=Channel.IN_APP)
    )


def unread_count(user) -> int:
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(person=user, read_at=None).count()


def mark_read(user, ids=None) -> int:
    """Mark `ids` (all when None) of `user`'s notifications read."""
    qs = Notification.objects.filter(person=user, read_at=None)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


def notify(person, text: str, task=None, kind: str = "") -> Notification | None:
    """A one-off notification outside the reminder rules (e.g. from another app).

    None, and nothing sent, when it is about a task the person may not see.
    """
    if task is not None and not can_view(Access.of(person), task):
        return None
    return Notification.objects.create(
        person=person, task=task, kind=kind, text=text[:500], created_at=timezone.now()
    )
