"""The figures of a periodic report, computed with aggregate and grouped queries.

`build_figures()` is the one entry point: it scopes the tasks to what the
requesting person may see and to the chosen unit, then computes the summary
rates, the table by unit (by commune for a province), the overdue tasks with
the lead unit's latest report, the extensions granted, targets and budgets,
the reminders sent and, on request, the rankings. Nothing loops over tasks in
Python; the row lists (overdue, extensions, targets) are capped.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from dieuhanh.notify.models import Reminder
from dieuhanh.org.access import Access
from dieuhanh.org.constants import UnitKind
from dieuhanh.org.models import Unit
from dieuhanh.reports.constants import LIST_ROW_LIMIT
from dieuhanh.reports.formatting import vn_int
from dieuhanh.reports.rankings import Rankings, compute_rankings, formula_for
from dieuhanh.tasks.access import SECRET_LEVELS, visible_tasks
from dieuhanh.tasks.constants import ChangeStatus, TaskState
from dieuhanh.tasks.models import DeadlineChange, ProgressReport, Task
from dieuhanh.tasks.rates import Rates, in_period, rate_aggregates
from dieuhanh.tasks.status import Status, annotate_status
from dieuhanh.vn.periods import ReportPeriod


class ScopeError(ValueError):
    """The unit asked for is unknown or not visible; the message is in Vietnamese."""


@dataclass(frozen=True)
class Scope:
    """Which tasks a report covers and which body issues it."""

    organisation: Unit | None
    unit: Unit | None
    user: object | None
    # A report that leaves the system for addresses that are nobody named on a confidential
    # document (a scheduled e-mail) never holds confidential work, whoever it is made as.
    confidential: bool = True

    def tasks(self):
        qs = Task.objects.trackable()
        if self.user is not None:
            qs = visible_tasks(Access.of(self.user), qs)
        if self.user is None or not self.confidential:
            # Run by the system (CLI without --user), or sent outside: confidential work is
            # shown only to the people named on it, so it is left out.
            qs = qs.exclude(document__confidentiality__in=SECRET_LEVELS)
        if self.unit is not None:
            qs = qs.filter(
                Q(owner__path__startswith=self.unit.path) | Q(lead_unit__path__startswith=self.unit.path)
            )
        return qs

    @property
    def is_province(self) -> bool:
        return (
            self.organisation is not None
            and self.organisation.kind == UnitKind.PROVINCE
            and (self.unit is None or self.unit.pk == self.organisation.pk)
        )

    @property
    def group_field(self) -> str:
        """A province report is tabled by commune (the task's owner); others by lead unit."""
        return "owner" if self.is_province else "lead_unit"


def find_unit(text: str) -> Unit:
    """A unit by code, exact name or short name."""
    text = (text or "").strip()
    unit = (
        Unit.objects.filter(code=text).first()
        or Unit.objects.filter(name__iexact=text).first()
        or Unit.objects.filter(short_name__iexact=text).first()
    )
    if unit is None:
        raise ScopeError(f"Không tìm thấy đơn vị {text!r} (nhập mã hoặc tên đơn vị).")
    return unit


def build_scope(user=None, unit: Unit | None = None, confidential: bool = True) -> Scope:
    """The scope for `user` (None: the whole system, as the CLI and schedules run) and `unit`;
    `confidential=False` leaves confidential work out even when `user` is named on it."""
    if user is not None and unit is not None:
        access = Access.of(user)
        if not (access.is_superuser or access.visible_units().filter(pk=unit.pk).exists()):
            raise ScopeError(f"Bạn không có quyền xem báo cáo của {unit.name}.")
    organisation = unit.organisation() if unit is not None else _default_organisation(user)
    return Scope(organisation=organisation, unit=unit, user=user, confidential=confidential)


def _default_organisation(user) -> Unit | None:
    if user is not None:
        orgs = {m.unit.organisation() for m in Access.of(user).memberships}
        if len(orgs) == 1:
            return orgs.pop()
    return Unit.objects.filter(parent__isnull=True).order_by("path").first()


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
class BudgetTotals:
    tasks: int = 0
    total: Decimal = Decimal(0)
    done_total: Decimal = Decimal(0)
    targets: int = 0


@dataclass
class ReportFigures:
    period: ReportPeriod
    scope: Scope
    as_of: datetime.date
    rates: Rates
    group_label: str
    groups: list[UnitRow]
    units: list[UnitRow]
    overdue: list[OverdueRow]
    extensions: list[ExtensionRow]
    targets: list[TargetRow]
    budget: BudgetTotals
    reminders_sent: int | None
    rankings: Rankings | None = None
    extensions_total: int = 0
    targets_total: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def organisation_name(self) -> str:
        return self.scope.organisation.name if self.scope.organisation else "Ủy ban nhân dân"

    @property
    def unit_name(self) -> str:
        unit = self.scope.unit or self.scope.organisation
        return unit.name if unit else ""


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
    extensions, extensions_total = _extensions(qs, start, end)
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
        ("nhiệm vụ được gia hạn", len(extensions), extensions_total),
        ("nhiệm vụ có chỉ tiêu, kinh phí", len(targets), budget.targets),
    ):
        if shown < total:
            notes.append(
                f"Danh sách {name} chỉ gồm {vn_int(shown)}/{vn_int(total)} dòng đầu; "
                "danh sách đầy đủ: xuất Excel danh sách nhiệm vụ."
            )
    return ReportFigures(
        notes=notes,
        period=period,
        scope=scope,
        as_of=as_of,
        rates=rates,
        group_label="Xã, phường" if scope.is_province else "Đơn vị chủ trì",
        groups=groups,
        units=units,
        overdue=overdue,
        extensions=extensions,
        extensions_total=extensions_total,
        targets=targets,
        targets_total=budget.targets,
        budget=budget,
        reminders_sent=reminders_sent(qs, start, end),
        rankings=rankings,
    )


