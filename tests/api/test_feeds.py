"""Calendar feeds: RFC 5545 that icalendar parses, scoped like the task list, RRULEs that expand to
exactly the occurrences dieuhanh computes, revocable secret links."""

import datetime

import pytest
import recurring_ical_events
from django.test import Client
from icalendar import Calendar

from dieuhanh.api import feeds
from dieuhanh.tasks.constants import DeadlineKind, TaskState
from dieuhanh.tasks.services.recurrence import create_occurrences
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def fetch(raw) -> Calendar:
    response = Client().get(f"/api/lich/{raw}.ics")
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def summaries(cal) -> set[str]:
    return {str(e["SUMMARY"]) for e in cal.walk("VEVENT")}


def test_a_persons_feed_has_their_deadlines_as_all_day_events(world):
    _, raw = feeds.create_feed(world.people["tracker"], "Điện thoại")
    cal = fetch(raw)
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    own = events["Hạn: Việc riêng"]
    assert own.decoded("DTSTART") == D(2026, 6, 1) and own.decoded("DTEND") == D(2026, 6, 2)
    assert "Hạn: Việc MẬT-XYZ" in events  # the tracker is named on the document
    assert len(events) == 4


def test_confidential_tasks_reach_only_the_feeds_of_people_named(world):
    _, viewer = feeds.create_feed(world.people["viewer"], "Xem")
    _, unit = feeds.create_feed(world.people["tracker"], "Xã An", unit=world.units["a"])
    for raw in (viewer, unit):
        cal = fetch(raw)
        assert "MẬT-XYZ" not in cal.to_ical().decode()
        assert "Hạn: Việc riêng" in summaries(cal)


def test_a_unit_feed_holds_that_units_tasks(world):
    _, raw = feeds.create_feed(world.people["tracker"], "Phòng", unit=world.units["sibling"])
    cal = fetch(raw)
    assert len(cal.walk("VEVENT")) == 1


def test_no_feed_of_a_unit_one_cannot_see(world):
    with pytest.raises(feeds.FeedError, match="không có quyền"):
        feeds.create_feed(world.people["tracker"], "Xã Bình", unit=world.units["b"])


def test_a_revoked_or_unknown_link_is_not_found(world):
    feed, raw = feeds.create_feed(world.people["tracker"], "Điện thoại")
    feeds.revoke_feed(feed, world.people["tracker"])
    assert Client().get(f"/api/lich/{raw}.ics").status_code == 404
    assert Client().get("/api/lich/lich_sai.ics").status_code == 404


def test_a_feed_follows_its_owners_rights_today(world):
    _, raw = feeds.create_feed(world.people["member"], "Điện thoại")
    assert "Hạn: Việc MẬT-XYZ" in summaries(fetch(raw))
    world.documents["secret"].allowed_people.remove(world.people["member"])
    assert "Hạn: Việc MẬT-XYZ" not in summaries(fetch(raw))


def series(world, rule: str, until=D(2026, 12, 31)):
    head = TaskFactory(
        owner=world.units["a"],
        lead_unit=world.units["lead"],
        deadline_kind=DeadlineKind.RECURRING,
        recurrence=rule,
        summary=f"Báo cáo {rule}",
    )
    create_occurrences(head, until=until, start=D(2026, 1, 1))
    return head


def expanded(cal, head) -> list[datetime.date]:
    uid = f"task-{head.pk}@dieuhanh"
    events = recurring_ical_events.of(cal).between(D(2025, 1, 1), D(2028, 1, 1))
    return sorted(e.decoded("DTSTART") for e in events if str(e["UID"]) == uid)


@pytest.mark.parametrize(
    "rule",
    [
        "monthly:18",
        "monthly:31",
        "monthly:30",
        "monthly",
        "quarterly",
        "semiannual",
        "yearly:12-15",
        "weekly",
    ],
)
def test_a_recurring_duty_is_one_rrule_expanding_to_dieuhanhs_own_dates(world, rule):
    head = series(world, rule)
    planned = sorted(head.occurrences.values_list("deadline", flat=True))
    _, raw = feeds.create_feed(world.people["tracker"], "Điện thoại")
    cal = fetch(raw)
    rules = [e for e in cal.walk("VEVENT") if "RRULE" in e and str(e["UID"]) == f"task-{head.pk}@dieuhanh"]
    assert len(rules) == 1
    assert expanded(cal, head) == planned


def test_an_extended_occurrence_moves_and_a_cancelled_one_goes(world):
    head = series(world, "monthly:18")
    occurrences = list(head.occurrences.order_by("deadline"))
    moved, cancelled = occurrences[6], occurrences[8]  # July and September
    moved.deadline = D(2026, 7, 25)
    moved.save()
    cancelled.state = TaskState.CANCELLED
    cancelled.save()
    _, raw = feeds.create_feed(world.people["tracker"], "Điện thoại")
    dates = expanded(fetch(raw), head)
    assert D(2026, 7, 25) in dates and D(2026, 7, 18) not in dates
    assert D(2026, 9, 18) not in dates
    assert len(dates) == 11


def test_a_daily_duty_lists_its_working_days_one_by_one(world):
    head = series(world, "daily", until=D(2026, 9, 7))
    planned = sorted(head.occurrences.values_list("deadline", flat=True))
    _, raw = feeds.create_feed(world.people["tracker"], "Điện thoại")
    cal = fetch(raw)
    ours = [e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith("Hạn: Báo cáo daily")]
    assert not any("RRULE" in e for e in ours)
    recent = [d for d in planned if d >= D(2026, 6, 15) - datetime.timedelta(days=366)]
    assert sorted(e.decoded("DTSTART") for e in ours) == recent
    assert D(2026, 9, 2) not in recent  # Quốc khánh
