"""Task status as Vietnamese trackers report it — computed from the row and the day judged.

`task_status()` is the rule for one task; `annotate_status()` is the same
rule as one SQL CASE expression, so lists, filters and counts never loop over
rows in Python. Tests check that the two agree.

The status of a closed task (done, paused, cancelled) does not depend on the day judged, so
the task row keeps it (`Task.outcome`, written on every save by `outcome_of`, which asks
`task_status`): the SQL expression reads it instead of working it out again on every row. Only
an open task's status moves with the day, and that part is still worked out by the expression.
(No index on it: half of a province's tasks are open, and SQLite reading half a table through an
index is slower than its scan; the lists walk the deadline index.)

Open tasks are judged on their current deadline (an approved extension moves
it); completed tasks on the original deadline, so "hoàn thành quá hạn" stays
visible in reports after an extension. A completion awaiting approval is
judged on the day it was claimed, so a slow approval does not make a unit late.
A completion dated after the day judged did not exist on that day: a report
judged at its cut-off counts a task finished afterwards as still open, so the
figures of a past period do not change when they are computed again later.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When

from dieuhanh.tasks.constants import TaskState


class Status(models.TextChoices):
    IN_TIME = "in_time", "Đang thực hiện trong hạn"
    DUE_SOON = "due_soon", "Sắp đến hạn"
    OVERDUE = "overdue", "Quá hạn chưa hoàn thành"
    NO_DEADLINE = "no_deadline", "Không có thời hạn"
    DONE_EARLY = "done_early", "Hoàn thành trước hạn"
    DONE_ON_TIME = "done_on_time", "Hoàn thành đúng hạn"
    DONE_LATE = "done_late", "Hoàn thành quá hạn"
    PAUSED = "paused", "Tạm hoãn"
    CANCELLED = "cancelled", "Hủy"


OPEN_STATUSES = (Status.IN_TIME, Status.DUE_SOON, Status.OVERDUE, Status.NO_DEADLINE)
DONE_STATUSES = (Status.DONE_EARLY, Status.DONE_ON_TIME, Status.DONE_LATE)
ON_TIME_STATUSES = (Status.DONE_EARLY, Status.DONE_ON_TIME)


def due_soon_days() -> int:
    return settings.DUE_SOON_DAYS


def task_status(
    *,
    state: str,
    deadline: datetime.date | None,
    original_deadline: datetime.date | None,
    completed_on: datetime.date | None,
    today: datetime.date,
    soon_days: int | None = None,
) -> Status:
    """The status of one task on `today`."""
    soon = due_soon_days() if soon_days is None else soon_days
    if state == TaskState.CANCELLED:
        return Status.CANCELLED
    if state == TaskState.PAUSED:
        return Status.PAUSED
    later = completed_on is not None and completed_on > today
    if state == TaskState.DONE and not later:
        judged = original_deadline or deadline
        if judged is None or completed_on is None or completed_on < judged:
            return Status.DONE_EARLY
        return Status.DONE_ON_TIME if completed_on == judged else Status.DONE_LATE
    if deadline is None:
        return Status.NO_DEADLINE
    claimed = state == TaskState.AWAITING_APPROVAL and completed_on is not None and not later
    on = completed_on if claimed else today
    if on > deadline:
        return Status.OVERDUE
    if (deadline - on).days <= soon:
        return Status.DUE_SOON
    return Status.IN_TIME


def status_of(task, today: datetime.date, soon_days: int | None = None) -> Status:
    return task_status(
        state=task.state,
        deadline=task.deadline,
        original_deadline=task.original_deadline,
        completed_on=task.completed_on,
        today=today,
        soon_days=soon_days,
    )


CLOSED_STATES = (TaskState.DONE, TaskState.PAUSED, TaskState.CANCELLED)
# The fields `outcome_of` reads: a save that writes one of them writes the outcome too.
OUTCOME_FIELDS = frozenset({"state", "deadline", "original_deadline", "completed_on"})


def outcome_of(task) -> str:
    """The status a closed task keeps whatever the day judged ('' while it is open).

    A done task is judged on the day it was completed: `task_status` on that day.
    """
    if task.state not in CLOSED_STATES:
        return ""
    return status_of(task, task.completed_on or datetime.date.max).value


def closed_on(today: datetime.date) -> Q:
    """Tasks closed on `today`: an outcome, unless it is a completion dated after `today`."""
    return ~Q(outcome="") & (
        ~Q(state=TaskState.DONE) | Q(completed_on__isnull=True) | Q(completed_on__lte=today)
    )


def open_on(today: datetime.date) -> Q:
    """Tasks open on `today` (statuses in OPEN_STATUSES): the negation of `closed_on`."""
    return Q(outcome="") | Q(state=TaskState.DONE, completed_on__gt=today)


def status_expression(today: datetime.date, soon_days: int | None = None) -> Case:
    """The SQL twin of `task_status`: a CASE over the task row, reading the stored outcome."""
    soon = due_soon_days() if soon_days is None else soon_days
    soon_limit = today + datetime.timedelta(days=soon)
    awaiting = Q(state=TaskState.AWAITING_APPROVAL, completed_on__isnull=False, completed_on__lte=today)
    return Case(
        When(closed_on(today), then=F("outcome")),
        When(deadline__isnull=True, then=Value(Status.NO_DEADLINE.value)),
        When(awaiting & Q(completed_on__gt=F("deadline")), then=Value(Status.OVERDUE.value)),
        When(
            awaiting & Q(deadline__lte=F("completed_on") + datetime.timedelta(days=soon)),
            then=Value(Status.DUE_SOON.value),
        ),
        When(awaiting, then=Value(Status.IN_TIME.value)),
        When(deadline__lt=today, then=Value(Status.OVERDUE.value)),
        When(deadline__lte=soon_limit, then=Value(Status.DUE_SOON.value)),
        default=Value(Status.IN_TIME.value),
        output_field=models.CharField(max_length=20),
    )


def annotate_status(queryset, today: datetime.date, soon_days: int | None = None):
    return queryset.annotate(status=status_expression(today, soon_days))
