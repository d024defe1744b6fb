"""Rates per unit and per period, as the Government Office reports them.

All figures come from one aggregate query (or one grouped query for the table
by unit) over the status annotation; nothing loops over rows in Python.

- tasks in a period: created by its end and not closed before its start
  (cancelled tasks are left out of every rate);
- on-time rate: done early or on time, over all done;
- overdue rate: open tasks past their deadline, over all tasks and over the
  tasks already due (deadline on or before the day judged);
- update rate: open tasks with a progress report dated inside the period,
  over all open tasks.
"""

import datetime
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.models import ProgressReport
from dieuhanh.tasks.status import DONE_STATUSES, OPEN_STATUSES, Status, annotate_status


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Rates:
    total: int = 0
    done_early: int = 0
    done_on_time: int = 0
    done_late: int = 0
    in_time: int = 0
    due_soon: int = 0
    overdue: int = 0
    no_deadline: int = 0
    paused: int = 0
    due: int = 0
    updated: int = 0

    @property
    def done(self) -> int:
        return self.done_early + self.done_on_time + self.done_late

    @property
    def open(self) -> int:
        return self.in_time + self.due_soon + self.overdue + self.no_deadline

    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.done_early + self.done_on_time, self.done)

    @property
    def overdue_rate_all(self) -> Decimal | None:
        return percent(self.overdue, self.total)

    @property
    def overdue_rate_due(self) -> Decimal | None:
        return percent(self.overdue, self.due)

    @property
    def update_rate(self) -> Decimal | None:
        return percent(self.updated, self.open)

    def as_dict(self) -> dict:
        data = asdict(self)
        data.update(
            done=self.done,
            open=self.open,
            on_time_rate=self.on_time_rate,
            overdue_rate_all=self.overdue_rate_all,
            overdue_rate_due=self.overdue_rate_due,
            update_rate=self.update_rate,
        )
        return data


def in_period(queryset, start: datetime.date, end: datetime.date):
    """Tasks being handled during [start, end]: not cancelled, created by the end, not closed before the start.

    The creation bound is an aware instant (midnight after `end`, local time), not
    `created_at__date`, which SQLite would evaluate through a Python function on every row.
    """
    next_day = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time(), tzinfo=timezone.get_current_timezone()
    )
    return queryset.exclude(state=TaskState.CANCELLED).filter(
        Q(created_at__lt=next_day) & (Q(completed_on__isnull=True) | Q(completed_on__gte=start))
    )


def rate_aggregates(start: datetime.date, end: datetime.date, as_of: datetime.date) -> dict:
    """The Count() aggregates behind `Rates`, over a queryset annotated with `status`."""
    reported = ProgressReport.objects.filter(task_id=OuterRef("pk"), reported_on__range=(start, end))
    open_q = Q(status__in=[s.value for s in OPEN_STATUSES])
    aggregates = {
        name: Count("pk", filter=Q(status=value))
        for name, value in [
            ("done_early", Status.DONE_EARLY),
            ("done_on_time", Status.DONE_ON_TIME),
            ("done_late", Status.DONE_LATE),
            ("in_time", Status.IN_TIME),
            ("due_soon", Status.DUE_SOON),
            ("overdue", Status.OVERDUE),
            ("no_deadline", Status.NO_DEADLINE),
            ("paused", Status.PAUSED),
        ]
    }
    aggregates["total"] = Count("pk")
    aggregates["due"] = Count(
        "pk",
        filter=Q(deadline__lte=as_of) & (open_q | Q(status__in=[s.value for s in DONE_STATUSES])),
    )
    aggregates["updated"] = Count("pk", filter=open_q & Q(Exists(reported)))
    return aggregates


def compute_rates(
    queryset, start: datetime.date, end: datetime.date, as_of: datetime.date | None = None
) -> Rates:
    """The rates of the tasks in `queryset` for the period, judged on `as_of` (default: the period's end)."""
    as_of = as_of or end
    qs = annotate_status(in_period(queryset, start, end), as_of)
    return Rates(**qs.aggregate(**rate_aggregates(start, end, as_of)))


def rates_by(
    queryset, field: str, start: datetime.date, end: datetime.date, as_of: datetime.date | None = None
):
    """{value of `field` (e.g. "lead_unit"): Rates} in one grouped query."""
    as_of = as_of or end
    qs = annotate_status(in_period(queryset, start, end), as_of)
    rows = qs.order_by().values(field).annotate(**rate_aggregates(start, end, as_of))
    return {row.pop(field): Rates(**row) for row in rows}
