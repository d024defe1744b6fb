"""Issue 11 §3: a viewer reads; nothing else. The checks live in the access functions, so the
services refuse a viewer whichever page (or command) calls them."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from dieuhanh.org.access import Access
from dieuhanh.tasks.access import can_act_as_lead, can_decide, can_manage, can_report
from dieuhanh.tasks.constants import DeadlineKind, TaskState
from dieuhanh.tasks.models import CompletionRequest, DeadlineChange, Direction, ProgressReport
from dieuhanh.tasks.services import completion, extensions, handling, progress, relative
from dieuhanh.tasks.services.errors import NotAllowed
from tests.factories import TaskFactory
from tests.scenario import build_scenario

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def s():
    with time_machine.travel("2026-06-15 09:00 +0700", tick=False):
        s = build_scenario()
        # A task led by the commune itself (its own office's duty), with a deadline counted
        # from an event: the viewer's membership of the commune made them its "lead unit".
        s.own = TaskFactory(
            owner=s.commune,
            lead_unit=s.commune,
            deadline=D(2026, 7, 10),
            deadline_kind=DeadlineKind.RELATIVE,
            relative_days=10,
        )
        yield s


def test_a_viewer_is_not_a_member_of_the_unit_they_only_read(s):
    viewer = Access.of(s.viewer)
    assert not viewer.is_member_of(s.commune)
    assert Access.of(s.tracker).is_member_of(s.commune)


@pytest.mark.parametrize("rule", [can_report, can_act_as_lead, can_manage, can_decide])
def test_no_write_rule_lets_a_viewer_through(s, rule):
    viewer = Access.of(s.viewer)
    assert not rule(viewer, s.own)
    assert not rule(viewer, s.task)


def test_every_service_refuses_a_viewer(s):
    calls = [
        lambda t: progress.report_progress(t, s.viewer, text="Đã làm", percent=50),
        lambda t: completion.request_completion(t, s.viewer, note="Xong"),
        lambda t: extensions.request_extension(t, s.viewer, new_date=D(2026, 8, 1), reason="Chờ"),
        lambda t: relative.set_trigger_date(t, s.viewer, D(2026, 6, 1)),
        lambda t: handling.assign_people(t, s.viewer, [s.tracker]),
        lambda t: handling.give_direction(t, s.viewer, text="Chỉ đạo"),
        lambda t: handling.pause_task(t, s.viewer, reason="Tạm dừng"),
        lambda t: handling.cancel_task(t, s.viewer, reason="Hủy"),
    ]
    for call in calls:
        with pytest.raises(NotAllowed):
            call(s.own)


POSTS = {
    "bao-cao": {"text": "Viewer báo cáo", "percent": "50"},
    "de-nghi-hoan-thanh": {"claimed_on": "10/06/2026", "note": "xong"},
    "gia-han": {"new_date": "01/09/2026", "reason": "Chờ kinh phí"},
    "ngay-su-kien": {"trigger": "01/06/2026"},
    "giao-can-bo": {"people": []},
    "chi-dao": {"text": "Làm ngay"},
    "tam-hoan": {"reason": "Tạm dừng"},
    "huy": {"reason": "Không cần"},
    "uu-tien": {},
}


def _state(task):
    task.refresh_from_db()
    return (
        task.state,
        task.deadline,
        task.trigger_date,
        task.starred,
        sorted(task.assignees.values_list("pk", flat=True)),
        ProgressReport.objects.count(),
        CompletionRequest.objects.count(),
        DeadlineChange.objects.count(),
        Direction.objects.count(),
    )


@pytest.mark.parametrize("action", sorted(POSTS))
def test_a_viewer_posting_any_task_action_changes_nothing(s, action):
    s.own.assignees.add(s.tracker)
    data = dict(POSTS[action])
    if action == "giao-can-bo":
        data["people"] = []  # would clear the assignee
    client = Client()
    client.force_login(s.viewer)
    before = _state(s.own)
    with time_machine.travel("2026-06-15 09:00 +0700", tick=False):
        client.post(reverse("tasks:action", args=[s.own.pk, action]), data)
    assert _state(s.own) == before
    # The same post by the commune's leader does change it: the data above is valid.
    leader = Client()
    leader.force_login(s.leader)
    with time_machine.travel("2026-06-15 09:00 +0700", tick=False):
        leader.post(reverse("tasks:action", args=[s.own.pk, action]), data)
    assert _state(s.own) != before


def test_the_task_page_offers_a_viewer_no_button(s):
    client = Client()
    client.force_login(s.viewer)
    page = client.get(reverse("tasks:detail", args=[s.own.pk])).content.decode()
    for action in POSTS:
        assert reverse("tasks:action", args=[s.own.pk, action]) not in page


def test_a_viewer_cannot_report_from_my_unit(s):
    client = Client()
    client.force_login(s.viewer)
    count = ProgressReport.objects.count()
    client.post(reverse("tasks:my_unit"), {"task": s.own.pk, "text": "x", "percent": 10})
    assert ProgressReport.objects.count() == count
    assert s.own.state == TaskState.OPEN
