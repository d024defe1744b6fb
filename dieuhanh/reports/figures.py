"""The figures of a periodic report, computed with aggregate and grouped queries.

`build_figures()` is the one entry point: from a period and a scope (`reports.scope`) it
computes the counts by status and the rates (`tasks.rates`, defined in
`reports.definitions`), the table by unit (by commune for a province), the overdue tasks
with the lead unit's latest report, the extensions granted, targets and budgets, the
reminders sent, the tasks due next and, on request, the rankings. Nothing loops over
tasks in Python; the row lists are capped.

`ReportFigures` is plain data (names, not model objects): the page, the .docx and the
.xlsx are drawn from it, and an issued report keeps it as it was on the day it was issued
(`reports.frozen`).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from dieuhanh.notify.models import Reminder
from dieuhanh.org.models import Unit
from dieuhanh.reports.constants import LIST_ROW_LIMIT, NEXT_ROW_LIMIT
from dieuhanh.reports.formatting import vn_int
from dieuhanh.reports.rankings import Rankings, compute_rankings, formula_for
from dieuhanh.reports.scope import Scope
from dieuhanh.tasks.constants import ChangeStatus, TaskState
from dieuhanh.tasks.models import CompletionRequest, DeadlineChange, ProgressReport
from dieuhanh.tasks.rates import Rates, in_period, rates_grouped
from dieuhanh.tasks.status import DONE_STATUSES, Status, annotate_status
from dieuhanh.vn.periods import ReportPeriod

DONE_VALUES = [s.value for s in DONE_STATUSES]


@dataclass(frozen=True)
class UnitRow:
    unit_id: int
    name: str
    rates: Rates
    parent_name: str = ""


@dataclass(frozen=True)
class OverdueRow:
    task_id: int
    summary: str
    lead_unit: str
    owner: str
    deadline: datetime.date
    original_deadline: datetime.date | None
    days_overdue: int
    report_text: str
    report_percent: int | None
    report_on: datetime.date | None
    reason: str


@dataclass(frozen=True)
class ExtensionRow:
    task_id: int
    summary: str
    lead_unit: str
    old_date: datetime.date | None
    new_date: datetime.date
    reason: str
    objective: bool
    decided_on: datetime.date | None


@dataclass(frozen=True)
class TargetRow:
    task_id: int
    summary: str
    lead_unit: str
    target: str
    budget: Decimal | None
    funding_source: str
    status: str
    percent: int | None


@dataclass(frozen=True)
class UpcomingRow:
    """An open task due in the period after this one (the office's "nhiệm vụ trọng tâm kỳ tới")."""

    task_id: int
    summary: str
    lead_unit: str
    deadline: datetime.date


@dataclass(frozen=True)
class BudgetTotals:
    tasks: int = 0
    total: Decimal = Decimal(0)
    done_total: Decimal = Decimal(0)
    targets: int = 0


@dataclass(frozen=True)
class Pending:
    """Requests waiting for a leader at the time of the report."""

    extensions: int = 0
    completions: int = 0


@dataclass
class ReportFigures:
    period: ReportPeriod
    as_of: datetime.date
    organisation_name: str
    parent_name: str  # the body above the organisation, for the header of the .docx
    unit_name: str  # the unit reported on (the organisation's own name for the whole of it)
    sub_unit: bool  # the unit is narrower than the organisation
    is_province: bool
    holds_confidential: bool  # may count confidential work (a report for a person named on it)
    soon_days: int
    rates: Rates
    groups: list[UnitRow]
    units: list[UnitRow]
    overdue: list[OverdueRow]
    extensions: list[ExtensionRow]
    extensions_total: int
    extensions_objective: int
    targets: list[TargetRow]
    budget: BudgetTotals
    reminders_sent: int | None
    upcoming: list[UpcomingRow]
    pending: Pending
    rankings: Rankings | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def group_label(self) -> str:
        return "Xã, phường" if self.is_province else "Đơn vị chủ trì"

    @property
    def targets_total(self) -> int:
        return self.budget.targets


def build_figures(
    period: ReportPeriod,
    scope: Scope,
    today: datetime.date | None = None,
    include_rankings: bool | None = None,
) -> ReportFigures:
    today = today or timezone.localdate()
    as_of = min(period.end, today)
    qs = scope.tasks()
    start, end = period.start, period.end
    rates, by_owner, by_lead = _grouped_rates(qs, start, end, as_of)
    units = _unit_rows(by_lead)
    groups = _unit_rows(by_owner) if scope.group_field == "owner" else units
    extensions, extensions_total, extensions_objective = _extensions(qs, start, as_of)
    targets, budget = _targets(qs, start, end, as_of)
    if include_rankings is None:
        include_rankings = period.kind == "year"
    rankings = None
    if include_rankings:
        formula = formula_for(scope.organisation)
        rankings = compute_rankings(qs, start, end, as_of, formula, scope.group_field)
    overdue = _overdue(qs, start, end, as_of)
    notes = []
    for name, shown, total in (
        ("nhiệm vụ quá hạn", len(overdue), rates.overdue),
        ("lượt gia hạn", len(extensions), extensions_total),
        ("nhiệm vụ có chỉ tiêu, kinh phí", len(targets), budget.targets),
    ):
        if shown < total:
            notes.append(
                f"Danh sách {name} chỉ gồm {vn_int(shown)}/{vn_int(total)} dòng đầu; "
                "danh sách đầy đủ: xuất Excel danh sách nhiệm vụ."
            )
    org = scope.organisation
    unit = scope.unit or org
    return ReportFigures(
        period=period,
        as_of=as_of,
        organisation_name=org.name if org else "Ủy ban nhân dân",
        parent_name=org.parent.name if org is not None and org.parent_id else "",
        unit_name=unit.name if unit else "",
        sub_unit=bool(scope.unit and org and scope.unit.pk != org.pk),
        is_province=scope.is_province,
        holds_confidential=scope.holds_confidential,
        soon_days=settings.DUE_SOON_DAYS,
        rates=rates,
        groups=groups,
        units=units,
        overdue=overdue,
        extensions=extensions,
        extensions_total=extensions_total,
        extensions_objective=extensions_objective,
        targets=targets,
        budget=budget,
        reminders_sent=reminders_sent(qs, start, as_of),
        upcoming=_upcoming(qs, period, as_of),
        pending=_pending(qs),
        rankings=rankings,
        notes=notes,
    )


def add_rates(a: Rates, b: Rates) -> Rates:
    """Rates are counts, so a commune's are the sum of its units' (the percentages follow)."""
    return Rates(**{name: getattr(a, name) + getattr(b, name) for name in Rates.__dataclass_fields__})


def _grouped_rates(qs, start, end, as_of) -> tuple[Rates, dict, dict]:
    """Total, by owner and by lead unit, from one query grouped by (owner, lead unit): the
    province roll-up and the total row are sums of the same rows as the tables by unit."""
    total, by_owner, by_lead = Rates(), {}, {}
    for (owner, lead), rates in rates_grouped(qs, ("owner", "lead_unit"), start, end, as_of).items():
        total = add_rates(total, rates)
        by_owner[owner] = add_rates(by_owner.get(owner, Rates()), rates)
        by_lead[lead] = add_rates(by_lead.get(lead, Rates()), rates)
    return total, by_owner, by_lead


def _unit_rows(by_unit: dict) -> list[UnitRow]:
    units = {u.pk: u for u in Unit.objects.filter(pk__in=list(by_unit)).select_related("parent")}
    rows = [
        UnitRow(pk, units[pk].name, rates, units[pk].parent.name if units[pk].parent_id else "")
        for pk, rates in by_unit.items()
    ]
    return sorted(rows, key=lambda r: (-r.rates.overdue, -r.rates.total, r.name))


def _latest_report(field_name: str, by_lead_unit: bool = True, as_of: datetime.date | None = None):
    reports = ProgressReport.objects.filter(task_id=OuterRef("pk"))
    if by_lead_unit:
        reports = reports.filter(unit_id=OuterRef("lead_unit_id"))
    if as_of is not None:
        reports = reports.filter(reported_on__lte=as_of)
    return Subquery(reports.order_by("-reported_on", "-id").values(field_name)[:1])


def _overdue(qs, start, end, as_of) -> list[OverdueRow]:
    reason = DeadlineChange.objects.filter(task_id=OuterRef("pk")).order_by("-requested_at", "-id")
    rows = list(
        annotate_status(in_period(qs, start, end), as_of)
        .filter(status=Status.OVERDUE)
        .annotate(
            report_id=_latest_report("pk", as_of=as_of), change_reason=Subquery(reason.values("reason")[:1])
        )
        .order_by("deadline", "id")
        .values(
            "pk",
            "summary",
            "text",
            "lead_unit__name",
            "owner__name",
            "deadline",
            "original_deadline",
            "report_id",
            "change_reason",
            "state_reason",
        )[:LIST_ROW_LIMIT]
    )
    reports = ProgressReport.objects.filter(pk__in=[r["report_id"] for r in rows if r["report_id"]])
    latest = {r["pk"]: r for r in reports.values("pk", "text", "percent", "reported_on")}
    empty = {"text": "", "percent": None, "reported_on": None}
    return [
        OverdueRow(
            task_id=r["pk"],
            summary=r["summary"] or r["text"][:300],
            lead_unit=r["lead_unit__name"],
            owner=r["owner__name"],
            deadline=r["deadline"],
            original_deadline=r["original_deadline"],
            days_overdue=(as_of - r["deadline"]).days,
            report_text=latest.get(r["report_id"], empty)["text"],
            report_percent=latest.get(r["report_id"], empty)["percent"],
            report_on=latest.get(r["report_id"], empty)["reported_on"],
            reason=r["change_reason"] or r["state_reason"] or "",
        )
        for r in rows
    ]


def _day_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[start 00:00, the day after end 00:00) in local time: a date range over a timestamp column
    without `__date`, which SQLite would evaluate row by row in Python."""
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time(), tzinfo=tz),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(), tzinfo=tz),
    )


def _extensions(qs, start, as_of) -> tuple[list[ExtensionRow], int, int]:
    since, until = _day_bounds(start, as_of)
    changes = DeadlineChange.objects.filter(
        status=ChangeStatus.APPROVED, task__in=qs.values("pk"), decided_at__gte=since, decided_at__lt=until
    )
    counts = changes.aggregate(total=Count("pk"), objective=Count("pk", filter=Q(objective=True)))
    rows = changes.order_by("decided_at", "id").values(
        "task_id",
        "task__summary",
        "task__text",
        "task__lead_unit__name",
        "old_date",
        "new_date",
        "reason",
        "objective",
        "decided_at",
    )[:LIST_ROW_LIMIT]
    return (
        [
            ExtensionRow(
                task_id=r["task_id"],
                summary=r["task__summary"] or r["task__text"][:300],
                lead_unit=r["task__lead_unit__name"],
                old_date=r["old_date"],
                new_date=r["new_date"],
                reason=r["reason"],
                objective=r["objective"],
                decided_on=timezone.localtime(r["decided_at"]).date() if r["decided_at"] else None,
            )
            for r in rows
        ],
        counts["total"],
        counts["objective"],
    )


def _targets(qs, start, end, as_of) -> tuple[list[TargetRow], BudgetTotals]:
    base = annotate_status(
        in_period(qs, start, end).filter(Q(target__gt="") | Q(budget__isnull=False)), as_of
    )
    totals = base.aggregate(
        tasks=Count("pk", filter=Q(budget__isnull=False)),
        total=Sum("budget"),
        done_total=Sum("budget", filter=Q(status__in=DONE_VALUES)),
        targets=Count("pk"),
    )
    budget = BudgetTotals(
        tasks=totals["tasks"],
        total=totals["total"] or Decimal(0),
        done_total=totals["done_total"] or Decimal(0),
        targets=totals["targets"],
    )
    rows = (
        base.annotate(percent=_latest_report("percent", by_lead_unit=False, as_of=as_of))
        .order_by("id")
        .values(
            "pk",
            "summary",
            "text",
            "lead_unit__name",
            "target",
            "budget",
            "funding_source",
            "status",
            "percent",
        )[:LIST_ROW_LIMIT]
    )
    return [
        TargetRow(
            task_id=r["pk"],
            summary=r["summary"] or r["text"][:300],
            lead_unit=r["lead_unit__name"],
            target=r["target"],
            budget=r["budget"],
            funding_source=r["funding_source"],
            status=Status(r["status"]).label,
            percent=100 if r["status"] in DONE_VALUES else r["percent"],
        )
        for r in rows
    ], budget


def next_window_end(period: ReportPeriod) -> datetime.date:
    """The last day of the period after `period`, as long as `period` itself."""
    return period.end + (period.end - period.start) + datetime.timedelta(days=1)


def _upcoming(qs, period: ReportPeriod, as_of) -> list[UpcomingRow]:
    rows = (
        annotate_status(
            in_period(qs, period.start, as_of).filter(
                deadline__gt=as_of, deadline__lte=next_window_end(period)
            ),
            as_of,
        )
        .filter(status__in=[Status.IN_TIME, Status.DUE_SOON])
        .order_by("deadline", "id")
        .values("pk", "summary", "text", "lead_unit__name", "deadline")[:NEXT_ROW_LIMIT]
    )
    return [
        UpcomingRow(r["pk"], r["summary"] or r["text"][:300], r["lead_unit__name"], r["deadline"])
        for r in rows
    ]


def _pending(qs) -> Pending:
    ids = qs.values("pk")
    return Pending(
        extensions=DeadlineChange.objects.filter(status=ChangeStatus.REQUESTED, task__in=ids).count(),
        completions=CompletionRequest.objects.filter(
            status=ChangeStatus.REQUESTED, task__in=ids, task__state=TaskState.AWAITING_APPROVAL
        ).count(),
    )


def reminders_sent(qs, start, as_of) -> int:
    """Reminders sent in the period up to the day judged, for the tasks in scope."""
    since, until = _day_bounds(start, as_of)
    return Reminder.objects.filter(task__in=qs.values("pk"), sent_at__gte=since, sent_at__lt=until).count()
