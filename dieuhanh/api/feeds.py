"""Calendar feeds (iCalendar, RFC 5545): each visible task's deadline as an all-day event.

A person's feed holds the tasks that person sees, confidential ones only when named on the
document — as the task list shows them. A unit's feed holds its tasks as its owner sees them,
but never a confidential one: a unit's calendar is shared (the unit's phone, a wall screen),
and its audience is not the people named on the document.

A recurring duty whose rule has an RRULE (recurrence_rules.py) is one recurring event, provided
the RRULE expands to exactly the occurrences dieuhanh created; an occurrence whose deadline was
extended is an override of its date (RECURRENCE-ID), a cancelled one an EXDATE.
"""

import datetime

from dateutil.rrule import rrulestr
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from icalendar import Calendar, Event

from dieuhanh.api.models import CalendarFeed
from dieuhanh.api.recurrence_rules import rrule_for
from dieuhanh.api.secrets import digest_of, new_secret
from dieuhanh.core.audit import acting_as
from dieuhanh.org.access import Access
from dieuhanh.org.models import Unit
from dieuhanh.tasks.access import SECRET_LEVELS, visible_tasks
from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.models import Task

TAG = "lich"
# Deadlines older than this are history, not a calendar's business.
PAST = datetime.timedelta(days=366)
USE_RESOLUTION = datetime.timedelta(minutes=1)


class FeedError(ValueError):
    """A feed that cannot be made; the message is Vietnamese."""


@transaction.atomic
def create_feed(user, name: str, unit: Unit | None = None) -> tuple[CalendarFeed, str]:
    """A feed and its secret, which is part of the URL and shown this once only."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise FeedError("Cần đặt tên cho lịch (tối đa 100 ký tự).")
    if unit is not None and not Access.of(user).visible_units().filter(pk=unit.pk).exists():
        raise FeedError(f"Bạn không có quyền xem nhiệm vụ của {unit.name}.")
    raw, prefix, digest = new_secret(TAG)
    with acting_as(user):
        feed = CalendarFeed.objects.create(
            name=name, user=user, unit=unit, prefix=prefix, digest=digest, created_by=user
        )
    return feed, raw


@transaction.atomic
def revoke_feed(feed: CalendarFeed, actor) -> None:
    with acting_as(actor):
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])


def feed_for(raw: str) -> CalendarFeed | None:
    feed = (
        CalendarFeed.objects.select_related("user", "unit")
        .filter(digest=digest_of(raw or ""), revoked_at=None)
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    now = timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at >= USE_RESOLUTION:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed


def feed_tasks(feed: CalendarFeed):
    """The tasks of the feed (series heads included), as its owner may see them today."""
    qs = visible_tasks(Access.of(feed.user), Task.objects.all())
    if feed.unit is not None:
        path = feed.unit.path
        qs = qs.filter(Q(owner__path__startswith=path) | Q(lead_unit__path__startswith=path)).exclude(
            document__confidentiality__in=SECRET_LEVELS
        )
    since = timezone.localdate() - PAST
    # A series comes whole (its RRULE must match every occurrence); other tasks from `since` on.
    recent = Q(deadline__gte=since) & ~Q(state=TaskState.CANCELLED)
    return qs.filter(Q(is_series=True) | Q(series__isnull=False) | recent).select_related("lead_unit")


def _event(task: Task, day: datetime.date) -> Event:
    event = Event()
    event.add("uid", f"task-{task.pk}@dieuhanh")
    event.add("dtstamp", task.updated_at or timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", f"Hạn: {task.summary or task.text[:120]}")
    url = f"{settings.SITE_URL}/nhiem-vu/{task.pk}/"
    event.add("description", f"Đơn vị chủ trì: {task.lead_unit.name}\n{url}")
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def _dates(rule: str, first: datetime.date, last: datetime.date) -> list[datetime.date]:
    start = datetime.datetime.combine(first, datetime.time())
    until = datetime.datetime.combine(last, datetime.time())
    return [d.date() for d in rrulestr(f"RRULE:{rule}", dtstart=start).between(start, until, inc=True)]


def _series_event(head: Task, occurrences: list[Task]) -> Event | None:
    """One recurring event for the series, or None when no RRULE gives exactly its occurrences."""
    rule = rrule_for(head.recurrence)
    planned = sorted(o.original_deadline for o in occurrences if o.original_deadline)
    if rule is None or not planned or len(planned) != len(occurrences) or len(set(planned)) != len(planned):
        return None
    first, last = planned[0], planned[-1]
    if _dates(rule, first, last) != planned:
        return None
    event = _event(head, first)
    event.add("rrule", dict(_rule_parts(rule), until=last))
    for occurrence in occurrences:
        if occurrence.state == TaskState.CANCELLED:
            event.add("exdate", occurrence.original_deadline)
    return event


def _rule_parts(rule: str) -> list[tuple[str, list[str]]]:
    return [(key.lower(), value.split(",")) for key, value in (part.split("=") for part in rule.split(";"))]


def _moved(head: Task, occurrence: Task) -> Event:
    """An occurrence whose deadline moved (an extension): the same event on its new date."""
    event = _event(occurrence, occurrence.deadline)
    event["uid"] = f"task-{head.pk}@dieuhanh"
    event.add("recurrence-id", occurrence.original_deadline)
    return event


def calendar(feed: CalendarFeed) -> bytes:
    tasks = list(feed_tasks(feed))
    heads = {t.pk: t for t in tasks if t.is_series}
    by_series: dict[int, list[Task]] = {}
    for task in tasks:
        if task.series_id in heads:
            by_series.setdefault(task.series_id, []).append(task)
    cal = Calendar()
    cal.add("prodid", "-//dieuhanh//Lich nhiem vu//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Nhiệm vụ — {feed.unit.name if feed.unit else feed.user}")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    as_series = set()
    for head_id, occurrences in by_series.items():
        event = _series_event(heads[head_id], occurrences)
        if event is None:
            continue
        as_series.add(head_id)
        cal.add_component(event)
        for occurrence in occurrences:
            if (
                occurrence.state != TaskState.CANCELLED
                and occurrence.deadline != occurrence.original_deadline
            ):
                cal.add_component(_moved(heads[head_id], occurrence))
    for task in tasks:
        if task.is_series or task.series_id in as_series or task.deadline is None:
            continue
        if task.state == TaskState.CANCELLED:
            continue
        cal.add_component(_event(task, task.deadline))
    return cal.to_ical()
