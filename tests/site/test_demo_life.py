"""A live demo (issue 14, item 13): whatever the day `make run` runs, there is work due this week,
overdue work, work done over the last months and a decision waiting for each demo login."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from dieuhanh.org.access import Access
from dieuhanh.org.models import User
from dieuhanh.tasks.access import visible_tasks
from dieuhanh.tasks.constants import ChangeStatus, TaskState
from dieuhanh.tasks.models import CompletionRequest, DeadlineChange, Task

pytestmark = pytest.mark.django_db
D = datetime.date


def seed(day: D) -> None:
    with time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, 9, tzinfo=datetime.UTC), tick=False
    ):
        call_command("seed_demo", verbosity=0)


def seen_by(username: str):
    return visible_tasks(Access.of(User.objects.get(username=username)), Task.objects.trackable())


def assert_live_on(today: D) -> None:
    tracker = seen_by("chuyenvien").filter(state=TaskState.OPEN)
    assert tracker.filter(deadline__range=(today, today + datetime.timedelta(days=6))).exists(), (
        "due this week"
    )
    assert tracker.filter(deadline__lt=today).exists(), "overdue"
    half_year = today - datetime.timedelta(days=183)
    done = Task.objects.trackable().filter(state=TaskState.DONE, completed_on__range=(half_year, today))
    assert len({(d.year, d.month) for d in done.values_list("completed_on", flat=True)}) >= 3, (
        "charts of one bar"
    )
    for org in ("xa-gia-loc", "xa-cam-giang", "xa-ky-lac"):
        undated = Task.objects.trackable().filter(owner__code=org, deadline=None, document__isnull=False)
        assert not undated.exists(), org
    pending = ChangeStatus.REQUESTED
    leader = seen_by("lanhdao")
    assert CompletionRequest.objects.filter(
        task__in=leader, status=pending, task__owner__code="xa-gia-loc"
    ).exists()
    assert DeadlineChange.objects.filter(task__in=leader, status=pending).exists()
    province = seen_by("lanhdao.tinh").filter(owner__code="tinh-tuyen-quang")
    assert CompletionRequest.objects.filter(task__in=province, status=pending).exists()
    canbo = Task.objects.filter(assignees__username="canbo")
    assert canbo.filter(state=TaskState.OPEN).exists()
    assert canbo.filter(state_reason__startswith="Thực hiện lại").exists(), "an item returned to canbo"
    assert seen_by("congan").filter(directions__isnull=False, state=TaskState.OPEN).exists()


@pytest.mark.parametrize("today", [D(2026, 9, 21), D(2027, 4, 12)])
def test_a_new_demo_is_live_on_the_day_it_is_seeded(today):
    seed(today)
    assert_live_on(today)


def test_a_demo_seeded_months_ago_moves_to_today():
    seed(D(2026, 9, 21))
    later = D(2027, 1, 18)
    seed(later)
    assert_live_on(later)
    seed(later)  # the same day again moves nothing
    assert_live_on(later)
