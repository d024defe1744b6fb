"""Delivery: in-app at once, one email digest per person per day at their hour, retries, the commands."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from dieuhanh.notify.channels.in_app import unread_count
from dieuhanh.notify.constants import Channel
from dieuhanh.notify.models import Digest, Notification, NotificationPreference, Reminder
from dieuhanh.notify.worker import tick
from tests.factories import TaskFactory
from tests.notify.conftest import frozen

D = datetime.date
SITE = "https://dieuhanh.example.vn"


@pytest.fixture
def overdue(world, settings):
    settings.SITE_URL = SITE
    world.task.deadline = world.task.original_deadline = D(2026, 6, 10)
    world.task.summary = "Rà soát hộ nghèo năm 2026"
    world.task.save()
    return world


def mails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_it_notifies_in_app_at_once_and_emails_at_the_digest_hour(overdue):
    with frozen(D(2026, 6, 11), 6):
        tick()
    assert mail.outbox == []
    assert unread_count(overdue.s.lead) == 1
    with frozen(D(2026, 6, 11), 7):
        result = tick()
    assert result.digests_sent == 3  # lead, head, assignee
    [message] = mails_to(overdue.s.lead)
    assert message.subject == "[dieuhanh] Nhắc việc ngày 11/06/2026: 1 nhiệm vụ cần chú ý"
    assert "Kính gửi" in message.body and "Quá hạn 1 ngày (thời hạn 10/06/2026)" in message.body
    assert f"{SITE}/nhiem-vu/{overdue.task.pk}/" in message.body
    html = message.alternatives[0][0]
    assert f'href="{SITE}/nhiem-vu/{overdue.task.pk}/"' in html and "Rà soát hộ nghèo năm 2026" in html
    with frozen(D(2026, 6, 11), 9):
        tick()
    assert len(mail.outbox) == 3
    assert set(Reminder.objects.values_list("channel", flat=True)) == {Channel.EMAIL}
    assert not Reminder.objects.filter(sent_at=None).exists()


def test_it_gathers_all_of_a_persons_tasks_in_one_digest(overdue):
    with frozen(D(2026, 5, 4)):
        soon = TaskFactory(owner=overdue.commune, lead_unit=overdue.s.lead_unit, deadline=D(2026, 6, 12))
        soon.coordinators.add(overdue.s.coord_unit)
    with frozen(D(2026, 6, 11), 7):
        tick()
    [message] = mails_to(overdue.s.lead)
    assert "2 nhiệm vụ" in message.subject
    assert message.body.index("== Quá hạn") < message.body.index("== Sắp đến hạn")
    assert f"/nhiem-vu/{soon.pk}/" in message.body and f"/nhiem-vu/{overdue.task.pk}/" in message.body
    # The coordinating unit hears about the task due tomorrow, not about the overdue one.
    [to_coord] = mails_to(overdue.s.coord)
    assert f"/nhiem-vu/{soon.pk}/" in to_coord.body and f"/nhiem-vu/{overdue.task.pk}/" not in to_coord.body


def test_it_reminds_people_without_email_in_the_app_only(overdue):
    overdue.s.lead.email = ""
    overdue.s.lead.save()
    with frozen(D(2026, 6, 11), 8):
        tick()
    reminder = Reminder.objects.get(person=overdue.s.lead)
    assert reminder.channel == Channel.IN_APP and reminder.sent_at is not None
    assert unread_count(overdue.s.lead) == 1
    assert mails_to(overdue.head)


def test_it_sends_at_the_hour_each_person_chose(overdue):
    NotificationPreference.objects.create(person=overdue.s.lead, digest_hour=16, in_app_enabled=False)
    with frozen(D(2026, 6, 11), 8):
        tick()
    assert mails_to(overdue.head) and not mails_to(overdue.s.lead)
    assert unread_count(overdue.s.lead) == 0  # in-app turned off
    with frozen(D(2026, 6, 11), 16):
        tick()
    assert len(mails_to(overdue.s.lead)) == 1


def test_it_keeps_reminders_planned_after_the_digest_for_the_next_days_digest(overdue):
    with frozen(D(2026, 6, 11), 7):
        tick()
    with frozen(D(2026, 6, 11), 8):
        late = TaskFactory(owner=overdue.commune, lead_unit=overdue.s.lead_unit, deadline=D(2026, 6, 9))
    with frozen(D(2026, 6, 11), 10):
        tick(force_plan=True)
    assert len(mails_to(overdue.s.lead)) == 1
    assert Reminder.objects.filter(task=late, person=overdue.s.lead, sent_at=None).exists()
    with frozen(D(2026, 6, 12), 7):
        tick()
    second = mails_to(overdue.s.lead)[1]
    assert f"/nhiem-vu/{late.pk}/" in second.body
    assert Digest.objects.filter(person=overdue.s.lead).count() == 2


def test_it_retries_a_failed_digest_with_back_off_and_loses_nothing(overdue, monkeypatch):
    from dieuhanh.notify.channels import email

    real_send, calls = email.send, []

    def flaky(message, connection):
        calls.append(message.to)
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        real_send(message, connection)

    monkeypatch.setattr(email, "send", flaky)
    with frozen(D(2026, 6, 11), 7):
        first = tick()
    assert first.digests_sent == 2 and first.digests_failed == 1
    failed = Digest.objects.get(sent_at=None)
    assert failed.attempts == 1 and "SMTPServerDisconnected" in failed.last_error
    assert failed.next_attempt_at == frozen_at(D(2026, 6, 11), 7, 1)
    stuck = Reminder.objects.get(person=failed.person)
    assert stuck.attempts == 1 and stuck.sent_at is None and stuck.next_attempt_at == failed.next_attempt_at
    with frozen(D(2026, 6, 11), 7, 0):
        assert tick().digests_sent == 0  # not before the back-off
    with frozen(D(2026, 6, 11), 7, 1):
        assert tick().digests_sent == 1
    stuck.refresh_from_db()
    assert stuck.sent_at is not None and stuck.channel == Channel.EMAIL
    assert len(mail.outbox) == 3


def frozen_at(day, hour, minute):
    from tests.notify.conftest import at

    return at(day, hour, minute)


def test_dry_run_prints_what_would_be_sent_and_writes_nothing(overdue, capsys):
    with frozen(D(2026, 6, 11), 8):
        call_command("remind", "--dry-run")
    out = capsys.readouterr().out
    assert "[Chạy thử] Ngày 11/06/2026: sẽ lập 3 lượt nhắc mới" in out
    assert f"{overdue.s.lead} <{overdue.s.lead.email}>" in out
    assert "[Quá hạn] Rà soát hộ nghèo năm 2026 — Quá hạn 1 ngày" in out
    assert not Reminder.objects.exists() and not Notification.objects.exists() and mail.outbox == []


def test_remind_sends_what_is_due_once_whatever_the_hour(overdue, capsys):
    with frozen(D(2026, 6, 12), 5):
        call_command("remind", "--today", "2026-06-11")
        call_command("remind", "--today", "2026-06-11")
    assert len(mail.outbox) == 3
    assert "Nhắc việc ngày 11/06/2026" in capsys.readouterr().out
    assert set(Reminder.objects.values_list("due_on", flat=True)) == {D(2026, 6, 11)}


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "abc"])
def test_remind_refuses_a_day_outside_2000_2100_without_a_traceback(db, day):
    with pytest.raises(CommandError, match="argument --today: ngày"):
        call_command("remind", "--today", day, "--dry-run")