def add_rates(a: Rates, b: Rates) -> Rates:
    """Rates are counts, so a commune's are the sum of its units' (the percentages follow)."""
    return Rates(**{name: getattr(a, name) + getattr(b, name) for name in Rates.__dataclass_fields__})


def _grouped_rates(qs, start, end, as_of) -> tuple[Rates, dict, dict]:
    """Total, by owner and by lead unit, from one query grouped by (owner, lead unit)."""
    rows = (
        annotate_status(in_period(qs, start, end), as_of)
        .order_by()
        .values("owner", "lead_unit")
        .annotate(**rate_aggregates(start, end, as_of))
    )
    total, by_owner, by_lead = Rates(), {}, {}
    for row in rows:
        owner, lead = row.pop("owner"), row.pop("lead_unit")
        rates = Rates(**row)
        total = add_rates(total, rates)
        by_owner[owner] = add_rates(by_owner.get(owner, Rates()), rates)
        by_lead[lead] = add_rates(by_lead.get(lead, Rates()), rates)
    return total, by_owner, by_lead


def _unit_rows(by_unit: dict) -> list[UnitRow]:
    ids = [pk for pk in by_unit if pk is not None]
    units = {u.pk: u for u in Unit.objects.filter(pk__in=ids).select_related("parent")}
    rows = [
        UnitRow(pk, units[pk].name, rates, units[pk].parent.name if units[pk].parent_id else "")
        for pk, rates in by_unit.items()
        if pk in units
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


def _extensions(qs, start, end) -> tuple[list[ExtensionRow], int]:
    changes = DeadlineChange.objects.filter(
        status=ChangeStatus.APPROVED,
        task__in=qs.values("pk"),
        decided_at__date__gte=start,
        decided_at__date__lte=end,
    )
    total = changes.count()
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
    return [
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
    ], total


def _targets(qs, start, end, as_of) -> tuple[list[TargetRow], BudgetTotals]:
    base = in_period(qs, start, end).filter(Q(target__gt="") | Q(budget__isnull=False))
    totals = base.aggregate(
        tasks=Count("pk", filter=Q(budget__isnull=False)),
        total=Sum("budget"),
        done_total=Sum("budget", filter=Q(state=TaskState.DONE)),
        targets=Count("pk"),
    )
    budget = BudgetTotals(
        tasks=totals["tasks"],
        total=totals["total"] or Decimal(0),
        done_total=totals["done_total"] or Decimal(0),
        targets=totals["targets"],
    )
    rows = (
        annotate_status(base, as_of)
        .annotate(percent=_latest_report("percent", by_lead_unit=False, as_of=as_of))
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
            percent=100 if r["status"] in ("done_early", "done_on_time", "done_late") else r["percent"],
        )
        for r in rows
    ], budget


def reminders_sent(qs, start, end) -> int:
    """Reminders sent in the period for the tasks in scope."""
    return Reminder.objects.filter(
        task__in=qs.values("pk"), sent_at__date__gte=start, sent_at__date__lte=end
    ).count()


def summary_rows(f: ReportFigures) -> list[tuple[str, int | Decimal | None, str]]:
    """(label, value, kind) for the summary table; kind is "count" or "percent"."""
    r = f.rates
    return [
        ("Tổng số nhiệm vụ trong kỳ", r.total, "count"),
        ("Hoàn thành đúng hạn (kể cả trước hạn)", r.done_early + r.done_on_time, "count"),
        ("Hoàn thành quá hạn", r.done_late, "count"),
        ("Đang thực hiện trong hạn", r.in_time + r.due_soon, "count"),
        ("   trong đó sắp đến hạn", r.due_soon, "count"),
        ("Quá hạn chưa hoàn thành", r.overdue, "count"),
        ("Không có thời hạn", r.no_deadline, "count"),
        ("Tạm hoãn", r.paused, "count"),
        ("Tỷ lệ hoàn thành đúng hạn (trên số đã hoàn thành)", r.on_time_rate, "percent"),
        ("Tỷ lệ quá hạn trên tổng số nhiệm vụ", r.overdue_rate_all, "percent"),
        ("Tỷ lệ quá hạn trên số nhiệm vụ đã đến hạn", r.overdue_rate_due, "percent"),
        ("Tỷ lệ cập nhật tiến độ trong kỳ", r.update_rate, "percent"),
    ]
