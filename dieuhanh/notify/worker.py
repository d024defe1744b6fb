"""One round of reminder work; the loop that repeats it is `dieuhanh.site.worker`.

A tick plans the day's reminders (once an hour at most, one process at a
time), creates in-app notifications, sends the email digests whose hour has
come and the retries that are due, and posts webhooks. Every step claims its
rows in the database, so any number of workers and `dieuhanh remind` runs
may overlap safely.
"""

import datetime
import logging
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from dieuhanh.notify.channels import in_app, webhook
from dieuhanh.notify.claims import lease_seconds
from dieuhanh.notify.constants import REPLAN_SECONDS, ReminderKind
from dieuhanh.notify.digest import send_due_digests
from dieuhanh.notify.models import PlanRun
from dieuhanh.notify.rules import plan

logger = logging.getLogger(__name__)


@dataclass
class TickResult:
    planned: Counter = field(default_factory=Counter)
    planning_skipped: bool = False
    notifications: int = 0
    in_app_sent: int = 0
    digests_sent: int = 0
    digests_failed: int = 0
    webhooks_sent: int = 0
    webhooks_failed: int = 0

    def summary(self) -> str:
        planned = (
            "bỏ qua (đã lập gần đây)"
            if self.planning_skipped
            else f"{sum(self.planned.values())} lượt nhắc mới"
        )
        return (
            f"Lập lịch: {planned}; thông báo trong hệ thống: {self.notifications}; "
            f"thư tổng hợp đã gửi: {self.digests_sent}, lỗi chờ gửi lại: {self.digests_failed}; "
            f"webhook đã gửi: {self.webhooks_sent}, lỗi: {self.webhooks_failed}."
        )


def claim_planning(today: datetime.date, now: datetime.datetime, force: bool) -> PlanRun | None:
    """The day's PlanRun when this process may plan now; None when another plans or it is too soon."""
    run, created = PlanRun.objects.get_or_create(day=today, defaults={"started_at": now})
    if created:
        return run
    stale = now - datetime.timedelta(seconds=lease_seconds())
    crashed = Q(finished_at=None, started_at__lt=stale)
    if force:
        condition = Q(finished_at__isnull=False) | crashed
    else:
        condition = Q(finished_at__lt=now - datetime.timedelta(seconds=REPLAN_SECONDS)) | crashed
    if PlanRun.objects.filter(condition, pk=run.pk).update(started_at=now, finished_at=None) == 1:
        return run
    return None


def plan_once(today: datetime.date, now: datetime.datetime, force: bool = False) -> Counter | None:
    run = claim_planning(today, now, force)
    if run is None:
        return None
    planned = plan(today, now)
    PlanRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(), planned=dict(planned))
    if planned:
        logger.info("Đã lập %s cho ngày %s", planned_summary(planned), f"{today:%d/%m/%Y}")
    return planned


def planned_summary(planned: Counter) -> str:
    """'5 lượt nhắc (quá hạn: 3; sắp đến hạn: 2)': what a person reads on the console."""
    kinds = "; ".join(f"{ReminderKind(kind).label.lower()}: {n}" for kind, n in planned.most_common())
    return f"{sum(planned.values())} lượt nhắc ({kinds})"


def deliver(today: datetime.date, now: datetime.datetime, respect_hour: bool, result: TickResult) -> None:
    result.notifications = in_app.create_notifications(today, now)
    result.in_app_sent = in_app.close_in_app_only(today, now)
    result.digests_sent, result.digests_failed = send_due_digests(now, today, respect_hour=respect_hour)
    result.webhooks_sent, result.webhooks_failed = webhook.deliver_webhooks(today, now)


def tick(
    now: datetime.datetime | None = None,
    today: datetime.date | None = None,
    respect_hour: bool = True,
    force_plan: bool = False,
) -> TickResult:
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    result = TickResult()
    planned = plan_once(today, now, force=force_plan)
    result.planning_skipped = planned is None
    result.planned = planned or Counter()
    deliver(today, now, respect_hour, result)
    return result
