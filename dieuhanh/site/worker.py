"""The background loop (healthchecks' sendalerts): reminders, then scheduled reports, every minute.

Notify and reports know nothing of each other; this loop calls each one's tick directly,
so renaming either breaks at import time instead of silently switching a part off. Every
step claims its rows in the database, so any number of workers and `dieuhanh remind` runs
may overlap safely.
"""

import datetime
import logging
import threading

from django.db import close_old_connections, connection
from django.utils import timezone

from dieuhanh.notify import worker as reminders
from dieuhanh.reports.scheduling import send_due_reports

logger = logging.getLogger(__name__)


def tick(now: datetime.datetime | None = None) -> reminders.TickResult:
    """One round: plan and deliver reminders, then send the scheduled reports that are due.

    A failure of the reports never stops the reminders (they went first), and is retried
    on the next round.
    """
    now = now or timezone.now()
    result = reminders.tick(now=now)
    try:
        send_due_reports(now)
    except Exception:
        logger.exception("Gửi báo cáo định kỳ bị lỗi; sẽ thử lại ở lượt sau.")
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


def start_thread() -> threading.Thread:
    """The loop in a daemon thread beside the web server: it stops with the server, whatever stops it."""
    thread = threading.Thread(target=run, name="dieuhanh-worker", daemon=True)
    thread.start()
    return thread
