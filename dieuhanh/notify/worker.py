"""One round of background work, and the loop that repeats it (healthchecks' sendalerts).

A tick plans the day's reminders (once an hour at most, one process at a
time), creates in-app notifications, sends the email digests whose hour has
come and the retries that are due, posts webhooks, and asks the reports app
to send its scheduled reports. Every step claims its rows in the database,
so any number of workers and `dieuhanh remind` runs may overlap safely.
"""

import datetime
import importlib
import logging
import threading
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.db import close_old_connections, connection
from django.db.models import Q
from django.utils import timezone

from dieuhanh.notify.channels import in_app, webhook
from dieuhanh.notify.claims import lease_seconds
from dieuhanh.notify.constants import REPLAN_SECONDS
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
        logger.info(
            "Đã lập %d lượt nhắc cho ngày %s: %s", sum(planned.values()), f"{today:%d/%m/%Y}", dict(planned)
        )
    return planned


def deliver(today: datetime.date, now: datetime.datetime, respect_hour: bool, result: TickResult) -> None:
    result.notifications = in_app.create_notifications(today, now)
    result.in_app_sent = in_app.close_in_app_only(today, now)
    result.digests_sent, result.digests_failed = send_due_digests(now, today, respect_hour=respect_hour)
    result.webhooks_sent, result.webhooks_failed = webhook.deliver_webhooks(today, now)


def send_scheduled_reports(now: datetime.datetime) -> None:
    """Let the reports app send its scheduled reports; its failures never stop reminders."""
    if not apps.is_installed("dieuhanh.reports"):
        return
    try:
        module = importlib.import_module("dieuhanh.reports.scheduling")
    except ImportError:
        return
    send = getattr(module, "send_due_reports", None)
    if send is None:
        return
    try:
        send(now)
    except Exception:
        logger.exception("Gửi báo cáo định kỳ bị lỗi; sẽ thử lại ở lượt sau.")


def tick(
    now: datetime.datetime | None = None,
    today: datetime.date | None = None,
    respect_hour: bool = True,
    force_plan: bool = False,
    reports: bool = True,
) -> TickResult:
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    result = TickResult()
    planned = plan_once(today, now, force=force_plan)
    result.planning_skipped = planned is None
    result.planned = planned or Counter()
    deliver(today, now, respect_hour, result)
    if reports:
        send_scheduled_reports(now)
    return result


def _refresh_connections() -> None:
    """Drop broken or expired connections between ticks (never inside a caller's transaction)."""
    if not connection.in_atomic_block:
        close_old_connections()


def run(interval: float = 60, once: bool = False, stop: threading.Event | None = None) -> None:
    """Tick every `interval` seconds until `stop` is set; an error in one tick is logged, not fatal."""
    stop = stop or threading.Event()
    while not stop.is_set():
        _refresh_connections()
        try:
            result = tick()
            logger.debug(result.summary())
        except Exception:
            logger.exception("Lượt xử lý nhắc việc bị lỗi; thử lại sau %s giây.", interval)
        finally:
            _refresh_connections()
        if once:
            return
        stop.wait(interval)
