"""The dashboard's figures as one testable service: counts, the table by unit, lists and chart data.

Everything comes from the status annotation and grouped queries; the number
of queries does not grow with the number of tasks. Counts cover the tasks
handled in the period (`rates.in_period`), judged today or at the end of a
past period, exactly as the task list filtered with the same period shows.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from dieuhanh.org.access import Access
from dieuhanh.org.constants import UnitKind
from dieuhanh.org.models import Unit
from dieuhanh.tasks.access import visible_tasks
from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.listing import with_document
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.rates import Rates, compute_rates, in_period, rates_by
from dieuhanh.tasks.status import ON_TIME_STATUSES, Status, annotate_status
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
        qs = qs.filter(Q(owner__path__startswith=commune.path) | Q(lead_unit__path__startswith=commune.path))
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


def _unit_lines(qs, group_by: str, start, end, as_of) -> list[UnitLine]:
    grouped = rates_by(qs, group_by, start, end, as_of)
    names = dict(Unit.objects.filter(pk__in=list(grouped)).values_list("pk", "name"))
    lines = [UnitLine(pk, names.get(pk, ""), r) for pk, r in grouped.items()]
    return sorted(lines, key=lambda line: (-line.rates.overdue, -line.rates.total, line.name))


def _listed(qs, status: Status, start, end, as_of) -> list[Task]:
    rows = annotate_status(in_period(qs, start, end), as_of).filter(status=status)
    return list(with_document(rows.select_related("lead_unit")).order_by("deadline", "id")[:LIST_LIMIT])


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


def _trend_chart(qs, end: datetime.date, as_of: datetime.date) -> dict:
    """Tasks created, and done on time or late, per month: one query of counts over ranges.

    Each month is a range of the stored values (aware instants from local midnight for
    `created_at`), never a date function around the column, so the indexes on `created_at`
    and `completed_on` answer it and a task created at 00:30 on the 1st counts in its month.
    """
    months = _months(end)
    bounds = [(m, month_end(m.year, m.month) + datetime.timedelta(days=1)) for m in months]
    bounds[-1] = (months[-1], end + datetime.timedelta(days=1))
    on_time = Q(status__in=[s.value for s in ON_TIME_STATUSES])
    counts = {}
    for i, (first, after) in enumerate(bounds):
        created = Q(created_at__gte=_local_midnight(first), created_at__lt=_local_midnight(after))
        done = Q(state=TaskState.DONE, completed_on__gte=first, completed_on__lt=after)
        counts[f"created_{i}"] = Count("pk", filter=created)
        counts[f"ok_{i}"] = Count("pk", filter=done & on_time)
        counts[f"late_{i}"] = Count("pk", filter=done & Q(status=Status.DONE_LATE))
    start, after = _local_midnight(months[0]), _local_midnight(bounds[-1][1])
    in_range = Q(created_at__gte=start, created_at__lt=after) | Q(
        state=TaskState.DONE, completed_on__gte=months[0], completed_on__lt=bounds[-1][1]
    )
    row = annotate_status(qs.filter(in_range), as_of).aggregate(**counts)

    def series(name: str) -> list[int]:
        return [row[f"{name}_{i}"] for i in range(len(months))]

    return {
        "type": "bar",
        "labels": [f"{m.month:02d}/{m.year}" for m in months],
        "datasets": [
            {"label": "Giao mới", "data": series("created"), "backgroundColor": "#1f5f99"},
            {"label": "Hoàn thành trước, đúng hạn", "data": series("ok"), "backgroundColor": "#1e7b34"},
            {"label": "Hoàn thành quá hạn", "data": series("late"), "backgroundColor": "#a0662b"},
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
    rates = compute_rates(qs, start, end, as_of)
    return Dashboard(
        start=start,
        end=end,
        as_of=as_of,
        rates=rates,
        group_by=group_by,
        province_view=province_view,
        units=_unit_lines(qs, group_by, start, end, as_of),
        overdue=_listed(qs, Status.OVERDUE, start, end, as_of),
        due_soon=_listed(qs, Status.DUE_SOON, start, end, as_of),
        status_chart=_status_chart(rates),
        trend_chart=_trend_chart(qs, end, as_of),
    )
