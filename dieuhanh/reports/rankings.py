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
# Tasks kept with each row for the page and the .xlsx (the explanation counts them all): the
# counted ones first, the late ones first among them.
DETAIL_LIMIT = 100
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


@dataclass(frozen=True, slots=True)
class _Judged:
    """One task weighed, before any words are written about it (most tasks of a large ranking
    are only counted; the words are written for the ones listed)."""

    row: dict
    status: Status
    deadline: datetime.date | None
    counted: bool
    apart: str  # why it is not counted ("" when counted)
    late: bool
    waived: bool  # an approved objective cause covers the lateness
    forgiven: bool  # ... and the formula forgives it
    points: Decimal | None

    @property
    def done(self) -> bool:
        return self.status in DONE_STATUSES

    @property
    def penalised(self) -> bool:
        return self.late and not self.forgiven


def _judge(row: dict, as_of: datetime.date, formula: Formula) -> _Judged:
    status = Status(row["status"])
    done = status in DONE_STATUSES
    deadline = (row["original_deadline"] or row["deadline"]) if done else row["deadline"]
    if row["state"] == TaskState.AWAITING_APPROVAL:
        apart = "chờ lãnh đạo xác nhận hoàn thành"
    elif status == Status.PAUSED:
        apart = "tạm hoãn"
    elif status == Status.NO_DEADLINE:
        apart = "không có thời hạn"
    elif status in (Status.IN_TIME, Status.DUE_SOON):
        apart = "chưa đến hạn"
    else:
        apart = ""
    counted = not apart
    late = counted and status in (Status.DONE_LATE, Status.OVERDUE)
    waived = is_waived(late, row["completed_on"] if done else as_of, row["waived_until"])
    forgiven = waived and formula.forgive_objective
    points = None
    if counted:
        points = Decimal(row["progress"])
        if late and not forgiven:
            points -= points * formula.late_penalty_percent / 100
    return _Judged(row, status, deadline, counted, apart, late, waived, forgiven, points)


def _note(j: _Judged, formula: Formula) -> str:
    row = j.row
    if j.apart == "chờ lãnh đạo xác nhận hoàn thành":
        return f"{j.apart} (đơn vị báo ngày {vn_date(row['completed_on'])})"
    if j.apart == "chưa đến hạn":
        return f"{j.apart} (hạn {vn_date(j.deadline)})"
    if j.apart:
        return j.apart
    penalty = f"trừ {vn_decimal(formula.late_penalty_percent, 0)}%"
    if not j.done:
        return f"quá hạn từ {vn_date(j.deadline)}, tiến độ {row['progress']}%; {penalty} → {vn_decimal(j.points)} điểm"
    what = f"hoàn thành ngày {vn_date(row['completed_on'])}" if row["completed_on"] else "hoàn thành"
    if j.late:
        return f"{what}, sau hạn {vn_date(j.deadline)}; {'không trừ' if j.forgiven else penalty} → {vn_decimal(j.points)} điểm"
    return f"{what}; {vn_decimal(j.points)} điểm"


class _Words:
    """The ScoredTask of each task, written once and only for the tasks a row lists."""

    def __init__(self, formula: Formula, waivers: dict):
        self.formula, self.waivers, self.made = formula, waivers, {}

    def __call__(self, j: _Judged) -> ScoredTask:
        task_id = j.row["pk"]
        if task_id not in self.made:
            self.made[task_id] = ScoredTask(
                task_id=task_id,
                summary=j.row["short"] or "",
                deadline=j.deadline,
                completed_on=j.row["completed_on"] if j.done else None,
                status=j.status.label,
                counted=j.counted,
                late=j.late,
                waiver=self.waivers[task_id].describe() if j.waived else "",
                waived=j.forgiven,
                progress=j.row["progress"],
                points=j.points,
                note=_note(j, self.formula),
            )
        return self.made[task_id]


def _named(tasks: list[ScoredTask], total: int, what) -> str:
    names = [f"“{t.summary}” ({what(t)})" for t in tasks]
    if total > len(tasks):
        names.append(f"và {vn_int(total - len(tasks))} nhiệm vụ khác")
    return "; ".join(names)


