"""The rules an organisation evaluates its officials by: its RankingFormula and EvaluationRules.

Both are looked for at the organisation and then up the tree (a province's rules apply to its
communes until a commune sets its own); the decree's published defaults fill whatever is unset.
"""

from dataclasses import asdict, fields
from decimal import Decimal

from dieuhanh.evaluation.models import EvaluationRules
from dieuhanh.evaluation.scoring import Rules
from dieuhanh.org.models import Unit
from dieuhanh.reports.models import RankingFormula

FROM_FORMULA = {
    "excellent_min": "excellent_min",
    "good_min": "good_min",
    "pass_min": "pass_min",
    "late_percent": "late_penalty_percent",
    "waive_objective": "forgive_objective",
}
FROM_RULES = [
    f.name for f in fields(Rules) if f.name not in FROM_FORMULA and hasattr(EvaluationRules, f.name)
]


def rules_for(organisation: Unit) -> Rules:
    chain = organisation.ancestor_ids() or [organisation.pk]
    values = {}
    formula = RankingFormula.objects.filter(organisation_id__in=chain).order_by("-organisation__path").first()
    if formula is not None:
        values.update({mine: getattr(formula, theirs) for mine, theirs in FROM_FORMULA.items()})
    own = (
        EvaluationRules.objects.filter(formula__organisation_id__in=chain)
        .order_by("-formula__organisation__path")
        .first()
    )
    if own is not None:
        values.update({name: getattr(own, name) for name in FROM_RULES})
    return Rules(**values)


def rules_snapshot(rules: Rules) -> dict:
    """The rules as JSON, kept with an approved sheet."""
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in asdict(rules).items()}


def rules_from_snapshot(data: dict) -> Rules:
    kinds = {f.name: f.type for f in fields(Rules)}
    values = {}
    for name, value in data.items():
        if name in kinds:
            values[name] = Decimal(value) if kinds[name] is Decimal else value
    return Rules(**values)
