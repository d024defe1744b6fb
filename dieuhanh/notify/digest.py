"""The daily email digest: one message per person per day with every reminder due for them,
and what happened on their tasks since the last one (workflow events, notify/workflow.py).

The digest row (person, day) is the unit of work: a worker claims it with a
conditional UPDATE, attaches the person's due reminders to it, sends, and
marks the digest and its reminders sent — or records the failure on both
and leaves them for a retry with back-off. A second digest the same day is
impossible (unique key), so reminders planned after it wait for tomorrow's.

Delivery is at-least-once (see claims.py): a digest whose worker died
mid-send is sent again once its lease is over, under the same Message-ID.
"""

import datetime
import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Exists, F, Max, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone

from dieuhanh.notify.channels import digest_time_reached, email, wants_email
from dieuhanh.notify.claims import available, claim, mark_failed, mark_sent, release
from dieuhanh.notify.confidential import drop_withheld
from dieuhanh.notify.constants import DIGEST_ORDER, PREFERENCES_PATH, TASK_PATH, Channel, ReminderKind
from dieuhanh.notify.events import describe
from dieuhanh.notify.models import Digest, EventNotice, Reminder
from dieuhanh.tasks.models import ProgressReport
from dieuhanh.vn.workdays import working_days_between

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DigestItem:
    task_id: int
    summary: str
    lead_unit: str
    deadline: datetime.date | None
    note: str
    url: str


@dataclass(frozen=True)
class DigestSection:
    kind: str
    title: str
    items: list[DigestItem]


def task_url(task_id: int) -> str:
    return settings.SITE_URL + TASK_PATH.format(id=task_id)


def _note(kind: str, deadline, day: datetime.date, last_report) -> str:
    if kind in (ReminderKind.OVERDUE, ReminderKind.ESCALATION) and deadline:
        return f"Quá hạn {(day - deadline).days} ngày (thời hạn {deadline:%d/%m/%Y})"
    if kind == ReminderKind.ON_DEADLINE and deadline:
        if deadline == day:
            return f"Đến hạn hôm nay ({deadline:%d/%m/%Y})"
        return f"Thời hạn {deadline:%d/%m/%Y} rơi vào ngày nghỉ: hôm nay là ngày làm việc cuối cùng"
    if kind in (ReminderKind.BEFORE_DEADLINE, ReminderKind.RECURRING) and deadline:
        return f"Thời hạn {deadline:%d/%m/%Y}, còn {working_days_between(day, deadline)} ngày làm việc"
    if kind == ReminderKind.NO_PROGRESS:
        if last_report:
            return f"Chưa cập nhật tiến độ từ ngày {last_report:%d/%m/%Y}"
        return "Chưa có báo cáo tiến độ nào"
    return f"Thời hạn {deadline:%d/%m/%Y}" if deadline else "Không có thời hạn"


def sections(reminders: list[Reminder], day: datetime.date) -> list[DigestSection]:
    """Reminders grouped by kind, most urgent first; a task appears once per kind."""
    quiet = [r.task_id for r in reminders if r.kind == ReminderKind.NO_PROGRESS]
    last_reports = dict(
        ProgressReport.objects.filter(task_id__in=quiet)
        .values("task_id")
        .annotate(last=Max("reported_on"))
        .values_list("task_id", "last")
    )
    by_kind: dict[str, dict[int, DigestItem]] = defaultdict(dict)
    for r in reminders:
        task = r.task
        by_kind[r.kind][task.pk] = DigestItem(
            task_id=task.pk,
            summary=str(task),
            lead_unit=str(task.lead_unit),
            deadline=task.deadline,
            note=_note(r.kind, task.deadline, day, last_reports.get(task.pk)),
            url=task_url(task.pk),
        )
    return [
        DigestSection(kind=k.value, title=k.label, items=sorted(by_kind[k].values(), key=_item_order))
        for k in DIGEST_ORDER
        if by_kind.get(k)
    ]


EVENTS_TITLE = "Cập nhật về nhiệm vụ"


def event_section(notices: list[EventNotice]) -> list[DigestSection]:
    """The workflow events as one section, in the order they happened."""
    items = []
    for notice in sorted(notices, key=lambda n: (n.event.created_at, n.pk)):
        event, task = notice.event, notice.task
        moment = timezone.localtime(event.created_at)
        by = f" — {event.actor}" if event.actor_id else ""
        items.append(
            DigestItem(
                task_id=task.pk,
                summary=str(task),
                lead_unit=str(task.lead_unit),
                deadline=task.deadline,
                note=f"{describe(event.kind, event.detail)}{by} ({moment:%H:%M %d/%m/%Y})",
                url=task_url(task.pk),
            )
        )
    return [DigestSection(kind="events", title=EVENTS_TITLE, items=items)] if items else []


def _item_order(item: DigestItem):
    return (item.deadline or datetime.date.max, item.task_id)


