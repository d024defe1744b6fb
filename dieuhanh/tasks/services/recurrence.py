"""Recurring duties: one occurrence per period, each with its own deadline and status.

A recurring duty ("báo cáo trước ngày 18 hằng tháng", "định kỳ 6 tháng, năm")
becomes a series head (`is_series`, no deadline, not counted) and child
occurrences up to the duty's end — the end of the plan's year when none is
given. Rules come from the deadline parser (`dieuhanh.vn.deadlines`):
"monthly:18", "monthly", "quarterly", "semiannual", "yearly", "yearly:12-15",
"weekly", "daily", several joined by commas. A cycle without its own day is
due on the last day of its period (Friday for a week, each working day for a
daily duty); "periodic" (no interval written) yields no occurrence.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from dieuhanh.core.audit import acting_as
from dieuhanh.tasks.constants import DeadlineKind
from dieuhanh.tasks.models import Task
from dieuhanh.vn.periods import month_end, quarter_bounds, roman_quarter
from dieuhanh.vn.workdays import is_working_day

D = datetime.date


@dataclass(frozen=True)
class Occurrence:
    deadline: datetime.date
    label: str


def _monthly(day: int | None, start: D, until: D):
    year, month = start.year, start.month
    while D(year, month, 1) <= until:
        end = month_end(year, month)
        yield Occurrence(D(year, month, min(day, end.day)) if day else end, f"Tháng {month}/{year}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _quarterly(start: D, until: D):
    for year in range(start.year, until.year + 1):
        for q in range(1, 5):
            yield Occurrence(quarter_bounds(year, q)[1], f"Quý {roman_quarter(q)}/{year}")


def _semiannual(start: D, until: D):
    for year in range(start.year, until.year + 1):
        yield Occurrence(D(year, 6, 30), f"6 tháng đầu năm {year}")
        yield Occurrence(D(year, 12, 31), f"Năm {year}")


def _yearly(month_day: str | None, start: D, until: D):
    for year in range(start.year, until.year + 1):
        if month_day:
            month, day = (int(x) for x in month_day.split("-"))
            yield Occurrence(D(year, month, min(day, month_end(year, month).day)), f"Năm {year}")
        else:
            yield Occurrence(D(year, 12, 31), f"Năm {year}")


def _weekly(start: D, until: D):
    day = start + datetime.timedelta(days=(4 - start.weekday()) % 7)
    while day <= until:
        iso = day.isocalendar()
        yield Occurrence(day, f"Tuần {iso.week}/{iso.year}")
        day += datetime.timedelta(days=7)


def _daily(start: D, until: D):
    day = start
    while day <= until:
        if is_working_day(day):
            yield Occurrence(day, f"Ngày {day:%d/%m/%Y}")
        day += datetime.timedelta(days=1)


def occurrences(rule: str, start: D, until: D) -> list[Occurrence]:
    """The occurrences of `rule` due within [start, until], in date order, one per day at most."""
    found: dict[D, Occurrence] = {}
    for part in (p.strip() for p in (rule or "").split(",")):
        name, _, arg = part.partition(":")
        if name == "monthly":
            gen = _monthly(int(arg) if arg else None, start, until)
        elif name == "quarterly":
            gen = _quarterly(start, until)
        elif name == "semiannual":
            gen = _semiannual(start, until)
        elif name == "yearly":
            gen = _yearly(arg or None, start, until)
        elif name == "weekly":
            gen = _weekly(start, until)
        elif name == "daily":
            gen = _daily(start, until)
        else:
            continue
        for occ in gen:
            if start <= occ.deadline <= until:
                # A later cycle on the same day (the year's report on 31/12) names the occurrence.
                found[occ.deadline] = occ
    return [found[d] for d in sorted(found)]


def default_until(task: Task) -> D:
    """The end of the plan's year: the document's year, else the year the task was created."""
    year = None
    if task.document_id:
        year = task.document.issued_year or (
            task.document.issued_date.year if task.document.issued_date else None
        )
    return D(year or timezone.localdate().year, 12, 31)


@transaction.atomic
def create_occurrences(task: Task, until: D | None = None, start: D | None = None, actor=None) -> list[Task]:
    """Turn a recurring task into a series with one child per period; idempotent."""
    if task.deadline_kind != DeadlineKind.RECURRING or not task.recurrence:
        return []
    until = until or default_until(task)
    start = start or (task.created_at.date() if task.created_at else timezone.localdate())
    existing = set(task.occurrences.values_list("deadline", flat=True))
    coordinators = list(task.coordinators.all())
    created = []
    with acting_as(actor):
        if not task.is_series:
            task.is_series = True
            task.save(update_fields=["is_series", "updated_at"])
        for occ in occurrences(task.recurrence, start, until):
            if occ.deadline in existing:
                continue
            child = task.new_child(
                owner=task.owner,
                lead_unit=task.lead_unit,
                summary=f"{task.summary or task.text[:120]} — {occ.label}"[:300],
                deadline=occ.deadline,
                original_deadline=occ.deadline,
                deadline_kind=DeadlineKind.DATE,
                recurrence="",
                series=task,
                parent=task.parent,
                period_label=occ.label,
            )
            child.save()
            child.coordinators.set(coordinators)
            created.append(child)
    return created
