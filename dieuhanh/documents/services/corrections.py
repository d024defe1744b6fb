"""What reviewers changed in the proposed tasks, kept so extraction quality can be measured.

Each draft task is compared with what extraction proposed (`DraftTask.proposed`,
never changed) in the same field names. The result is stored on the draft when
it is confirmed; `correction_stats` turns many drafts into per-field rates.
"""

from dieuhanh.documents.models import DraftTask, ImportDraft

# The fields a reviewer can correct, in the vocabulary of DraftTask and `proposed`.
COMPARED_FIELDS = (
    "text",
    "summary",
    "span",
    "lead_unit",
    "coordinators",
    "deadline_kind",
    "deadline",
    "deadline_text",
    "recurrence",
    "relative_days",
    "relative_working_days",
    "relative_trigger",
    "target",
    "budget",
    "funding_source",
    "fan_out",
)


def decimal_text(value) -> str | None:
    """A Decimal as plain text without trailing zeros: 1640.000 and 1640 compare equal."""
    return None if value is None else format(value.normalize(), "f")


def current_values(dt: DraftTask, coordinator_ids=None) -> dict:
    """The draft task's fields as JSON values, shaped like `proposed`."""
    if coordinator_ids is None:
        coordinator_ids = dt.coordinators.values_list("pk", flat=True)
    return {
        "text": dt.text,
        "summary": dt.summary,
        "span": [dt.span_start, dt.span_end] if dt.span_start is not None else None,
        "lead_name": dt.lead_name,
        "lead_unit": dt.lead_unit_id,
        "coordinator_names": list(dt.coordinator_names),
        "coordinators": sorted(coordinator_ids),
        "deadline_kind": dt.deadline_kind,
        "deadline": dt.deadline.isoformat() if dt.deadline else None,
        "deadline_text": dt.deadline_text,
        "recurrence": dt.recurrence,
        "relative_days": dt.relative_days,
        "relative_working_days": dt.relative_working_days,
        "relative_trigger": dt.relative_trigger,
        "target": dt.target,
        "budget": decimal_text(dt.budget),
        "funding_source": dt.funding_source,
        "fan_out": dt.fan_out,
    }


def outcome(dt: DraftTask) -> str:
    """What became of a draft task: confirmed, dropped, merged (into another), split (new part), added."""
    if dt.merged_into_id:
        return "merged"
    if dt.dropped:
        return "dropped"
    if not dt.proposed:
        return "added" if dt.origin == DraftTask.Origin.ADDED else "split"
    return "confirmed"


def task_corrections(dt: DraftTask) -> dict:
    entry = {"draft_task": dt.pk, "position": dt.position, "origin": dt.origin, "outcome": outcome(dt)}
    if entry["outcome"] == "confirmed":
        now = current_values(dt, [u.pk for u in dt.coordinators.all()])
        entry["fields"] = {
            name: {"proposed": dt.proposed.get(name), "confirmed": now[name]}
            for name in COMPARED_FIELDS
            if dt.proposed.get(name) != now[name]
        }
    return entry


def draft_corrections(draft: ImportDraft) -> dict:
    rows = draft.tasks.prefetch_related("coordinators").order_by("position", "pk")
    return {"fields": list(COMPARED_FIELDS), "tasks": [task_corrections(dt) for dt in rows]}


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
