"""Outgoing webhooks: each workflow event as it happens, and once a day an organisation's due
reminders, each as one JSON POST in the envelope of notify/events.py.

The day's reminders (event `deadline_reminder`, no task, the list in `detail`) name each
(task, kind) once, whoever was reminded; a confidential task is never in any post (an endpoint
is nobody named on the document). The body is fixed when the delivery row is created, so a
retry sends the same bytes. With a secret, the body is signed:
`X-Dieuhanh-Signature: sha256=<hex HMAC-SHA256>`. A failed post is retried with exponential
back-off, at most WEBHOOK_MAX_ATTEMPTS times; every attempt's outcome stays on the row.
"""

import datetime
import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
import uuid

from django.utils import timezone

from dieuhanh.notify.claims import available, claim, mark_failed, mark_sent
from dieuhanh.notify.constants import WEBHOOK_MAX_ATTEMPTS, ReminderKind
from dieuhanh.notify.digest import task_url
from dieuhanh.notify.events import EventKind, envelope
from dieuhanh.notify.models import Reminder, WebhookDelivery, WebhookEndpoint
from dieuhanh.tasks.access import SECRET_LEVELS

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
SIGNATURE_HEADER = "X-Dieuhanh-Signature"
DELIVERY_HEADER = "X-Dieuhanh-Delivery"


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def build_payload(endpoint: WebhookEndpoint, day: datetime.date) -> dict:
    """The day's reminders of the endpoint's organisation (the `detail` of a deadline_reminder)."""
    rows = (
        Reminder.objects.filter(due_on=day, task__owner__path__startswith=endpoint.organisation.path)
        .exclude(task__document__confidentiality__in=SECRET_LEVELS)
        .order_by("task_id", "kind")
        .values_list(
            "task_id", "kind", "task__summary", "task__text", "task__deadline", "task__lead_unit__name"
        )
        .distinct()
    )
    labels = dict(ReminderKind.choices)
    items = [
        {
            "task_id": task_id,
            "kind": kind,
            "kind_label": labels.get(kind, kind),
            "summary": summary or text[:200],
            "deadline": deadline.isoformat() if deadline else None,
            "lead_unit": lead_unit,
            "url": task_url(task_id),
        }
        for task_id, kind, summary, text, deadline, lead_unit in rows
    ]
    return {
        "organisation": endpoint.organisation.name,
        "day": day.isoformat(),
        "text": f"Nhắc việc ngày {day:%d/%m/%Y}: {len({i['task_id'] for i in items})} nhiệm vụ cần chú ý.",
        "reminders": items,
    }


def post(endpoint: WebhookEndpoint, payload: dict, delivery_id: str = "") -> int:
    """POST the payload; returns the HTTP status, raises on a network error or a non-2xx answer.

    Delivery is at-least-once (claims.py): a retry after a crash carries the same
    X-Dieuhanh-Delivery id, so the receiver can ignore a post it already has.
    """
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "dieuhanh-webhook"}
    if delivery_id:
        headers[DELIVERY_HEADER] = delivery_id
    if endpoint.secret:
        headers[SIGNATURE_HEADER] = signature(endpoint.secret, body)
    request = urllib.request.Request(endpoint.url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 — admin-set URL
        return response.status


def deliver_webhooks(today: datetime.date, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Post today's reminders to each active endpoint once, and retry failed posts. Returns (sent, failed)."""
    now = now or timezone.now()
    for endpoint in WebhookEndpoint.objects.filter(is_active=True).select_related("organisation"):
        if WebhookDelivery.objects.filter(endpoint=endpoint, day=today, event=None).exists():
            continue
        detail = build_payload(endpoint, today)
        if detail["reminders"]:
            delivery_id = uuid.uuid4()
            payload = envelope(
                EventKind.DEADLINE_REMINDER, delivery_id=delivery_id, sent_at=now, detail=detail
            )
            WebhookDelivery.objects.get_or_create(
                endpoint=endpoint, day=today, event=None, defaults={"payload": payload, "uuid": delivery_id}
            )
    sent = failed = 0
    due = WebhookDelivery.objects.filter(
        available(now), endpoint__is_active=True, attempts__lt=WEBHOOK_MAX_ATTEMPTS
    ).select_related("endpoint")
    for delivery in due.order_by("pk"):
        if not claim(delivery, now):
            continue
        try:
            status = post(delivery.endpoint, delivery.payload, str(delivery.uuid))
        except urllib.error.HTTPError as exc:
            WebhookDelivery.objects.filter(pk=delivery.pk).update(response_status=exc.code)
            mark_failed(delivery, now, f"HTTP {exc.code}: {exc.reason}")
            failed += 1
            continue
        except (OSError, ValueError) as exc:
            mark_failed(delivery, now, f"{type(exc).__name__}: {exc}")
            failed += 1
            continue
        mark_sent(delivery, now, response_status=status)
        sent += 1
        logger.info("Đã gửi webhook %s (%s).", delivery.endpoint.url, delivery.payload.get("event", ""))
    return sent, failed
