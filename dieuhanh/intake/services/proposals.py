"""The one mapping from what extraction found (`ExtractedTask`) onto the task fields of a proposal.

A field added to tasks (tasks.models.TaskFields) that extraction can fill is filled here.
"""

from dieuhanh.extract.pipeline import ExtractedTask
from dieuhanh.org.models import Unit
from dieuhanh.tasks.constants import DeadlineKind

SUMMARY_WORDS = 22


def summarise(text: str) -> str:
    words = text.split()
    return (" ".join(words[:SUMMARY_WORDS]) + ("…" if len(words) > SUMMARY_WORDS else ""))[:300]


def proposal_fields(t: ExtractedTask, org: Unit) -> tuple[dict, list[int]]:
    """The ProposedTask fields for one extracted task, and the ids of its resolved coordinators."""
    d = t.deadline
    kind = d.kind if d.kind in DeadlineKind.values else DeadlineKind.NONE
    reasons = dict(t.reasons)
    if d.reason:
        reasons.setdefault("deadline", d.reason)
    lead_unit_id, confidence = t.lead_unit_id, t.lead_confidence
    if lead_unit_id is None and t.fan_out:
        # Each commune gets its own child task; the parent is followed by the organisation itself.
        lead_unit_id, confidence = org.pk, 1.0
        reasons["lead_unit"] = f"Giao chung cho các xã, phường: {org} theo dõi, mỗi xã một nhiệm vụ con."
    coordinator_ids = sorted({pk for pk in t.coordinator_unit_ids if pk is not None and pk != lead_unit_id})
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
        "fan_out": bool(t.fan_out),
        "section": list(t.section),
        "reasons": reasons,
    }
    return fields, coordinator_ids
