import datetime
import itertools

import pytest

from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.status import Status, annotate_status, status_of, task_status
from tests.factories import TaskFactory

D = datetime.date
TODAY = D(2026, 6, 15)


def status(**kw):
    base = {"state": TaskState.OPEN, "deadline": None, "original_deadline": None, "completed_on": None}
    base.update(kw)
    return task_status(today=TODAY, soon_days=7, **base)


@pytest.mark.pure
@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({}, Status.NO_DEADLINE),
        ({"deadline": D(2026, 7, 1)}, Status.IN_TIME),
        ({"deadline": D(2026, 6, 22)}, Status.DUE_SOON),
        ({"deadline": D(2026, 6, 15)}, Status.DUE_SOON),
        ({"deadline": D(2026, 6, 14)}, Status.OVERDUE),
        (
            {"state": TaskState.DONE, "deadline": D(2026, 6, 20), "completed_on": D(2026, 6, 10)},
            Status.DONE_EARLY,
        ),
        (
            {"state": TaskState.DONE, "deadline": D(2026, 6, 12), "completed_on": D(2026, 6, 12)},
            Status.DONE_ON_TIME,
        ),
        (
            {"state": TaskState.DONE, "deadline": D(2026, 6, 12), "completed_on": D(2026, 6, 13)},
            Status.DONE_LATE,
        ),
        ({"state": TaskState.DONE, "completed_on": D(2026, 6, 14)}, Status.DONE_EARLY),
        ({"state": TaskState.PAUSED, "deadline": D(2026, 1, 1)}, Status.PAUSED),
        ({"state": TaskState.CANCELLED, "deadline": D(2026, 1, 1)}, Status.CANCELLED),
    ],
)
def test_the_status_rules(kw, expected):
    assert status(**kw) == expected


@pytest.mark.pure
def test_an_extension_keeps_an_open_task_in_time_but_completion_is_judged_on_the_original():
    extended = {"deadline": D(2026, 7, 30), "original_deadline": D(2026, 6, 1)}
    assert status(**extended) == Status.IN_TIME
    assert status(state=TaskState.DONE, completed_on=D(2026, 6, 2), **extended) == Status.DONE_LATE


@pytest.mark.pure
def test_a_claim_awaiting_approval_is_judged_on_the_day_it_was_claimed():
    claimed = {"state": TaskState.AWAITING_APPROVAL, "deadline": D(2026, 6, 10)}
    assert status(completed_on=D(2026, 6, 1), **claimed) == Status.IN_TIME
    assert status(completed_on=D(2026, 6, 12), **claimed) == Status.OVERDUE


@pytest.mark.pure
def test_a_completion_dated_after_the_day_judged_is_not_yet_done_on_that_day():
    """A report judged at its cut-off (14/6) and computed on 20/6 must not count a task finished on 16/6."""
    finished_later = {"deadline": D(2026, 6, 10), "completed_on": D(2026, 6, 16)}
    assert status(state=TaskState.DONE, **finished_later) == Status.OVERDUE
    assert status(state=TaskState.AWAITING_APPROVAL, **finished_later) == Status.OVERDUE
    assert status(state=TaskState.DONE, completed_on=D(2026, 6, 16)) == Status.NO_DEADLINE
    assert status(state=TaskState.DONE, deadline=D(2026, 6, 20), completed_on=D(2026, 6, 16)) == (
        Status.DUE_SOON
    )
    assert status(state=TaskState.DONE, deadline=D(2026, 6, 10), completed_on=D(2026, 6, 15)) == (
        Status.DONE_LATE
    )


DEADLINES = [
    None,
    D(2026, 6, 1),
    D(2026, 6, 15),
    D(2026, 6, 20),
    D(2026, 6, 22),
    D(2026, 6, 23),
    D(2026, 8, 1),
]
COMPLETIONS = [None, D(2026, 5, 30), D(2026, 6, 1), D(2026, 6, 16), D(2026, 6, 20)]


@pytest.mark.django_db
def test_the_database_annotation_agrees_with_the_function():
    owner_task = TaskFactory()
    combos = []
    for state, deadline, original, completed in itertools.product(
        TaskState.values, DEADLINES, [None, D(2026, 6, 1), D(2026, 6, 20)], COMPLETIONS
    ):
        if completed and state not in (TaskState.DONE, TaskState.AWAITING_APPROVAL):
            continue
        if original and not deadline:
            continue
        combos.append(
            Task(
                owner=owner_task.owner,
                lead_unit=owner_task.lead_unit,
                text="x",
                state=state,
                deadline=deadline,
                original_deadline=original or deadline,
                completed_on=completed,
            )
        )
    Task.objects.bulk_create(combos)
    rows = annotate_status(Task.objects.exclude(pk=owner_task.pk), TODAY, soon_days=7)
    mismatches = [
        (t.state, t.deadline, t.original_deadline, t.completed_on, t.status, status_of(t, TODAY, 7))
        for t in rows
        if t.status != status_of(t, TODAY, 7)
    ]
    assert len(rows) == len(combos) > 200
    assert mismatches == []
