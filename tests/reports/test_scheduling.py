import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from dieuhanh.reports.models import ReportSchedule
from dieuhanh.reports.periods import next_run_after, period_before
from dieuhanh.reports.scheduling import send_due_reports

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime.datetime(2026, 6, 15, 7, 30, tzinfo=TZ)


def schedule(june, **kw):
    defaults = {
        "organisation": june.commune,
        "period_kind": "month",
        "format": "docx",
        "recipients": "vp@gialoc.vn, chutich@gialoc.vn",
        "next_run": datetime.datetime(2026, 6, 15, 7, tzinfo=TZ),
    }
    return ReportSchedule.objects.create(**(defaults | kw))


@pytest.mark.parametrize(
    "kind, day, label",
    [
        ("month", datetime.date(2026, 6, 15), "Tháng 6/2026"),
        ("month", datetime.date(2026, 6, 14), "Tháng 5/2026"),
        ("quarter", datetime.date(2026, 6, 20), "Quý II/2026"),
        ("half", datetime.date(2026, 6, 15), "6 tháng đầu năm 2026"),
        ("nine_months", datetime.date(2026, 6, 15), "9 tháng năm 2025"),
        ("year", datetime.date(2027, 1, 3), "Năm 2026"),
    ],
)
def test_a_schedule_sends_the_period_that_closed_last(kind, day, label):
    assert period_before(kind, day).label == label


def test_the_next_run_is_the_morning_after_the_next_cutoff():
    assert next_run_after("month", NOW) == datetime.datetime(2026, 7, 15, 7, tzinfo=TZ)
    assert next_run_after("quarter", NOW) == datetime.datetime(2026, 9, 15, 7, tzinfo=TZ)
    assert next_run_after("year", NOW) == datetime.datetime(2026, 12, 15, 7, tzinfo=TZ)


def test_it_emails_the_due_report_and_moves_the_next_run(june):
    s = schedule(june)
    with time_machine.travel(NOW, tick=False):
        assert send_due_reports(NOW) == 1
    [message] = mail.outbox
    assert message.to == ["vp@gialoc.vn", "chutich@gialoc.vn"]
    assert message.subject == "Báo cáo Tháng 6/2026 — Ủy ban nhân dân xã Gia Lộc"
    [(name, content, mimetype)] = message.attachments
    assert name.endswith(".docx") and content[:2] == b"PK" and "wordprocessingml" in mimetype
    s.refresh_from_db()
    assert s.next_run == datetime.datetime(2026, 7, 15, 7, tzinfo=TZ) and s.last_sent_at == NOW


def test_a_schedule_claimed_by_another_worker_is_skipped(june, monkeypatch):
    s = schedule(june)
    from dieuhanh.reports import scheduling

    real_next_run = scheduling.next_run_after

    def another_worker_claims_first(kind, now, cutoff):
        ReportSchedule.objects.filter(pk=s.pk).update(next_run=now + datetime.timedelta(days=30))
        return real_next_run(kind, now, cutoff)

    monkeypatch.setattr(scheduling, "next_run_after", another_worker_claims_first)
    with time_machine.travel(NOW, tick=False):
        assert scheduling.send_due_reports(NOW) == 0
    assert mail.outbox == []


def test_not_yet_due_and_inactive_schedules_wait(june):
    schedule(june, next_run=NOW + datetime.timedelta(hours=1))
    schedule(june, is_active=False)
    assert send_due_reports(NOW) == 0


def test_a_failure_is_logged_and_retried_later(june, monkeypatch, caplog):
    s = schedule(june)
    from dieuhanh.reports import scheduling

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("SMTP từ chối kết nối")

    monkeypatch.setattr(scheduling.EmailMessage, "send", broken)
    with time_machine.travel(NOW, tick=False):
        assert send_due_reports(NOW) == 0
    s.refresh_from_db()
    assert s.failures == 1 and "SMTP từ chối kết nối" in s.last_error
    assert s.next_run == NOW + datetime.timedelta(minutes=10)
    assert "thất bại" in caplog.text
    monkeypatch.undo()
    later = NOW + datetime.timedelta(minutes=10)
    with time_machine.travel(later, tick=False):
        assert send_due_reports(later) == 1
    assert mail.outbox[0].subject.startswith("Báo cáo Tháng 6/2026")
    s.refresh_from_db()
    assert s.failures == 0 and s.last_error == ""


class Killed(BaseException):
    """What a kill -9 during the send leaves behind: the claim taken, nothing recorded."""


def test_a_report_whose_worker_died_while_sending_is_sent_after_the_lease(june, monkeypatch, settings):
    s = schedule(june)
    from dieuhanh.reports import scheduling

    def dies(*args, **kwargs):
        raise Killed

    monkeypatch.setattr(scheduling.EmailMessage, "send", dies)
    with time_machine.travel(NOW, tick=False), pytest.raises(Killed):
        send_due_reports(NOW)
    monkeypatch.undo()
    assert send_due_reports(NOW + datetime.timedelta(minutes=1)) == 0, "the lease still holds"
    later = NOW + datetime.timedelta(seconds=settings.NOTIFY_LEASE_SECONDS + 60)
    with time_machine.travel(later, tick=False):
        assert send_due_reports(later) == 1
    [message] = mail.outbox
    assert message.subject == "Báo cáo Tháng 6/2026 — Ủy ban nhân dân xã Gia Lộc"
    s.refresh_from_db()
    assert s.next_run == datetime.datetime(2026, 7, 15, 7, tzinfo=TZ)
