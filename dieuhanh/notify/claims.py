"""Claiming work with a conditional UPDATE, and recording failures (healthchecks' sendalerts).

`claim()` sets `claimed_at` only on a row nobody has: unsent, unclaimed (or
claimed by a worker whose lease has run out) and due for an attempt. The
UPDATE is atomic in the database, so of two workers racing for a row exactly
one gets 1 back; the other gets 0 and moves on.

A claim is a lease of `lease_seconds()`: a worker killed between its claim
and `mark_sent` leaves the row claimed, and once the lease is over any worker
takes it again. Delivery is therefore at-least-once: a worker killed after
the mail server accepted a digest but before it was marked sent makes the
next worker send it again — with the same Message-ID, so mail clients and
servers can drop the duplicate. Nothing claimed is ever lost.
"""

import datetime
import logging

from django.conf import settings
from django.db.models import F, Q

from dieuhanh.notify.constants import STALE_CLAIM_SECONDS
from dieuhanh.notify.models import retry_delay

logger = logging.getLogger(__name__)


def lease_seconds() -> int:
    return getattr(settings, "NOTIFY_LEASE_SECONDS", None) or STALE_CLAIM_SECONDS


def available(now: datetime.datetime) -> Q:
    """Rows that nobody is sending (unclaimed, or the claim's lease is over) and whose next attempt is due."""
    stale = now - datetime.timedelta(seconds=lease_seconds())
    return (
        Q(sent_at=None)
        & (Q(claimed_at=None) | Q(claimed_at__lt=stale))
        & (Q(next_attempt_at=None) | Q(next_attempt_at__lte=now))
    )


def claim(obj, now: datetime.datetime) -> bool:
    """Take `obj` for sending; False when another process has it or it is done."""
    taken = type(obj).objects.filter(available(now), pk=obj.pk).update(claimed_at=now) == 1
    if taken:
        obj.claimed_at = now
    return taken


def release(obj) -> None:
    type(obj).objects.filter(pk=obj.pk, sent_at=None).update(claimed_at=None)


def mark_sent(obj, now: datetime.datetime, **fields) -> None:
    type(obj).objects.filter(pk=obj.pk).update(sent_at=now, claimed_at=None, last_error="", **fields)
    obj.sent_at = now


def mark_failed(obj, now: datetime.datetime, error: str, related=None) -> datetime.datetime:
    """Record a failed attempt on `obj` (and on the `related` queryset) and schedule the next one."""
    attempts = obj.attempts + 1
    retry_at = now + retry_delay(attempts)
    error = error[:2000]
    type(obj).objects.filter(pk=obj.pk).update(
        claimed_at=None, attempts=attempts, next_attempt_at=retry_at, last_error=error
    )
    obj.attempts, obj.next_attempt_at, obj.last_error = attempts, retry_at, error
    if related is not None:
        related.update(attempts=F("attempts") + 1, next_attempt_at=retry_at, last_error=error)
    logger.warning("Gửi %s thất bại (lần %d), thử lại lúc %s: %s", obj, attempts, retry_at.isoformat(), error)
    return retry_at
