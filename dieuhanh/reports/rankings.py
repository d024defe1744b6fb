"""Rankings of units and people in charge (xếp loại), Nghị định 335/2025 by default.

A task scores its progress: 100 when done, otherwise the latest reported
percent. A late task (done late, or open past its deadline) loses the
formula's penalty (25%) of that score, unless its delay was approved as
objective and the province forgives those. A unit's or person's score is the
average over their tasks, graded by the bands 90/70/50. Every score comes
with a Vietnamese sentence that explains it.

The scores are aggregated in SQL, one grouped query per table.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from dieuhanh.org.models import Membership, Unit
from dieuhanh.reports.constants import BAND_EXCELLENT, BAND_FAIL, BAND_GOOD, BAND_PASS
from dieuhanh.reports.formatting import vn_decimal
from dieuhanh.tasks.constants import ChangeStatus, TaskState
from dieuhanh.tasks.models import DeadlineChange, ProgressReport
from dieuhanh.tasks.rates import in_period
from dieuhanh.tasks.status import DONE_STATUSES, Status, annotate_status

LATE_STATUSES = (Status.DONE_LATE.value, Status.OVERDUE.value)
SHORT_BANDS = {
    BAND_EXCELLENT: "Hoàn thành xuất sắc",
    BAND_GOOD: "Hoàn thành tốt",
    BAND_PASS: "Hoàn thành",
    BAND_FAIL: "Không hoàn thành",
}


@dataclass(frozen=True)
class Formula:
    excellent_min: Decimal = Decimal(90)
    good_min: Decimal = Decimal(70)
    pass_min: Decimal = Decimal(50)
    late_penalty_percent: Decimal = Decimal(25)
    forgive_objective: bool = True

    def band(self, score: Decimal) -> str:
        if score >= self.excellent_min:
            return BAND_EXCELLENT
        if score >= self.good_min:
            return BAND_GOOD
        if score >= self.pass_min:
            return BAND_PASS
        return BAND_FAIL

    def describe(self) -> str:
        forgiven = (
            "không trừ khi trễ hạn do nguyên nhân khách quan đã được duyệt"
            if self.forgive_objective
            else "trừ cả khi trễ hạn do nguyên nhân khách quan"
        )
        return (
            "Điểm mỗi nhiệm vụ theo tiến độ (hoàn thành = 100, đang thực hiện = tỷ lệ % báo cáo gần nhất); "
            f"mỗi nhiệm vụ trễ hạn bị trừ {vn_decimal(self.late_penalty_percent, 0)}% điểm, {forgiven}; "
            f"từ {vn_decimal(self.excellent_min, 0)} điểm: {BAND_EXCELLENT}; "
            f"từ {vn_decimal(self.good_min, 0)}: {BAND_GOOD}; từ {vn_decimal(self.pass_min, 0)}: {BAND_PASS}; "
            f"dưới {vn_decimal(self.pass_min, 0)}: {BAND_FAIL}."
        )


def formula_for(unit: Unit | None) -> Formula:
    """The formula of the nearest organisation at or above `unit` that has one; the default otherwise."""
    from dieuhanh.reports.models import RankingFormula

    if unit is None:
        return Formula()
    found = (
        RankingFormula.objects.filter(organisation_id__in=unit.ancestor_ids() or [unit.pk])
        .select_related("organisation")
        .order_by("-organisation__path")
        .first()
    )
    if found is None:
        return Formula()
    return Formula(
        excellent_min=found.excellent_min,
        good_min=found.good_min,
        pass_min=found.pass_min,
        late_penalty_percent=found.late_penalty_percent,
        forgive_objective=found.forgive_objective,
    )


@dataclass(frozen=True)
class RankingRow:
    key: int
    name: str
    detail: str
    tasks: int
    done: int
    late: int
    forgiven: int
    score: Decimal
    band: str
    explanation: str


@dataclass(frozen=True)
class Rankings:
    formula: Formula
    units: list[RankingRow]
    people: list[RankingRow]
    unit_label: str


def _scored(queryset, start: datetime.date, end: datetime.date, as_of: datetime.date):
    latest_percent = (
        ProgressReport.objects.filter(task_id=OuterRef("pk"), reported_on__lte=as_of)
        .order_by("-reported_on", "-id")
        .values("percent")[:1]
    )
    objective = DeadlineChange.objects.filter(
        task_id=OuterRef("pk"), status=ChangeStatus.APPROVED, objective=True
    )
    qs = annotate_status(in_period(queryset, start, end).exclude(state=TaskState.PAUSED), as_of)
    return qs.annotate(
        progress=Case(
            When(state=TaskState.DONE, then=Value(100)),
            default=Coalesce(latest_percent, Value(0)),
            output_field=IntegerField(),
        ),
        objective_delay=Exists(objective),
    )


def _aggregates() -> dict:
    late = Q(status__in=LATE_STATUSES)
    forgiven = late & Q(objective_delay=True)
    return {
        "tasks": Count("pk"),
        "done": Count("pk", filter=Q(status__in=[s.value for s in DONE_STATUSES])),
        "late": Count("pk", filter=late),
        "forgiven": Count("pk", filter=forgiven),
        "progress_sum": Sum("progress"),
        "late_progress": Sum("progress", filter=late & Q(objective_delay=False)),
        "forgiven_progress": Sum("progress", filter=forgiven),
    }


def _score(row: dict, formula: Formula) -> tuple[Decimal, int]:
    """The average score and the number of penalised tasks."""
    penalised_progress = row["late_progress"] or 0
    penalised = row["late"] - row["forgiven"]
    if not formula.forgive_objective:
        penalised_progress += row["forgiven_progress"] or 0
        penalised = row["late"]
    loss = Decimal(penalised_progress) * formula.late_penalty_percent / 100
    score = (Decimal(row["progress_sum"] or 0) - loss) / row["tasks"]
    return score.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), penalised


def explain(row: dict, score: Decimal, penalised: int, band: str, formula: Formula) -> str:
    """ "12 nhiệm vụ; 2 trễ hạn (trừ 25% mỗi nhiệm vụ) → 86,5 điểm → Hoàn thành tốt"."""
    parts = [f"{row['tasks']} nhiệm vụ ({row['done']} hoàn thành)"]
    penalty = vn_decimal(formula.late_penalty_percent, 0)
    if not row["late"]:
        parts.append("không trễ hạn")
    elif row["forgiven"] and formula.forgive_objective:
        parts.append(
            f"{row['late']} trễ hạn, trong đó {row['forgiven']} do nguyên nhân khách quan (không trừ), "
            f"{penalised} trừ {penalty}% mỗi nhiệm vụ"
        )
    else:
        parts.append(f"{row['late']} trễ hạn (trừ {penalty}% mỗi nhiệm vụ)")
    return f"{'; '.join(parts)} → {vn_decimal(score)} điểm → {SHORT_BANDS[band]}"


def _rows(grouped, formula: Formula, names: dict[int, tuple[str, str]]) -> list[RankingRow]:
    rows = []
    for row in grouped:
        key = row["key"]
        if key is None or key not in names or not row["tasks"]:
            continue
        score, penalised = _score(row, formula)
        band = formula.band(score)
        name, detail = names[key]
        rows.append(
            RankingRow(
                key=key,
                name=name,
                detail=detail,
                tasks=row["tasks"],
                done=row["done"],
                late=row["late"],
                forgiven=row["forgiven"],
                score=score,
                band=band,
                explanation=explain(row, score, penalised, band, formula),
            )
        )
    return sorted(rows, key=lambda r: (-r.score, r.name))


def compute_rankings(
    queryset,
    start: datetime.date,
    end: datetime.date,
    as_of: datetime.date,
    formula: Formula | None = None,
    unit_field: str = "lead_unit",
) -> Rankings:
    """Rankings of the units in `unit_field` ("lead_unit", or "owner" for communes) and of assignees."""
    formula = formula or Formula()
    scored = _scored(queryset, start, end, as_of)
    by_unit = list(scored.order_by().values(key=F(unit_field)).annotate(**_aggregates()))
    by_person = list(scored.order_by().values(key=F("assignees")).annotate(**_aggregates()))
    units = Unit.objects.filter(pk__in=[r["key"] for r in by_unit if r["key"]]).select_related("parent")
    unit_names = {u.pk: (u.name, u.parent.name if u.parent_id else "") for u in units}
    user_ids = [r["key"] for r in by_person if r["key"]]
    people = get_user_model().objects.filter(pk__in=user_ids)
    where: dict[int, list[str]] = {}
    for user_id, unit_name in Membership.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "unit__name"
    ):
        where.setdefault(user_id, []).append(unit_name)
    person_names = {p.pk: (str(p), ", ".join(sorted(where.get(p.pk, [])))) for p in people}
    return Rankings(
        formula=formula,
        units=_rows(by_unit, formula, unit_names),
        people=_rows(by_person, formula, person_names),
        unit_label="Xã, phường" if unit_field == "owner" else "Đơn vị chủ trì",
    )
