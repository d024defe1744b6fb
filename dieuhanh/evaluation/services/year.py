"""The year-end result of each official from the approved sheets of the year's periods.

The rule (`scoring.year_result`): the mean of the approved period totals, periods without a
product left out, banded as a period is; a disciplinary measure in any period gives the lowest
band; the organisation may cap the year at "Hoàn thành nhiệm vụ" after a failed period
(YearRule.MEAN_CAPPED). A year with periods still unapproved is shown as provisional.
"""

from dataclasses import dataclass

from dieuhanh.evaluation import scoring
from dieuhanh.evaluation.constants import Stage
from dieuhanh.evaluation.models import Sheet
from dieuhanh.evaluation.rules import rules_for
from dieuhanh.org.models import Unit


@dataclass(frozen=True)
class YearRow:
    person: object
    unit: Unit
    title: str
    periods: list  # one entry per period of the year: the approved Sheet, or None
    result: scoring.YearResult


def year_rows(organisation: Unit, year: int, sheets) -> tuple[scoring.Rules, list[YearRow]]:
    """The rows of the officials having a sheet in `sheets` (already narrowed to what the person may see)."""
    rules = rules_for(organisation)
    chosen = (
        sheets.filter(period__organisation=organisation, period__year=year, period__cycle=rules.cycle)
        .select_related("person", "unit", "period")
        .order_by("unit__path", "-is_head", "person__full_name", "period__number")
    )
    by_person: dict[int, list[Sheet]] = {}
    for sheet in chosen:
        by_person.setdefault(sheet.person_id, []).append(sheet)
    rows = []
    for person_sheets in by_person.values():
        latest = person_sheets[-1]
        approved = {s.period.number: s for s in person_sheets if s.stage == Stage.APPROVED}
        outcomes = [
            scoring.PeriodOutcome(s.total, s.band, rules.forces_lowest_band(s.discipline))
            for s in approved.values()
        ]
        rows.append(
            YearRow(
                person=latest.person,
                unit=latest.unit,
                title=latest.title,
                periods=[approved.get(n) for n in range(1, rules.periods_per_year + 1)],
                result=scoring.year_result(outcomes, rules),
            )
        )
    return rules, rows
