"""A sheet's score from its products, its rules and (for a unit head) the unit's results; the quota.

The numbers are stored on the sheet, so every page and file reads the same ones; they are
recomputed after each change until the sheet is approved, and then never again.
"""

from dataclasses import dataclass

from dieuhanh.evaluation import scoring
from dieuhanh.evaluation.constants import BAND_EXCELLENT, BAND_GOOD, SHORT_BANDS, Stage
from dieuhanh.evaluation.models import Sheet
from dieuhanh.evaluation.rules import rules_for
from dieuhanh.reports.formatting import vn_decimal

# A sheet's band counts for its unit (the unit component, the quota) once its leader has scored it.
SCORED = (Stage.REVIEWED, Stage.APPROVED)


def subordinates(sheet: Sheet):
    """The other sheets of the period in the unit this sheet's official heads (and the units under it)."""
    return (
        Sheet.objects.filter(period=sheet.period, unit__path__startswith=sheet.unit.path)
        .exclude(pk=sheet.pk)
        .select_related("person", "unit")
    )


def unit_percent(sheet: Sheet, rules: scoring.Rules):
    if not sheet.is_head:
        return None
    return scoring.unit_factor([s.band for s in subordinates(sheet) if s.stage in SCORED], rules)


def facts(sheet: Sheet) -> list[scoring.ProductFacts]:
    return [
        scoring.ProductFacts(
            weight=p.weight, done=p.done, late=p.late, quality_failed=p.quality_failed, waived=p.forgiven
        )
        for p in sheet.products.all()
    ]


def refresh_scores(sheet: Sheet) -> None:
    """Recompute and store the sheet's score (an approved sheet keeps its own), then those of the
    unit heads above it, whose unit component reads this sheet's band. The caller sets the actor
    and holds the transaction."""
    if not sheet.is_approved:
        _store(sheet)
    if not sheet.is_head:
        heads = Sheet.objects.filter(period=sheet.period, is_head=True).exclude(stage=Stage.APPROVED)
        for head in heads.select_related("unit", "period__organisation"):
            if sheet.unit.path.startswith(head.unit.path):
                _store(head)


def _store(sheet: Sheet) -> None:
    rules = rules_for(sheet.period.organisation)
    percent = unit_percent(sheet, rules)
    points = scoring.task_points(facts(sheet), rules, percent)
    outcome = scoring.result(sheet.general_points, points, sheet.discipline, rules)
    sheet.quantity_points = points.quantity if points else None
    sheet.quality_points = points.quality if points else None
    sheet.timeliness_points = points.timeliness if points else None
    sheet.unit_points = points.unit if points else None
    sheet.unit_percent = percent
    sheet.task_points = scoring.cents(points.total) if points else None
    sheet.total, sheet.band, sheet.band_reason = outcome.total, outcome.band, outcome.reason
    sheet.save()


@dataclass(frozen=True)
class QuotaCheck:
    quota: scoring.Quota
    unscored: int  # sheets of the unit not yet scored by their leader
    unit_name: str
    band: str  # the band of the sheet about to be approved

    @property
    def warning(self) -> str:
        """The Vietnamese warning shown before approving a sheet in the top band ("" within the quota:
        approving any other band only lowers the unit's share)."""
        q = self.quota
        if self.band != BAND_EXCELLENT or not q.exceeded:
            return ""
        text = (
            f"{self.unit_name}: {q.excellent}/{q.good_or_better} công chức xếp loại "
            f"“{BAND_GOOD}” trở lên được đề xuất “{BAND_EXCELLENT}” ({vn_decimal(q.percent)}%), "
            f"vượt tỷ lệ tối đa {vn_decimal(q.limit_percent, 0)}%."
        )
        if self.unscored:
            text += f" Còn {self.unscored} phiếu của đơn vị chưa được lãnh đạo trực tiếp đánh giá."
        return text


def quota_check(sheet: Sheet) -> QuotaCheck:
    """The unit's quota with this sheet's band, over the sheets its leader has already scored."""
    rules = rules_for(sheet.period.organisation)
    peers = list(Sheet.objects.filter(period=sheet.period, unit=sheet.unit).exclude(pk=sheet.pk))
    bands = [p.band for p in peers if p.stage in SCORED] + [sheet.band]
    unscored = sum(1 for p in peers if p.stage not in SCORED)
    return QuotaCheck(scoring.quota(bands, rules), unscored, sheet.unit.name, sheet.band)


def unit_quota(sheets: list[Sheet], rules: scoring.Rules) -> scoring.Quota:
    """The quota over a unit's scored sheets (for the summary page)."""
    return scoring.quota([s.band for s in sheets if s.stage in SCORED], rules)


def short_band(band: str) -> str:
    return SHORT_BANDS.get(band, band)
