"""Workflow events: their kinds, and the one JSON envelope every webhook post carries.

An event is something a person did on a task that others should hear of at once: a task
assigned, progress reported, completion requested / approved / returned, an extension
requested / decided, a direction given. The daily deadline reminders are one more kind
(`deadline_reminder`), posted in the same envelope with the day's list in `detail`.

Envelope (documented in the OpenAPI document's `webhooks`, see dieuhanh/api/webhooks.py):

    {"event": kind, "id": delivery uuid, "sent_at": ISO 8601,
     "task": {"id", "number", "title", "url", "deadline", "lead_unit"} or null,
     "actor": name or null, "detail": {...}}

`id` is the delivery's own uuid (also the X-Dieuhanh-Delivery header): a receiver that gets
the same id twice (a retry after a crash) can drop the second. The body is fixed when the
delivery is created, so every retry sends the same bytes under the same signature.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from dieuhanh.notify.constants import TASK_PATH


class EventKind(models.TextChoices):
    TASK_ASSIGNED = "task_assigned", "Được giao nhiệm vụ"
    PROGRESS_REPORTED = "progress_reported", "Có báo cáo tiến độ mới"
    COMPLETION_REQUESTED = "completion_requested", "Đề nghị xác nhận hoàn thành"
    COMPLETION_APPROVED = "completion_approved", "Đã xác nhận hoàn thành"
    COMPLETION_RETURNED = "completion_returned", "Trả lại, thực hiện lại"
    EXTENSION_REQUESTED = "extension_requested", "Đề nghị gia hạn"
    EXTENSION_DECIDED = "extension_decided", "Đã xử lý đề nghị gia hạn"
    DIRECTION_GIVEN = "direction_given", "Có ý kiến chỉ đạo"
    DEADLINE_REMINDER = "deadline_reminder", "Nhắc việc theo thời hạn"


# The kinds a person hears of one by one (the deadline reminders have their own rules and digest).
WORKFLOW_KINDS = tuple(k for k in EventKind if k != EventKind.DEADLINE_REMINDER)


class Delivery(models.TextChoices):
    """What a person chose for one kind of event."""

    ALL = "all", "Trong hệ thống và thư tổng hợp"
    IN_APP = "in_app", "Chỉ trong hệ thống"
    OFF = "off", "Không nhận"


def task_url(task_id: int) -> str:
    return settings.SITE_URL + TASK_PATH.format(id=task_id)


def task_block(task) -> dict:
    """The task as the envelope shows it: `number` is the task's id within dieuhanh, as text, with
    the number and symbol of its document when it has one (what officials quote)."""
    document = getattr(task, "document", None) if task.document_id else None
    number = f"NV-{task.pk}"
    if document is not None and document.number_symbol:
        number = f"{number} ({document.number_symbol})"
    return {
        "id": task.pk,
        "number": number,
        "title": str(task),
        "url": task_url(task.pk),
        "deadline": task.deadline.isoformat() if task.deadline else None,
        "lead_unit": task.lead_unit.name,
    }


def envelope(
    kind: str,
    *,
    delivery_id: uuid.UUID,
    sent_at: datetime.datetime,
    task=None,
    actor=None,
    detail: dict | None = None,
) -> dict:
    return {
        "event": str(kind),
        "id": str(delivery_id),
        "sent_at": timezone.localtime(sent_at).isoformat(),
        "task": task_block(task) if task is not None else None,
        "actor": str(actor) if actor is not None else None,
        "detail": detail or {},
    }


def describe(kind: str, detail: dict) -> str:
    """One Vietnamese line for a person: what happened (the task is shown beside it)."""
    label = EventKind(kind).label
    if kind == EventKind.EXTENSION_DECIDED:
        outcome = "đồng ý" if detail.get("approved") else "không đồng ý"
        new_date = detail.get("new_date")
        when = f" đến {datetime.date.fromisoformat(new_date):%d/%m/%Y}" if new_date else ""
        return f"Đề nghị gia hạn{when}: lãnh đạo {outcome}"
    if kind == EventKind.EXTENSION_REQUESTED and detail.get("new_date"):
        return f"{label} đến {datetime.date.fromisoformat(detail['new_date']):%d/%m/%Y}"
    if kind == EventKind.PROGRESS_REPORTED and detail.get("percent") is not None:
        return f"{label} ({detail['percent']}%)"
    return label
