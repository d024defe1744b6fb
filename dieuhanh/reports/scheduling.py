"""Scheduled reports, sent by the worker loop (`dieuhanh.site.worker`): `send_due_reports(now)` every tick.

Each due schedule is claimed with a conditional UPDATE of its `next_run` (as
healthchecks' sendalerts claims a flip), so two workers never send the same
report; the loser sees 0 rows and skips. The claim moves `next_run` only a
lease ahead (settings.NOTIFY_LEASE_SECONDS): a worker killed while sending
leaves the schedule due again once the lease is over, so a report is sent at
least once, never lost. A failure is logged and the schedule is retried
later with a growing delay, for the same period.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from dieuhanh.reports.generate import report_file
from dieuhanh.reports.models import ReportSchedule
from dieuhanh.reports.periods import next_run_after, period_before

log = logging.getLogger(__name__)

RETRY_BASE = datetime.timedelta(minutes=10)
RETRY_MAX = datetime.timedelta(hours=6)


def retry_delay(failures: int) -> datetime.timedelta:
    return min(RETRY_BASE * 2 ** max(failures - 1, 0), RETRY_MAX)


def send_report(schedule: ReportSchedule, now: datetime.datetime) -> None:
    """Generate the report of the period that closed before `now` and e-mail it."""
    period = period_before(schedule.period_kind, timezone.localtime(now).date(), schedule.cutoff_day)
    made = report_file(
        period,
        schedule.format,
        user=schedule.run_as,
        unit=schedule.organisation,
        today=timezone.localdate(now),
        confidential=False,  # mailed to addresses, not to people named on a confidential document
    )
    message = EmailMessage(
        subject=f"Báo cáo {period.label} — {schedule.organisation.name}",
        body=(
            f"Kính gửi Quý cơ quan,\n\nHệ thống dieuhanh gửi kèm báo cáo kết quả thực hiện nhiệm vụ "
            f"{period.label} của {schedule.organisation.name} (số liệu từ {period.start:%d/%m/%Y} "
            f"đến {period.end:%d/%m/%Y}).\n\nThư được gửi tự động theo lịch báo cáo."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=schedule.recipient_list(),
    )
    message.attach(made.filename, made.content, made.mimetype)
    message.send()


def send_due_reports(now: datetime.datetime | None = None) -> int:
    """Send every schedule whose `next_run` has passed; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    due = ReportSchedule.objects.filter(is_active=True, next_run__lte=now).select_related(
        "organisation", "run_as"
    )
    for schedule in due.order_by("next_run", "id"):
        following = next_run_after(schedule.period_kind, now, schedule.cutoff_day)
        lease_end = now + datetime.timedelta(seconds=settings.NOTIFY_LEASE_SECONDS)
        claimed = ReportSchedule.objects.filter(pk=schedule.pk, next_run=schedule.next_run).update(
            next_run=lease_end
        )
        if not claimed:
            continue
        try:
            send_report(schedule, now)
        except Exception as exc:
            failures = schedule.failures + 1
            log.exception("Gửi báo cáo theo lịch %s thất bại (lần %s)", schedule.pk, failures)
            ReportSchedule.objects.filter(pk=schedule.pk, next_run=lease_end).update(
                next_run=now + retry_delay(failures),
                failures=failures,
                last_error=f"{type(exc).__name__}: {exc}",
            )
            continue
        ReportSchedule.objects.filter(pk=schedule.pk).update(
            next_run=following, last_sent_at=now, failures=0, last_error=""
        )
        sent += 1
    return sent
