"""Rankings of units and people in charge (xếp loại), Nghị định 335/2025 by default.

A unit or person is scored only on the tasks that fell due: those completed in the period,
and those still open past their deadline on the day judged. Tasks not yet due, without a
deadline, paused, or whose completion awaits the leader's approval are listed apart and
never lower a score; with nothing due there is no score and no band, only "Không có nhiệm
vụ đến hạn".

A counted task scores its progress: 100 when done, otherwise the latest reported percent.
A late one (done late, or open past its deadline) loses the formula's penalty (25%) of that
score, unless an objective cause was approved for it (`reports.waivers`) and the province
forgives those. The score is the average, graded by the bands 90/70/50. Every row carries
the tasks behind it and a sentence that names the late and the waived ones.

One query reads the tasks of the period with their status, progress and waiver; the rows
are summed here, so the score and its explanation come from the same list.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, NullIf, Substr

from dieuhanh.org.models import Membership, Unit
from dieuhanh.reports.constants import BAND_EXCELLENT, BAND_FAIL, BAND_GOOD, BAND_PASS, NOTHING_DUE
from dieuhanh.reports.formatting import vn_date, vn_decimal, vn_int
from dieuhanh.reports.waivers import annotate_waivers, is_waived, waivers_of
from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.models import ProgressReport, Task
from dieuhanh.tasks.rates import in_period
from dieuhanh.tasks.status import DONE_STATUSES, Status, annotate_status

SHORT_BANDS = {
    BAND_EXCELLENT: "Hoàn thành xuất sắc",
    BAND_GOOD: "Hoàn thành tốt",
    BAND_PASS: "Hoàn thành",
    BAND_FAIL: "Không hoàn thành",
}
DONE_LABELS = {s.label for s in DONE_STATUSES}
# Tasks kept with each row for the page and the .xlsx (the explanation counts them all).
DETAIL_LIMIT = 200
# Late and waived tasks named in the explanation sentence.
NAMED_LIMIT = 5
SUMMARY_CHARS = 160


@dataclass(frozen=True)
class Formula:
    excellent_min: Decimal = Decimal(90)
    good_min: Decimal = Decimal(70)
    pass_min: Decimal = Decimal(50)
    late_penalty_percent: Decimal = Decimal(25)
    forgive_objective: bool = True

    def band(self, score: Decimal | None) -> str:
        if score is None:
            return NOTHING_DUE
        if score >= self.excellent_min:
            return BAND_EXCELLENT
        if score >= self.good_min:
            return BAND_GOOD
        if score >= self.pass_min:
            return BAND_PASS
        return BAND_FAIL

    def describe(self) -> str:
        forgiven = (
            "không trừ khi trễ hạn do nguyên nhân khách quan đã được lãnh đạo duyệt (trong thời hạn được gia hạn)"
            if self.forgive_objective
            else "trừ cả khi trễ hạn do nguyên nhân khách quan"
        )
        return (
            "Chỉ tính các nhiệm vụ đã đến hạn: hoàn thành trong kỳ, hoặc chưa hoàn thành mà đã quá hạn tại "
            "ngày xét; nhiệm vụ chưa đến hạn, không có thời hạn, tạm hoãn hoặc đang chờ xác nhận hoàn thành "
            "được liệt kê riêng, không làm giảm điểm; đơn vị, cá nhân không có nhiệm vụ đến hạn thì không "
            f"xếp loại ({NOTHING_DUE.lower()}). Điểm mỗi nhiệm vụ theo tiến độ (hoàn thành = 100, chưa "
            "hoàn thành = tỷ lệ % báo cáo gần nhất); mỗi nhiệm vụ trễ hạn bị trừ "
            f"{vn_decimal(self.late_penalty_percent, 0)}% điểm, {forgiven}; điểm là trung bình các nhiệm "
            f"vụ được tính. Từ {vn_decimal(self.excellent_min, 0)} điểm: {BAND_EXCELLENT}; từ "
            f"{vn_decimal(self.good_min, 0)}: {BAND_GOOD}; từ {vn_decimal(self.pass_min, 0)}: {BAND_PASS}; "
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
class ScoredTask:
    """One task as the rankings see it: counted or not, and why."""

    task_id: int
    summary: str
    deadline: datetime.date | None  # the one judged: the original for a done task
    completed_on: datetime.date | None
    status: str  # the Status label on the day judged
    counted: bool
    late: bool
    waiver: str  # the approved objective cause, in words ("" when none)
    waived: bool  # the lateness is not penalised
    progress: int
    points: Decimal | None  # None when not counted
    note: str  # in words: why it is not counted, or how its points came

    @property
    def penalised(self) -> bool:
        return self.late and not self.waived


@dataclass(frozen=True)
class RankingRow:
    key: int
    name: str
    detail: str
    counted: int  # tasks due or completed in the period: the score's
    done: int
    late: int
    waived: int  # late tasks whose objective cause was approved and forgiven
    apart: int  # tasks listed apart (not yet due, no deadline, paused, awaiting approval)
    score: Decimal | None
    band: str
    explanation: str
    tasks: list[ScoredTask]  # the counted ones first, at most DETAIL_LIMIT

    @property
    def short_band(self) -> str:
        return SHORT_BANDS.get(self.band, self.band)


@dataclass(frozen=True)
class Rankings:
    formula: Formula
    units: list[RankingRow]
    people: list[RankingRow]
    unit_label: str
    as_of: datetime.date | None = None


def _rows_of_tasks(queryset, start, end, as_of, unit_field: str):
    latest_percent = (
        ProgressReport.objects.filter(task_id=OuterRef("pk"), reported_on__lte=as_of)
        .order_by("-reported_on", "-id")
        .values("percent")[:1]
    )
    qs = annotate_waivers(annotate_status(in_period(queryset, start, end), as_of), as_of)
    return qs.annotate(
        progress=Case(
            When(status__in=[s.value for s in DONE_STATUSES], then=Value(100)),
            default=Coalesce(Subquery(latest_percent), Value(0)),
            output_field=IntegerField(),
        ),
        short=Coalesce(NullIf("summary", Value("")), Substr("text", 1, SUMMARY_CHARS)),
    ).values(
        "pk",
        "short",
        "state",
        "status",
        "deadline",
        "original_deadline",
        "completed_on",
        "progress",
        "waived_until",
        unit_field,
    )


def _scored(row: dict, as_of: datetime.date, formula: Formula, waivers: dict) -> ScoredTask:
    status = Status(row["status"])
    done = status in DONE_STATUSES
    deadline = (row["original_deadline"] or row["deadline"]) if done else row["deadline"]
    if row["state"] == TaskState.AWAITING_APPROVAL:
        counted, note = (
            False,
            f"chờ lãnh đạo xác nhận hoàn thành (đơn vị báo ngày {vn_date(row['completed_on'])})",
        )
    elif status == Status.PAUSED:
        counted, note = False, "tạm hoãn"
    elif status == Status.NO_DEADLINE:
        counted, note = False, "không có thời hạn"
    elif status in (Status.IN_TIME, Status.DUE_SOON):
        counted, note = False, f"chưa đến hạn (hạn {vn_date(deadline)})"
    else:
        counted, note = True, ""
    late = counted and status in (Status.DONE_LATE, Status.OVERDUE)
    judged_on = row["completed_on"] if done else as_of
    waived_here = is_waived(late, judged_on, row["waived_until"])
    waiver = waivers[row["pk"]].describe() if waived_here else ""
    forgiven = waived_here and formula.forgive_objective
    points = None
    if counted:
        points = Decimal(row["progress"])
        if late and not forgiven:
            points -= points * formula.late_penalty_percent / 100
        what = (
            f"hoàn thành ngày {vn_date(row['completed_on'])}"
            if done and row["completed_on"]
            else ("hoàn thành" if done else f"quá hạn từ {vn_date(deadline)}, tiến độ {row['progress']}%")
        )
        note = f"{what}; {vn_decimal(points)} điểm"
        if late and not done:
            note = f"{what}; trừ {vn_decimal(formula.late_penalty_percent, 0)}% → {vn_decimal(points)} điểm"
        elif late:
            penalty = "không trừ" if forgiven else f"trừ {vn_decimal(formula.late_penalty_percent, 0)}%"
            note = f"{what}, sau hạn {vn_date(deadline)}; {penalty} → {vn_decimal(points)} điểm"
    return ScoredTask(
        task_id=row["pk"],
        summary=row["short"] or "",
        deadline=deadline,
        completed_on=row["completed_on"] if done else None,
        status=status.label,
        counted=counted,
        late=late,
        waiver=waiver,
        waived=forgiven,
        progress=row["progress"],
        points=points,
        note=note,
    )


def _named(tasks: list[ScoredTask]) -> str:
    names = [f"“{t.summary}” ({t.note})" for t in tasks[:NAMED_LIMIT]]
    if len(tasks) > NAMED_LIMIT:
        names.append(f"và {vn_int(len(tasks) - NAMED_LIMIT)} nhiệm vụ khác")
    return "; ".join(names)


def explain(tasks: list[ScoredTask], score: Decimal | None, band: str, formula: Formula) -> str:
    """The sentence beside a score: what counted, what was late, which causes were waived, what was apart."""
    counted = [t for t in tasks if t.counted]
    apart = [t for t in tasks if not t.counted]
    parts = []
    if counted:
        done = sum(1 for t in counted if t.status in DONE_LABELS)
        parts.append(
            f"Tính {vn_int(len(counted))} nhiệm vụ đến hạn hoặc hoàn thành trong kỳ ({vn_int(done)} hoàn thành)"
        )
        penalised = [t for t in counted if t.penalised]
        waived = [t for t in counted if t.waiver]
        if penalised:
            penalty = vn_decimal(formula.late_penalty_percent, 0)
            parts.append(
                f"{vn_int(len(penalised))} trễ hạn, trừ {penalty}% mỗi nhiệm vụ: {_named(penalised)}"
            )
        if waived:
            rule = "không trừ" if formula.forgive_objective else "vẫn trừ theo công thức xếp loại"
            listed = "; ".join(f"“{t.summary}” ({t.waiver})" for t in waived[:NAMED_LIMIT])
            more = (
                f"; và {vn_int(len(waived) - NAMED_LIMIT)} nhiệm vụ khác" if len(waived) > NAMED_LIMIT else ""
            )
            parts.append(
                f"{vn_int(len(waived))} trễ hạn có nguyên nhân khách quan đã được duyệt, {rule}: {listed}{more}"
            )
        if not penalised and not waived:
            parts.append("không trễ hạn")
        result = f"→ {vn_decimal(score)} điểm → {SHORT_BANDS[band]}"
    else:
        parts.append("Không có nhiệm vụ đến hạn hoặc hoàn thành trong kỳ")
        result = "→ không xếp loại"
    text = "; ".join(parts) + f" {result}."
    if apart:
        reasons = defaultdict(int)
        for t in apart:
            reasons[t.note.split(" (")[0]] += 1
        listed = ", ".join(f"{vn_int(n)} {reason}" for reason, n in reasons.items())
        text += f" Chưa tính {vn_int(len(apart))} nhiệm vụ: {listed}."
    return text


def _row(key, name: str, detail: str, tasks: list[ScoredTask], formula: Formula) -> RankingRow:
    counted = [t for t in tasks if t.counted]
    score = None
    if counted:
        total = sum((t.points for t in counted), Decimal(0))
        score = (total / len(counted)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    band = formula.band(score)
    ordered = sorted(
        tasks, key=lambda t: (not t.counted, not t.late, t.deadline or datetime.date.max, t.task_id)
    )
    return RankingRow(
        key=key,
        name=name,
        detail=detail,
        counted=len(counted),
        done=sum(1 for t in counted if t.status in DONE_LABELS),
        late=sum(1 for t in counted if t.late),
        waived=sum(1 for t in counted if t.waived),
        apart=len(tasks) - len(counted),
        score=score,
        band=band,
        explanation=explain(ordered, score, band, formula),
        tasks=ordered[:DETAIL_LIMIT],
    )


def _sorted(rows: list[RankingRow]) -> list[RankingRow]:
    return sorted(rows, key=lambda r: (r.score is None, -(r.score or 0), r.name))


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
    rows = list(_rows_of_tasks(queryset, start, end, as_of, unit_field))
    waivers = waivers_of([r["pk"] for r in rows if r["waived_until"]], as_of)
    scored = {r["pk"]: _scored(r, as_of, formula, waivers) for r in rows}
    by_unit: dict[int, list[ScoredTask]] = defaultdict(list)
    for r in rows:
        by_unit[r[unit_field]].append(scored[r["pk"]])
    by_person: dict[int, list[ScoredTask]] = defaultdict(list)
    links = Task.assignees.through.objects.filter(task_id__in=list(scored)).values_list("task_id", "user_id")
    for task_id, user_id in links.iterator(chunk_size=5000):
        by_person[user_id].append(scored[task_id])
    units = Unit.objects.filter(pk__in=list(by_unit)).select_related("parent")
    unit_rows = [
        _row(u.pk, u.name, u.parent.name if u.parent_id else "", by_unit[u.pk], formula) for u in units
    ]
    where: dict[int, list[str]] = defaultdict(list)
    for user_id, unit_name in Membership.objects.filter(user_id__in=list(by_person)).values_list(
        "user_id", "unit__name"
    ):
        where[user_id].append(unit_name)
    people = get_user_model().objects.filter(pk__in=list(by_person))
    person_rows = [
        _row(p.pk, str(p), ", ".join(sorted(where[p.pk])), by_person[p.pk], formula) for p in people
    ]
    return Rankings(
        formula=formula,
        units=_sorted(unit_rows),
        people=_sorted(person_rows),
        unit_label="Xã, phường" if unit_field == "owner" else "Đơn vị chủ trì",
        as_of=as_of,
    )