def build_message(
    person, day: datetime.date, reminders: list[Reminder], notices: list[EventNotice] = ()
) -> EmailMultiAlternatives:
    parts = event_section(list(notices)) + sections(reminders, day)
    count = len({r.task_id for r in reminders})
    if reminders:
        subject = f"[dieuhanh] Nhắc việc ngày {day:%d/%m/%Y}: {count} nhiệm vụ cần chú ý"
    else:
        subject = f"[dieuhanh] Cập nhật ngày {day:%d/%m/%Y}: {len(notices)} thông báo mới về nhiệm vụ"
    if any(s.kind == ReminderKind.ESCALATION for s in parts):
        subject += " (có nhiệm vụ quá hạn cần lãnh đạo chỉ đạo)"
    context = {
        "events": len(notices),
        "person": person,
        "day": day,
        "sections": parts,
        "count": count,
        "site_url": settings.SITE_URL,
        "preferences_url": settings.SITE_URL + PREFERENCES_PATH,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("notify/email/digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
    )
    message.attach_alternative(render_to_string("notify/email/digest.html", context), "text/html")
    return message


def due_reminders(today: datetime.date):
    """Reminders waiting for a digest: due, unsent, not in a digest yet, for people who take email."""
    return Reminder.objects.filter(wants_email(), due_on__lte=today, sent_at=None, digest=None)


def due_notices():
    """Workflow events waiting for a digest (those not wanted by e-mail were closed when made)."""
    return EventNotice.objects.filter(wants_email(), sent_at=None, digest=None)


def people_waiting(today: datetime.date, now: datetime.datetime, respect_hour: bool) -> list[int]:
    sent_today = Digest.objects.filter(person_id=OuterRef("person_id"), day=today, sent_at__isnull=False)
    people = set()
    for qs in (due_reminders(today), due_notices()):
        qs = qs.exclude(Exists(sent_today))
        if respect_hour:
            qs = qs.filter(digest_time_reached(timezone.localtime(now).hour))
        people.update(qs.order_by().values_list("person_id", flat=True))
    return sorted(people)


def send_due_digests(
    now: datetime.datetime, today: datetime.date, respect_hour: bool = True
) -> tuple[int, int]:
    """Send today's digests whose hour has come, and the failed ones whose retry is due.

    Returns (sent, failed).
    """
    digests = {}
    for person_id in people_waiting(today, now, respect_hour):
        digest, _ = Digest.objects.get_or_create(person_id=person_id, day=today)
        digests[digest.pk] = digest
    # Failed digests whose retry is due, and those a killed worker left claimed once the lease is over.
    unfinished = Exists(Reminder.objects.filter(digest=OuterRef("pk"), sent_at=None)) | Exists(
        EventNotice.objects.filter(digest=OuterRef("pk"), sent_at=None)
    )
    for digest in Digest.objects.filter(unfinished, available(now)).exclude(pk__in=list(digests)):
        digests[digest.pk] = digest
    sent = failed = 0
    if not digests:
        return sent, failed
    connection = email.open_connection()
    try:
        for digest in digests.values():
            outcome = send_digest(digest, now, connection)
            if outcome is True:
                sent += 1
            elif outcome is False:
                failed += 1
                connection.close()
                connection = email.open_connection()
    finally:
        connection.close()
    return sent, failed


def message_id(digest: Digest) -> str:
    """The same Message-ID on every attempt at one digest, so a resent duplicate can be recognised."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(">") or "dieuhanh"
    # Two installations sending from one domain must not share ids.
    site = hashlib.sha256(settings.SITE_URL.encode()).hexdigest()[:12]
    return f"<digest-{digest.pk}-{digest.day:%Y%m%d}.{site}@{domain}>"


def send_digest(digest: Digest, now: datetime.datetime, connection) -> bool | None:
    """True when sent, False when it failed (retry scheduled), None when another worker has it."""
    if not claim(digest, now):
        return None
    Reminder.objects.filter(
        person_id=digest.person_id, due_on__lte=digest.day, sent_at=None, digest=None
    ).update(digest=digest)
    due_notices().filter(person_id=digest.person_id).update(digest=digest)
    pending = Reminder.objects.filter(digest=digest, sent_at=None)
    pending_notices = EventNotice.objects.filter(digest=digest, sent_at=None)
    drop_withheld(pending)
    drop_withheld(pending_notices)
    reminders = list(pending.select_related("task", "task__lead_unit").order_by("task_id", "kind"))
    notices = list(pending_notices.select_related("event", "event__actor", "task", "task__lead_unit"))
    if not reminders and not notices:
        release(digest)
        return None
    person = digest.person
    try:
        message = build_message(person, digest.day, reminders, notices)
        message.extra_headers["Message-ID"] = message_id(digest)
        email.send(message, connection)
    except Exception as exc:  # noqa: BLE001 — any failure of the mail server is retried, never lost
        error = f"{type(exc).__name__}: {exc}"
        retry_at = mark_failed(digest, now, error, related=pending)
        pending_notices.update(attempts=F("attempts") + 1, next_attempt_at=retry_at, last_error=error[:2000])
        return False
    mark_sent(digest, now, subject=message.subject[:255])
    pending.update(sent_at=now, channel=Channel.EMAIL, last_error="")
    pending_notices.update(sent_at=now, channel=Channel.EMAIL, last_error="")
    logger.info(
        "Đã gửi thư nhắc việc ngày %s cho %s (%d lượt nhắc).",
        f"{digest.day:%d/%m/%Y}",
        person.email,
        len(reminders),
    )
    return True
