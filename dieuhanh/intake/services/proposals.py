"""The one mapping from what extraction found (`ExtractedTask`) onto the task fields of a proposal.

A field added to tasks (tasks.models.TaskFields) that extraction can fill is filled here.
"""

from dataclasses import dataclass

from dieuhanh.extract.pipeline import ExtractedTask
from dieuhanh.extract.units import UnitDirectory
from dieuhanh.intake.matching import check, is_the_communes
from dieuhanh.org.constants import UnitKind
from dieuhanh.org.models import Unit
from dieuhanh.tasks.constants import DeadlineKind

SUMMARY_WORDS = 22


def summarise(text: str) -> str:
    words = text.split()
    return (" ".join(words[:SUMMARY_WORDS]) + ("…" if len(words) > SUMMARY_WORDS else ""))[:300]


def has_communes(org: Unit) -> bool:
    """Whether `org` has communes of its own to share a duty "for every commune" among."""
    return Unit.objects.filter(parent=org, kind=UnitKind.COMMUNE, is_active=True).exists()


@dataclass(frozen=True)
class Matched:
    """What the second look at the units found (intake.matching), kept in `proposed`."""

    coordinator_unit_ids: list
    lead_candidates: list
    lead_outside: bool


def proposal_fields(
    t: ExtractedTask, org: Unit, org_has_communes: bool, directory: UnitDirectory
) -> tuple[dict, list[int], Matched]:
    """The ProposedTask fields for one extracted task, the ids of its resolved coordinators, and
    what matching found.

    A duty written for "UBND các xã, phường" fans out (one child task per commune) when the
    importing organisation has communes; when a commune imports the plan, the duty is its own.
    Each unit extraction resolved is checked again (intake.matching): a name of another kind or
    level than its unit stays as written.
    """
    d = t.deadline
    kind = d.kind if d.kind in DeadlineKind.values else DeadlineKind.NONE
    reasons = dict(t.reasons)
    if d.reason:
        reasons.setdefault("deadline", d.reason)
    lead = check(t.lead or "", t.lead_unit_id, t.lead_confidence, directory, org.kind)
    lead_unit_id, confidence = lead.unit_id, lead.confidence
    if lead.reason:
        reasons["lead_unit"] = lead.reason
    fan_out = bool(t.fan_out) and org_has_communes
    if t.fan_out and not org_has_communes and is_the_communes(t.lead or ""):
        lead_unit_id, confidence = org.pk, 1.0
        reasons["lead_unit"] = (
            f"Văn bản giao chung cho các xã, phường; {org} là xã nhập văn bản nên nhiệm vụ do {org} chủ trì."
        )
        reasons.pop("fan_out", None)
    elif lead_unit_id is None and fan_out:
        # Each commune gets its own child task; the parent is followed by the organisation itself.
        lead_unit_id, confidence = org.pk, 1.0
        reasons["lead_unit"] = f"Giao chung cho các xã, phường: {org} theo dõi, mỗi xã một nhiệm vụ con."
    checked_ids = [
        check(name, pk, None, directory, org.kind).unit_id if pk is not None else None
        for name, pk in zip(t.coordinators, t.coordinator_unit_ids, strict=False)
    ]
    coordinator_ids = sorted({pk for pk in checked_ids if pk is not None and pk != lead_unit_id})
    fields = {
        "span_start": t.span[0],
        "span_end": t.span[1],
        "text": t.text,
        "summary": (t.summary or summarise(t.text))[:300],
        "lead_name": (t.lead or "")[:300],
        "lead_unit_id": lead_unit_id,
        "lead_confidence": confidence,
        "coordinator_names": list(t.coordinators),
        "deadline_kind": kind,
        "deadline_text": (d.text or "")[:300],
        "deadline": d.date,
        "recurrence": (d.recurrence or "")[:100] if kind == DeadlineKind.RECURRING else "",
        "relative_days": d.count if kind == DeadlineKind.RELATIVE else None,
        "relative_working_days": bool(d.working_days) if kind == DeadlineKind.RELATIVE else False,
        "relative_trigger": (d.trigger or "")[:300] if kind == DeadlineKind.RELATIVE else "",
        "target": (t.target or "")[:300],
        "budget": t.budget_million_vnd,
        "funding_source": (t.funding_source or "")[:200],
        "fan_out": fan_out,
        "section": list(t.section),
        "reasons": reasons,
    }
    return fields, coordinator_ids, Matched(checked_ids, lead.candidates, lead.outside)
