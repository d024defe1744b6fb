"""The dashboard's figures as one testable service: counts, the table by unit, lists and chart data.

Everything comes from the status annotation and grouped queries; the number
of queries does not grow with the number of tasks. Counts cover the tasks
handled in the period (`rates.in_period`), judged today or at the end of a
past period, exactly as the task list filtered with the same period shows.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils import timezone

from dieuhanh.org.access import Access
from dieuhanh.org.constants import UnitKind
from dieuhanh.org.models import Unit
from dieuhanh.tasks.access import visible_tasks
from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.listing import in_subtree, with_document
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.rates import Rates, in_period, rates_and_rates_by
from dieuhanh.tasks.status import Status, annotate_status, due_soon_days
from dieuhanh.vn.periods import month_end, quarter_bounds

LIST_LIMIT = 10
TREND_MONTHS = 12

PERIODS = {
    "month": "Tháng này",
    "quarter": "Quý này",
    "year": "Năm nay",
    "custom": "Tùy chọn",
}


def period_bounds(key: str, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    if key == "month":
        return today.replace(day=1), month_end(today.year, today.month)
    if key == "quarter":
        return quarter_bounds(today.year, (today.month - 1) // 3 + 1)
    return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)


def is_province_view(access: Access) -> bool:
    """A person acting for a province (or a superuser) sees communes side by side."""
    if access.is_superuser:
        return True
    paths = access.org_paths()
    return bool(paths) and Unit.objects.filter(path__in=paths, kind=UnitKind.PROVINCE).exists()


def scope(access: Access, commune: Unit | None = None):
    qs = visible_tasks(access, Task.objects.trackable())
    if commune is not None:
        qs = qs.filter(in_subtree(commune))
    return qs


@dataclass(frozen=True)
class UnitLine:
    unit_id: int
    name: str
    rates: Rates


@dataclass
class Dashboard:
    start: datetime.date
    end: datetime.date
    as_of: datetime.date
    rates: Rates
    group_by: str
    province_view: bool
    units: list[UnitLine]
    overdue: list[Task]
    due_soon: list[Task]
    status_chart: dict = field(default_factory=dict)
    trend_chart: dict = field(default_factory=dict)


def _unit_lines(grouped: dict) -> list[UnitLine]:
    names = dict(Unit.objects.filter(pk__in=list(grouped)).values_list("pk", "name"))
    lines = [UnitLine(pk, names.get(pk, ""), r) for pk, r in grouped.items()]
    return sorted(lines, key=lambda line: (-line.rates.overdue, -line.rates.total, line.name))


def dashboard_list(qs, status: Status, start, end, as_of) -> list[Task]:
    """The first tasks of the period in `status` by deadline (the overdue and due-soon lists).

    Read in deadline order from its index and stopped after ten. Overdue tasks have the oldest
    deadlines, so ten are found at once; due-soon ones come after every overdue and done task, so
    they are read as the week ahead on the deadline index, plus the completions claimed by
    `as_of` and awaiting approval (judged on the day claimed, their deadline may be past), and
    the two first tens merged.
    """
    rows = annotate_status(in_period(qs, start, end), as_of).filter(status=status)
    rows = with_document(rows.select_related("lead_unit")).order_by("deadline", "id")
    if status != Status.DUE_SOON:
        return list(rows[:LIST_LIMIT])
    week = rows.filter(deadline__range=(as_of, as_of + datetime.timedelta(days=due_soon_days())))
    claimed = rows.filter(state=TaskState.AWAITING_APPROVAL, completed_on__lte=as_of)
    both = {task.pk: task for task in [*week[:LIST_LIMIT], *claimed[:LIST_LIMIT]]}.values()
    return sorted(both, key=lambda task: (task.deadline, task.pk))[:LIST_LIMIT]


def _status_chart(r: Rates) -> dict:
    parts = [
        (Status.OVERDUE, r.overdue, "#b3261e"),
        (Status.DUE_SOON, r.due_soon, "#e0a100"),
        (Status.IN_TIME, r.in_time, "#1f5f99"),
        (Status.NO_DEADLINE, r.no_deadline, "#9aa7b4"),
        (Status.DONE_EARLY, r.done_early, "#2e9e4f"),
        (Status.DONE_ON_TIME, r.done_on_time, "#1e7b34"),
        (Status.DONE_LATE, r.done_late, "#a0662b"),
        (Status.PAUSED, r.paused, "#c7ccd1"),
    ]
    return {
        "type": "doughnut",
        "labels": [s.label for s, _, _ in parts],
        "datasets": [{"data": [n for _, n, _ in parts], "backgroundColor": [c for _, _, c in parts]}],
    }


def _months(end: datetime.date) -> list[datetime.date]:
    year, month = end.year, end.month
    out = []
    for _ in range(TREND_MONTHS):
        out.append(datetime.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out[::-1]


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


def _month_index(field: str, firsts: list, after, condition: Q | None = None) -> Case:
    """The index in `firsts` (first days of months, in order) of the month `field` falls in,
    before `after`; NULL outside or when `condition` does not hold.

    Tested from the latest month down, one comparison per month passed: most tasks of a year
    are recent, and this costs SQLite half the comparisons of one range per month.
    """
    skipped = [When(~condition, then=None)] if condition is not None else []
    return Case(
        *skipped,
        When(**{f"{field}__gte": after}, then=None),
        *(When(**{f"{field}__gte": first}, then=Value(i)) for i, first in reversed(list(enumerate(firsts)))),
        output_field=IntegerField(),
    )


def _counted_in_one_pass(qs, months: list[datetime.date], after: datetime.date):
    """(month created, month done, outcome, n) from one query grouped by two CASE columns: for a
    commune's tasks, found through the owner and lead-unit indexes."""
    created_month = _month_index("created_at", [_local_midnight(m) for m in months], _local_midnight(after))
    done_month = _month_index("completed_on", months, after, Q(state=TaskState.DONE))
    rows = (
        qs.annotate(created_month=created_month, done_month=done_month)
        .order_by()
        .values_list("created_month", "done_month", "outcome")
        .annotate(n=Count("pk"))
    )
    for created, done, outcome, n in rows:
        if created is not None:
            yield created, None, "", n
        if done is not None:
            yield None, done, outcome, n


