"""The outcome kept on the task row (issue 17) against the one definition, `status.task_status`.

After each transition a service makes, the row read back from the database must hold what
`outcome_of` says, and the status the SQL expression works out from it must be the status the
pure function gives, on the day of the transition and on later days.
"""

import datetime

import pytest
import time_machine

from dieuhanh.tasks.constants import ChangeStatus, TaskState
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services.cascade import fan_out
from dieuhanh.tasks.services.completion import approve_completion, reject_completion, request_completion
from dieuhanh.tasks.services.extensions import decide_extension, request_extension
from dieuhanh.tasks.services.handling import cancel_task, pause_task, resume_task
from dieuhanh.tasks.status import Status, annotate_status, outcome_of, status_of
from tests.factories import TaskFactory
from tests.scenario import build_scenario

pytestmark = pytest.mark.django_db
D = datetime.date
LATER_DAYS = [D(2026, 6, 1), D(2026, 7, 4), D(2026, 7, 10), D(2026, 7, 11), D(2026, 9, 1)]


@pytest.fixture
def s():
    with time_machine.travel("2026-06-01 08:00 +0700", tick=False):
        yield build_scenario()


def check(task: Task) -> str:
    """The stored outcome agrees with the function, and the SQL status with `status_of`."""
    row = Task.objects.get(pk=task.pk)
    assert row.outcome == outcome_of(row)
    for day in LATER_DAYS:
        annotated = annotate_status(Task.objects.filter(pk=task.pk), day, soon_days=7).get()
        assert annotated.status == status_of(row, day, 7), (row.state, row.completed_on, day)
    return row.outcome


def test_the_outcome_follows_claim_rejection_approval_extension_pause_resume_and_cancel(s):
    task = s.task  # deadline 10/07/2026
    assert check(task) == ""
    with time_machine.travel("2026-07-04 09:00 +0700", tick=False):
        request_extension(task, s.lead, new_date=D(2026, 8, 30), reason="Chờ kinh phí")
        decide_extension(task.deadline_changes.get(status=ChangeStatus.REQUESTED), s.leader, approve=True)
        task.refresh_from_db()
        assert check(task) == ""
        request_completion(task, s.lead, claimed_on=D(2026, 7, 3), note="Đã xong")
        assert check(task) == ""  # awaiting approval is open, judged on the day claimed
        reject_completion(task, s.leader, note="Thiếu số liệu")
        assert check(task) == ""
    with time_machine.travel("2026-07-20 09:00 +0700", tick=False):
        request_completion(task, s.lead, claimed_on=D(2026, 7, 15), note="Đã bổ sung")
        approve_completion(task, s.leader)
        # Done after the original deadline (10/07), though before the extended one: late.
        assert check(task) == Status.DONE_LATE

    other = TaskFactory(owner=s.commune, lead_unit=s.lead_unit, deadline=D(2026, 7, 10))
    with time_machine.travel("2026-06-10 09:00 +0700", tick=False):
        pause_task(other, s.leader, reason="Chờ chủ trương")
        assert check(other) == Status.PAUSED
        resume_task(other, s.leader)
        assert check(other) == ""
        cancel_task(other, s.leader, reason="Không còn phù hợp")
        assert check(other) == Status.CANCELLED


@pytest.mark.parametrize(
    ("completed_on", "expected"),
    [
        (D(2026, 7, 9), Status.DONE_EARLY),
        (D(2026, 7, 10), Status.DONE_ON_TIME),
        (D(2026, 7, 11), Status.DONE_LATE),
    ],
)
def test_a_completion_is_judged_on_the_original_deadline_and_stays_so(s, completed_on, expected):
    with time_machine.travel("2026-07-12 09:00 +0700", tick=False):
        request_completion(s.task, s.lead, claimed_on=completed_on, note="Đã xong")
        approve_completion(s.task, s.leader)
    assert check(s.task) == expected


def test_a_completion_dated_after_the_day_judged_counts_as_open_on_that_day(s):
    task = TaskFactory(
        owner=s.commune,
        lead_unit=s.lead_unit,
        deadline=D(2026, 7, 10),
        state=TaskState.DONE,
        completed_on=D(2026, 7, 4),
    )
    assert check(task) == Status.DONE_EARLY
    on_first_of_july = annotate_status(Task.objects.filter(pk=task.pk), D(2026, 7, 1), soon_days=7).get()
    assert on_first_of_july.status == Status.IN_TIME  # 9 days before the deadline


def test_tasks_written_in_bulk_get_their_outcome(s):
    """bulk_create calls no save(): the cascade to communes and the benchmarks' data use it."""
    made = Task.objects.bulk_create(
        [
            Task(
                owner=s.commune,
                lead_unit=s.lead_unit,
                text="x",
                deadline=D(2026, 7, 10),
                state=state,
                completed_on=on,
            )
            for state, on in [
                (TaskState.DONE, D(2026, 7, 12)),
                (TaskState.PAUSED, None),
                (TaskState.OPEN, None),
            ]
        ]
    )
    assert [check(task) for task in made] == [Status.DONE_LATE, Status.PAUSED, ""]
    s.task.owner, s.task.fan_out = s.province, True
    s.task.save()
    children = fan_out(s.task)
    assert children and all(check(child) == "" for child in children)


def test_an_update_of_the_fields_the_outcome_reads_writes_it_again(s):
    Task.objects.filter(pk=s.task.pk).update(state=TaskState.DONE, completed_on=D(2026, 7, 11))
    assert check(s.task) == Status.DONE_LATE
    Task.objects.filter(pk=s.task.pk).update(original_deadline=D(2026, 7, 20))
    assert check(s.task) == Status.DONE_EARLY
    Task.objects.filter(pk=s.task.pk).update(state=TaskState.OPEN, completed_on=None)
    assert check(s.task) == ""


def test_a_save_of_some_fields_writes_the_outcome_with_them(s):
    s.task.state = TaskState.CANCELLED
    s.task.save(update_fields=["state"])
    assert check(s.task) == Status.CANCELLED
