"""The score of one official for one period under Nghị định 335/2025/NĐ-CP, as pure functions.

    total (100) = general criteria (30, the leader's score) + task results (70)

The task results come from the official's products (sản phẩm: each task, or each occurrence of
a recurring one, assigned to them and due or completed in the period), each with a weight
("quy đổi", 1 by default) set by the leader. W is the sum of the weights; a product's share is
its weight / W. By default the 70 points split into

    quantity   20 — the share of the products completed;
    quality    30 — each completed product earns its share; one that fails its quality check
                    loses 25% of it (a product not completed has no quality to judge: 0);
    timeliness 20 — each product earns its share; a late one loses 25% of it (a product still
                    open after its deadline is late).

Both deductions are waived when an objective cause is approved for the product.

Why 20/30/20: the decree, as public sources summarise it, names the three aspects and leaves
their weights to ministries and provinces. Quality carries the most because the decree's point
is to judge officials by what their work is worth, not by how much paper they move; quantity
and timeliness weigh the same, so that finishing everything late (20 + 30 + 15 = 65) does not
outscore finishing most things on time, and so that every 25% deduction stays a round figure
of the one product's share. Every number is a setting per organisation (EvaluationRules).

A unit head's task results also carry their unit's: `leader_unit_percent` (50%) of the 70
points is the unit component, earned in full (100%) when every subordinate is at least
"Hoàn thành nhiệm vụ" and at 50% when any is "Không hoàn thành nhiệm vụ"; the three criteria
above share the rest in the same proportions (10/15/10 by default).

Each component is rounded to two decimals (half up) and the total is their sum, so the figures
printed on a sheet always add up. Bands come from the organisation's RankingFormula
(≥ 90, ≥ 70, ≥ 50); a disciplinary measure at or above the rules' floor (khiển trách) gives
"Không hoàn thành nhiệm vụ" whatever the score.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dieuhanh.evaluation.constants import (
    BAND_EXCELLENT,
    BAND_FAIL,
    BAND_GOOD,
    BAND_NONE,
    BAND_PASS,
    BAND_RANK,
    BAND_UNSCORED,
    DISCIPLINE_RANK,
    Cycle,
    Discipline,
    YearRule,
)

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def cents(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rules:
    """Every number and rule of the evaluation; the defaults are the decree's as published."""

    cycle: str = Cycle.MONTH
    general_points: Decimal = Decimal(30)
    quantity_points: Decimal = Decimal(20)
    quality_points: Decimal = Decimal(30)
    timeliness_points: Decimal = Decimal(20)
    quality_fail_percent: Decimal = Decimal(25)
    late_percent: Decimal = Decimal(25)
    waive_objective: bool = True
    excellent_min: Decimal = Decimal(90)
    good_min: Decimal = Decimal(70)
    pass_min: Decimal = Decimal(50)
    discipline_floor: str = Discipline.REPRIMAND
    excellent_quota_percent: Decimal = Decimal(20)
    leader_unit_percent: Decimal = Decimal(50)
    unit_all_pass_percent: Decimal = Decimal(100)
    unit_any_fail_percent: Decimal = Decimal(50)
    year_rule: str = YearRule.MEAN

    @property
    def task_points(self) -> Decimal:
        return self.quantity_points + self.quality_points + self.timeliness_points

    @property
    def periods_per_year(self) -> int:
        return 12 if self.cycle == Cycle.MONTH else 4

    def band(self, score: Decimal) -> str:
        if score >= self.excellent_min:
            return BAND_EXCELLENT
        if score >= self.good_min:
            return BAND_GOOD
        if score >= self.pass_min:
            return BAND_PASS
        return BAND_FAIL

    def forces_lowest_band(self, discipline: str) -> bool:
        """A measure at or above the floor ("" as floor: no measure changes the band)."""
        if not discipline or not self.discipline_floor:
            return False
        return DISCIPLINE_RANK[discipline] >= DISCIPLINE_RANK[self.discipline_floor]


@dataclass(frozen=True)
class ProductFacts:
    """What the score needs of one product."""

    weight: Decimal
    done: bool
    late: bool
    quality_failed: bool = False
    waived: bool = False


@dataclass(frozen=True)
class TaskPoints:
    quantity: Decimal
    quality: Decimal
    timeliness: Decimal
    unit: Decimal | None = None  # a unit head's unit component

    @property
    def total(self) -> Decimal:
        return self.quantity + self.quality + self.timeliness + (self.unit or 0)


def _keep(percent_lost: Decimal, deducted: bool) -> Decimal:
    return (HUNDRED - percent_lost) / HUNDRED if deducted else Decimal(1)


