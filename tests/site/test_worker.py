"""The worker loop: reminders first, then the scheduled reports, each app called directly."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from dieuhanh.reports.models import ReportSchedule
from dieuhanh.site.worker import tick
from tests.notify.conftest import at, frozen

D = datetime.date


@pytest.fixture
def overdue(world):
    world.task.deadline = world.task.original_deadline = D(2026, 6, 10)
    world.task.save()
    return world


def schedule(world, **kw):
    return ReportSchedule.objects.create(
        organisation=world.commune,
        period_kind="month",
        format="xlsx",
        recipients="vp@gialoc.vn",
        next_run=at(D(2026, 6, 11), 7),
        **kw,
    )


def test_it_runs_once_and_sends_the_reminders_and_the_scheduled_report(overdue):
    schedule(overdue)
    with frozen(D(2026, 6, 11), 8):
        call_command("worker", "--once")
    reports = [m for m in mail.outbox if m.to == ["vp@gialoc.vn"]]
    assert len(reports) == 1 and reports[0].attachments[0][0].endswith(".xlsx")
    assert len(mail.outbox) - len(reports) == 3, "the digests of the lead, its head and the assignee"


def test_a_broken_schedule_does_not_stop_the_reminders(overdue, caplog):
    broken = schedule(overdue, cutoff_day=0)  # a row edited by hand: no period ends on day 0
    with frozen(D(2026, 6, 11), 8):
        result = tick()
    assert result.digests_sent == 3
    assert not [m for m in mail.outbox if m.to == ["vp@gialoc.vn"]]
    assert "báo cáo" in caplog.text.lower()
    broken.refresh_from_db()
    assert broken.last_sent_at is None