def _counted_by_month(qs, months: list[datetime.date], after: datetime.date):
    """The same rows from a count per month range, in one UNION ALL query: for a province's tasks.

    Each range is read from an index that holds every column the access rule asks
    (`task_created_at`, `task_completed_on`): the counts step through each month's entries
    instead of sorting a year of tasks by a CASE over every row (115 → 55 ms on 100,000 tasks).
    """
    base = qs.order_by()
    parts = []
    for i, (first, following) in enumerate(zip(months, [*months[1:], after], strict=True)):
        last = min(following, after)
        if first >= last:
            continue
        created = base.filter(created_at__gte=_local_midnight(first), created_at__lt=_local_midnight(last))
        done = base.filter(state=TaskState.DONE, completed_on__gte=first, completed_on__lt=last)
        none = Value(None, output_field=IntegerField())
        parts.append(created.annotate(created=Value(i), done=none, kind=Value("")))
        parts.append(done.annotate(created=none, done=Value(i), kind=F("outcome")))
    if not parts:
        return []
    counted = [part.values_list("created", "done", "kind").annotate(n=Count("pk")) for part in parts]
    return counted[0].union(*counted[1:], all=True)


def _trend_chart(qs, end: datetime.date, as_of: datetime.date, few: bool) -> dict:
    """Tasks created, and done on time or late, per month (`few`: a commune's tasks).

    Each month is a range of the stored values (aware instants from local midnight for
    `created_at`), never a date function around the column, so a task created at 00:30 on the
    1st counts in its month. A task done in a month up to `as_of` is judged on the day it was
    done, which is what its stored outcome says (status.outcome_of).
    """
    months = _months(end)
    after = min(end, as_of) + datetime.timedelta(days=1)
    counted = _counted_in_one_pass if few else _counted_by_month
    counts = {name: [0] * len(months) for name in ("created", "ok", "late")}
    for created, done, outcome, n in counted(qs, months, after):
        if created is not None:
            counts["created"][created] += n
        if done is not None:
            counts["late" if outcome == Status.DONE_LATE else "ok"][done] += n

    return {
        "type": "bar",
        "labels": [f"{m.month:02d}/{m.year}" for m in months],
        "datasets": [
            {"label": "Giao mới", "data": counts["created"], "backgroundColor": "#1f5f99"},
            {"label": "Hoàn thành trước, đúng hạn", "data": counts["ok"], "backgroundColor": "#1e7b34"},
            {"label": "Hoàn thành quá hạn", "data": counts["late"], "backgroundColor": "#a0662b"},
        ],
    }


def build_dashboard(
    access: Access,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
    commune: Unit | None = None,
) -> Dashboard:
    as_of = min(end, today)
    qs = scope(access, commune)
    province_view = is_province_view(access)
    group_by = "owner" if commune is None and province_view else "lead_unit"
    rates, by_unit = rates_and_rates_by(qs, group_by, start, end, as_of)
    return Dashboard(
        start=start,
        end=end,
        as_of=as_of,
        rates=rates,
        group_by=group_by,
        province_view=province_view,
        units=_unit_lines(by_unit),
        overdue=dashboard_list(qs, Status.OVERDUE, start, end, as_of),
        due_soon=dashboard_list(qs, Status.DUE_SOON, start, end, as_of),
        status_chart=_status_chart(rates),
        trend_chart=_trend_chart(qs, end, as_of, few=commune is not None),
    )