def product_points(
    products: Iterable[ProductFacts], rules: Rules, share: Decimal = HUNDRED
) -> TaskPoints | None:
    """The three criteria over the products, each criterion's maximum taken at `share` percent.

    None when there is no product (or their weights add up to nothing): the period is not scored.
    """
    products = list(products)
    total_weight = sum((p.weight for p in products), Decimal(0))
    if total_weight <= 0:
        return None
    scale = share / HUNDRED
    quantity = quality = timeliness = Decimal(0)
    for p in products:
        part = p.weight / total_weight
        forgiven = p.waived and rules.waive_objective
        if p.done:
            quantity += part
            quality += part * _keep(rules.quality_fail_percent, p.quality_failed and not forgiven)
        timeliness += part * _keep(rules.late_percent, p.late and not forgiven)
    return TaskPoints(
        quantity=cents(rules.quantity_points * scale * quantity),
        quality=cents(rules.quality_points * scale * quality),
        timeliness=cents(rules.timeliness_points * scale * timeliness),
    )


def unit_factor(subordinate_bands: Iterable[str], rules: Rules) -> Decimal:
    """The percent of the unit component a unit head earns: any subordinate "Không hoàn thành" → 50%."""
    if any(band == BAND_FAIL for band in subordinate_bands):
        return rules.unit_any_fail_percent
    return rules.unit_all_pass_percent


def task_points(
    products: Iterable[ProductFacts], rules: Rules, unit_percent: Decimal | None = None
) -> TaskPoints | None:
    """The task results; `unit_percent` (from `unit_factor`) for a unit head, None for anyone else."""
    if unit_percent is None:
        return product_points(products, rules)
    personal = product_points(products, rules, share=HUNDRED - rules.leader_unit_percent)
    if personal is None:
        return None
    unit = cents(rules.task_points * rules.leader_unit_percent / HUNDRED * unit_percent / HUNDRED)
    return TaskPoints(personal.quantity, personal.quality, personal.timeliness, unit)


@dataclass(frozen=True)
class Result:
    total: Decimal | None
    band: str
    reason: str  # why the band is not the score's own ("" when it is)


def result(general: Decimal | None, points: TaskPoints | None, discipline: str, rules: Rules) -> Result:
    """Total and band: the score's band, the lowest under a disciplinary measure, none without
    products or before the general criteria are scored."""
    disciplined = rules.forces_lowest_band(discipline)
    reason = f"bị kỷ luật {Discipline(discipline).label.lower()}" if disciplined else ""
    if points is None or general is None:
        unbanded = BAND_NONE if points is None else BAND_UNSCORED
        return Result(None, BAND_FAIL if disciplined else unbanded, reason)
    total = cents(general + points.total)
    return Result(total, BAND_FAIL if disciplined else rules.band(total), reason)


@dataclass(frozen=True)
class Quota:
    """The top band against the number rated "Hoàn thành tốt" and above in one unit."""

    excellent: int
    good_or_better: int
    limit_percent: Decimal

    @property
    def exceeded(self) -> bool:
        return self.excellent * HUNDRED > self.limit_percent * self.good_or_better

    @property
    def percent(self) -> Decimal | None:
        if not self.good_or_better:
            return None
        return (Decimal(self.excellent) * HUNDRED / self.good_or_better).quantize(Decimal("0.1"))


def quota(bands: Iterable[str], rules: Rules) -> Quota:
    bands = list(bands)
    return Quota(
        excellent=sum(1 for b in bands if b == BAND_EXCELLENT),
        good_or_better=sum(1 for b in bands if b in (BAND_EXCELLENT, BAND_GOOD)),
        limit_percent=rules.excellent_quota_percent,
    )


@dataclass(frozen=True)
class PeriodOutcome:
    """An approved period as the year sees it."""

    total: Decimal | None
    band: str
    disciplined: bool


@dataclass(frozen=True)
class YearResult:
    score: Decimal | None
    band: str
    rated: int  # periods with a score
    counted: int  # approved periods
    expected: int
    reason: str

    @property
    def complete(self) -> bool:
        return self.counted == self.expected


def year_result(periods: Iterable[PeriodOutcome], rules: Rules) -> YearResult:
    """The year from its approved periods: the mean of the period totals (periods without products
    left out), banded as a period is; a disciplinary measure in any period gives the lowest band,
    and under YearRule.MEAN_CAPPED a period "Không hoàn thành" caps the year at "Hoàn thành"."""
    periods = list(periods)
    totals = [p.total for p in periods if p.total is not None]
    expected = rules.periods_per_year
    disciplined = any(p.disciplined for p in periods)
    if not totals:
        band = BAND_FAIL if disciplined else BAND_NONE
        return YearResult(
            None, band, 0, len(periods), expected, "bị kỷ luật trong năm" if disciplined else ""
        )
    score = cents(sum(totals, Decimal(0)) / len(totals))
    band, reason = rules.band(score), ""
    if disciplined:
        band, reason = BAND_FAIL, "bị kỷ luật trong năm"
    elif (
        rules.year_rule == YearRule.MEAN_CAPPED
        and any(p.band == BAND_FAIL for p in periods)
        and BAND_RANK[band] > BAND_RANK[BAND_PASS]
    ):
        band, reason = BAND_PASS, "có kỳ không hoàn thành nhiệm vụ"
    return YearResult(score, band, len(totals), len(periods), expected, reason)
