"""What reviewers changed in the proposed tasks, kept so extraction quality can be measured.

Each proposal is compared with what extraction proposed (`ProposedTask.proposed`, never
changed) in the same field names: the task fields (TASK_FIELDS). The result is stored on the draft when
it is confirmed; `correction_stats` turns many drafts into per-field rates.
"""

import datetime
from decimal import Decimal

from dieuhanh.intake.models import ImportDraft, ProposedTask
from dieuhanh.tasks.models import TASK_FIELDS

# A span is right or wrong as a whole, so its two ends are compared as one value.
SPAN = ("span_start", "span_end")
# The fields a reviewer can correct, as `proposed` names them.
COMPARED_FIELDS = tuple(dict.fromkeys("span" if name in SPAN else name for name in TASK_FIELDS))


def decimal_text(value) -> str | None:
    """A Decimal as plain text without trailing zeros: 1640.000 and 1640 compare equal."""
    return None if value is None else format(value.normalize(), "f")


def _json(value):
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def current_values(proposal: ProposedTask, coordinator_ids=None) -> dict:
    """The proposal's fields as JSON values, shaped like `proposed`."""
    if coordinator_ids is None:
        coordinator_ids = proposal.coordinators.values_list("pk", flat=True)
    values = {"lead_name": proposal.lead_name, "coordinator_names": list(proposal.coordinator_names)}
    for name in TASK_FIELDS:
        if name == "coordinators":
            values[name] = sorted(coordinator_ids)
        elif name in SPAN:
            start, end = proposal.span_start, proposal.span_end
            values["span"] = [start, end] if start is not None else None
        else:
            values[name] = _json(getattr(proposal, ProposedTask._meta.get_field(name).attname))
    return values


def outcome(proposal: ProposedTask) -> str:
    """What became of a proposal: confirmed, dropped, merged (into another), split (new part), added."""
    if proposal.merged_into_id:
        return "merged"
    if proposal.dropped:
        return "dropped"
    if not proposal.proposed:
        return "added" if proposal.origin == ProposedTask.Origin.ADDED else "split"
    return "confirmed"


def task_corrections(proposal: ProposedTask) -> dict:
    # "draft_task": the key the corrections stored before the model was renamed.
    entry = {
        "draft_task": proposal.pk,
        "position": proposal.position,
        "origin": proposal.origin,
        "outcome": outcome(proposal),
    }
    if entry["outcome"] == "confirmed":
        now = current_values(proposal, [u.pk for u in proposal.coordinators.all()])
        entry["fields"] = {
            name: {"proposed": proposal.proposed.get(name), "confirmed": now[name]}
            for name in COMPARED_FIELDS
            if proposal.proposed.get(name) != now[name]
        }
    return entry


def draft_corrections(draft: ImportDraft) -> dict:
    rows = draft.tasks.prefetch_related("coordinators").order_by("position", "pk")
    return {"fields": list(COMPARED_FIELDS), "tasks": [task_corrections(proposal) for proposal in rows]}


def correction_stats(drafts) -> dict:
    """Per-field correction rates over confirmed drafts.

    `proposed` counts the tasks extraction proposed; a field's rate is the share
    of confirmed proposals where the reviewer changed it; `dropped` and
    `merged` are shares of all proposals; `added` counts tasks extraction missed.
    """
    proposed = confirmed = dropped = merged = split = added = 0
    changed = dict.fromkeys(COMPARED_FIELDS, 0)
    for corrections in drafts.filter(status=ImportDraft.Status.CONFIRMED).values_list(
        "corrections", flat=True
    ):
        for entry in (corrections or {}).get("tasks", []):
            kind = entry["outcome"]
            if kind in ("added", "split"):
                added += kind == "added"
                split += kind == "split"
                continue
            proposed += 1
            dropped += kind == "dropped"
            merged += kind == "merged"
            if kind == "confirmed":
                confirmed += 1
                for name in entry.get("fields", {}):
                    if name in changed:
                        changed[name] += 1

    def rate(n: int, of: int) -> float | None:
        return round(n / of, 4) if of else None

    return {
        "proposed": proposed,
        "confirmed": confirmed,
        "dropped": {"count": dropped, "rate": rate(dropped, proposed)},
        "merged": {"count": merged, "rate": rate(merged, proposed)},
        "split_parts": split,
        "added": added,
        "fields": {name: {"count": n, "rate": rate(n, confirmed)} for name, n in changed.items()},
    }