def explain(judged: list[_Judged], words: _Words, score: Decimal | None, band: str, formula: Formula) -> str:
    """The sentence beside a score: what counted, what was late, which causes were waived, what was apart."""
    counted = [j for j in judged if j.counted]
    apart = [j for j in judged if not j.counted]
    parts = []
    if counted:
        done = sum(1 for j in counted if j.done)
        parts.append(
            f"Tính {vn_int(len(counted))} nhiệm vụ đến hạn hoặc hoàn thành trong kỳ ({vn_int(done)} hoàn thành)"
        )
        penalised = [j for j in counted if j.penalised]
        waived = [j for j in counted if j.waived]
        if penalised:
            listed = [words(j) for j in penalised[:NAMED_LIMIT]]
            parts.append(
                f"{vn_int(len(penalised))} trễ hạn, trừ {vn_decimal(formula.late_penalty_percent, 0)}% mỗi nhiệm vụ: "
                + _named(listed, len(penalised), lambda t: t.note)
            )
        if waived:
            rule = "không trừ" if formula.forgive_objective else "vẫn trừ theo công thức xếp loại"
            listed = [words(j) for j in waived[:NAMED_LIMIT]]
            parts.append(
                f"{vn_int(len(waived))} trễ hạn có nguyên nhân khách quan đã được duyệt, {rule}: "
                + _named(listed, len(waived), lambda t: t.waiver)
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
        for j in apart:
            reasons[j.apart] += 1
        listed = ", ".join(f"{vn_int(n)} {reason}" for reason, n in reasons.items())
        text += f" Chưa tính {vn_int(len(apart))} nhiệm vụ: {listed}."
    return text


def _row(key, name: str, detail: str, judged: list[_Judged], words: _Words, formula: Formula) -> RankingRow:
    counted = [j for j in judged if j.counted]
    score = None
    if counted:
        total = sum((j.points for j in counted), Decimal(0))
        score = (total / len(counted)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    band = formula.band(score)
    ordered = sorted(
        judged, key=lambda j: (not j.counted, not j.late, j.deadline or datetime.date.max, j.row["pk"])
    )
    return RankingRow(
        key=key,
        name=name,
        detail=detail,
        counted=len(counted),
        done=sum(1 for j in counted if j.done),
        late=sum(1 for j in counted if j.late),
        waived=sum(1 for j in counted if j.forgiven),
        apart=len(judged) - len(counted),
        score=score,
        band=band,
        explanation=explain(ordered, words, score, band, formula),
        tasks=[words(j) for j in ordered[:DETAIL_LIMIT]],
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
    words = _Words(formula, waivers_of([r["pk"] for r in rows if r["waived_until"]], as_of))
    scored = {r["pk"]: _judge(r, as_of, formula) for r in rows}
    by_unit: dict[int, list[_Judged]] = defaultdict(list)
    for r in rows:
        by_unit[r[unit_field]].append(scored[r["pk"]])
    by_person: dict[int, list[_Judged]] = defaultdict(list)
    links = Task.assignees.through.objects.filter(task_id__in=list(scored)).values_list("task_id", "user_id")
    for task_id, user_id in links.iterator(chunk_size=5000):
        by_person[user_id].append(scored[task_id])
    units = Unit.objects.filter(pk__in=list(by_unit)).select_related("parent")
    unit_rows = [
        _row(u.pk, u.name, u.parent.name if u.parent_id else "", by_unit[u.pk], words, formula) for u in units
    ]
    where: dict[int, list[str]] = defaultdict(list)
    for user_id, unit_name in Membership.objects.filter(user_id__in=list(by_person)).values_list(
        "user_id", "unit__name"
    ):
        where[user_id].append(unit_name)
    people = get_user_model().objects.filter(pk__in=list(by_person))
    person_rows = [
        _row(p.pk, str(p), ", ".join(sorted(where[p.pk])), by_person[p.pk], words, formula) for p in people
    ]
    return Rankings(
        formula=formula,
        units=_sorted(unit_rows),
        people=_sorted(person_rows),
        unit_label="Xã, phường" if unit_field == "owner" else "Đơn vị chủ trì",
        as_of=as_of,
    )
