"""A worker that dies mid-send loses nothing: its claim is a lease, and the digest is sent again.

The death is a BaseException raised from inside the send (what kill -9 looks like to the rows:
the claim is taken, the reminders are attached, nothing is marked). The real kill -9 runs in
test_kill_worker.py.
"""

import datetime

import pytest

from dieuhanh.notify.channels import email
from dieuhanh.notify.models import Digest, Reminder
from dieuhanh.notify.worker import tick
from tests.notify.conftest import frozen

D = datetime.date


class Killed(BaseException):
    """Not an Exception: nothing in the worker catches it, as nothing survives a kill -9."""


def overdue(world):
    world.task.deadline = world.task.original_deadline = D(2026, 6, 10)
    world.task.save()


def die_while_sending(monkeypatch):
    real_send = email.send

    def dying(message, connection):
        raise Killed

    monkeypatch.setattr(email, "send", dying)
    return real_send


def test_a_digest_claimed_by_a_dead_worker_is_sent_once_the_lease_is_over(
    world, monkeypatch, mailoutbox, settings
):
    overdue(world)
    real_send = die_while_sending(monkeypatch)
    with frozen(D(2026, 6, 11), 8), pytest.raises(Killed):
        tick()
    stuck = Digest.objects.get(claimed_at__isnull=False)
    assert stuck.sent_at is None and stuck.attempts == 0 and stuck.reminders.exists()
    others = Digest.objects.exclude(pk=stuck.pk).count()
    monkeypatch.setattr(email, "send", real_send)

    with frozen(D(2026, 6, 11), 8, 5):
        assert tick().digests_sent == others, "the lease still holds: a live worker may be sending it"
    stuck.refresh_from_db()
    assert stuck.sent_at is None
    lease = datetime.timedelta(seconds=settings.NOTIFY_LEASE_SECONDS)
    with frozen(D(2026, 6, 11), 8) as clock:
        clock.shift(lease + datetime.timedelta(minutes=1))
        assert tick().digests_sent == 1
    stuck.refresh_from_db()
    assert stuck.sent_at is not None and stuck.claimed_at is None
    assert not Reminder.objects.filter(sent_at=None).exists()
    assert len(mailoutbox) == others + 1


def test_the_same_digest_keeps_its_message_id_on_a_retry(world, mailoutbox, settings):
    overdue(world)
    with frozen(D(2026, 6, 11), 8):
        tick()
    digest = Digest.objects.get(person=world.s.lead)
    first = next(m for m in mailoutbox if m.to == [world.s.lead.email])
    # As if the worker died after the mail server took the message, before marking it sent.
    Digest.objects.filter(pk=digest.pk).update(sent_at=None, claimed_at=None)
    Reminder.objects.filter(digest=digest).update(sent_at=None)
    mailoutbox.clear()
    with frozen(D(2026, 6, 11), 9):
        tick()
    again = next(m for m in mailoutbox if m.to == [world.s.lead.email])
    assert again.extra_headers["Message-ID"] == first.extra_headers["Message-ID"]
    assert first.extra_headers["Message-ID"].startswith(f"<digest-{digest.pk}-20260611.")
