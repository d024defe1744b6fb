"""Reviewing a draft: correct, merge, split, drop or add proposed tasks before confirming them.

These steps use the actor of the surrounding request (audit middleware); the pages that call
them let only the organisation's managers in (views/review.py).
"""

from django.db import transaction
from django.db.models import F

from dieuhanh.intake.models import ImportDraft, ProposedTask
from dieuhanh.intake.services.errors import DraftError
from dieuhanh.intake.services.proposals import summarise
from dieuhanh.tasks.constants import DeadlineKind
from dieuhanh.tasks.models import TASK_FIELDS

# What a reviewer may set: the task fields, and the names of the units as the document wrote them.
EDITABLE = frozenset(TASK_FIELDS) | {"lead_name", "coordinator_names"}
# Taken together when a merge gives a deadline to a proposal that had none.
DEADLINE_FIELDS = (
    "deadline_kind",
    "deadline_text",
    "deadline",
    "recurrence",
    "relative_days",
    "relative_working_days",
    "relative_trigger",
)


def require_pending(draft: ImportDraft) -> None:
    if draft.status != ImportDraft.Status.PENDING:
        raise DraftError(f"Bản nháp đã ở trạng thái “{draft.get_status_display()}”, không sửa được nữa.")


def _value(name: str, value):
    """A value as the field stores it: an empty text for None in a text field, a Decimal for "1640.5"."""
    field = ProposedTask._meta.get_field(name)
    if field.is_relation:
        return value
    if value is None or (value == "" and field.null):
        return None if field.null else field.get_default()
    return field.to_python(value)


def _set_fields(proposal: ProposedTask, fields: dict) -> list | None:
    """Set `fields` on the proposal; returns the coordinators to set once it is saved (None: unchanged)."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise TypeError(f"Unknown proposal fields: {', '.join(sorted(unknown))}")
    coordinators = fields.pop("coordinators", None)
    for name, value in fields.items():
        setattr(proposal, name, _value(name, value))
    if "text" in fields and "summary" not in fields:
        proposal.summary = summarise(proposal.text)
    return coordinators


@transaction.atomic
def update_proposal(proposal: ProposedTask, **fields) -> ProposedTask:
    """Correct a proposed task; `coordinators` is a list of Units (or ids)."""
    require_pending(proposal.draft)
    if (
        proposal.fan_out
        and "fan_out" not in fields
        and fields.get("lead_unit") not in (None, proposal.draft.organisation)
    ):
        fields = {**fields, "fan_out": False}  # one lead named: the duty is no longer every commune's
    coordinators = _set_fields(proposal, dict(fields))
    if proposal.origin == ProposedTask.Origin.EXTRACTED:
        proposal.origin = ProposedTask.Origin.EDITED
    proposal.save()
    if coordinators is not None:
        proposal.coordinators.set(coordinators)
    return proposal


def outside_coordinators(proposal: ProposedTask) -> list[str]:
    """The coordinators written in the document (or typed by the reviewer) that are no unit of the
    proposal's coordinators: outside units, kept as written."""
    units = {u.pk: u.name for u in proposal.coordinators.all()}
    matched = dict(
        zip(
            proposal.proposed.get("coordinator_names", []),
            proposal.proposed.get("coordinator_unit_ids", []),
            strict=False,
        )
    )
    return [
        name
        for name in proposal.coordinator_names
        if name not in units.values() and matched.get(name) not in units
    ]


def _document_order(proposal: ProposedTask):
    return (
        proposal.span_start if proposal.span_start is not None else float("inf"),
        proposal.position,
        proposal.pk,
    )


@transaction.atomic
def merge_proposals(draft: ImportDraft, ids: list[int]) -> ProposedTask:
    """Merge proposed tasks into the first of them in document order: texts joined, span the union.

    The others are kept as dropped, pointing at the merged task, so the
    correction is measured.
    """
    require_pending(draft)
    rows = sorted(
        draft.tasks.filter(pk__in=ids, dropped=False).prefetch_related("coordinators"), key=_document_order
    )
    if len(rows) < 2 or len(rows) != len(set(ids)):
        raise DraftError("Cần chọn ít nhất hai nhiệm vụ chưa bị bỏ của cùng bản nháp để gộp.")
    keeper, others = rows[0], rows[1:]
    keeper.text = "\n".join(proposal.text.strip() for proposal in rows)
    keeper.summary = summarise(keeper.text)
    starts = [proposal.span_start for proposal in rows if proposal.span_start is not None]
    ends = [proposal.span_end for proposal in rows if proposal.span_end is not None]
    if starts and ends:
        keeper.span_start, keeper.span_end = min(starts), max(ends)
    names = list(keeper.coordinator_names)
    coordinators = {u.pk for u in keeper.coordinators.all()}
    for proposal in others:
        names += [n for n in proposal.coordinator_names if n not in names]
        coordinators |= {u.pk for u in proposal.coordinators.all()}
        if keeper.deadline_kind == DeadlineKind.NONE and proposal.deadline_kind != DeadlineKind.NONE:
            for name in DEADLINE_FIELDS:
                setattr(keeper, name, getattr(proposal, name))
        for name in ("target", "budget", "funding_source"):
            if getattr(keeper, name) in (None, ""):
                setattr(keeper, name, getattr(proposal, name))
        proposal.dropped = True
        proposal.merged_into = keeper
        proposal.save()
    keeper.coordinator_names = names
    keeper.origin = ProposedTask.Origin.MERGED
    keeper.save()
    keeper.coordinators.set(coordinators - {keeper.lead_unit_id})
    return keeper


def _split_span(proposal: ProposedTask, at: int, second: str) -> tuple[tuple, tuple]:
    """Spans of the two parts; exact when the task text is the document text at its span."""
    start, end = proposal.span_start, proposal.span_end
    if start is None or end is None:
        return (None, None), (None, None)
    source = proposal.draft.document.text[start:end]
    if source == proposal.text:
        return (start, start + at), (start + at, end)
    probe = second[:40]
    found = source.find(probe) if probe else -1
    if found > 0:
        return (start, start + found), (start + found, end)
    return (start, end), (start, end)


@transaction.atomic
def split_proposal(proposal: ProposedTask, at: int) -> tuple[ProposedTask, ProposedTask]:
    """Split a proposed task at offset `at` of its text into two tasks with the same lead and deadline."""
    require_pending(proposal.draft)
    first, second = proposal.text[:at].strip(), proposal.text[at:].strip()
    if not 0 < at < len(proposal.text) or not first or not second:
        raise DraftError("Vị trí tách phải nằm giữa nội dung nhiệm vụ (hai phần đều có chữ).")
    (s1, e1), (s2, e2) = _split_span(proposal, at, proposal.text[at:].lstrip())
    coordinators = list(proposal.coordinators.all())
    draft = proposal.draft
    draft.tasks.filter(position__gt=proposal.position).update(position=F("position") + 1)
    new = ProposedTask.objects.get(pk=proposal.pk)
    new.pk = None
    new.id = None
    new.position = proposal.position + 1
    new.text, new.summary = second, summarise(second)
    new.span_start, new.span_end = s2, e2
    new.proposed = {}
    new.origin = ProposedTask.Origin.SPLIT
    new.merged_into = None
    new.save()
    new.coordinators.set(coordinators)
    proposal.text, proposal.summary = first, summarise(first)
    proposal.span_start, proposal.span_end = s1, e1
    proposal.origin = ProposedTask.Origin.SPLIT
    proposal.save()
    return proposal, new


def drop_proposal(proposal: ProposedTask, dropped: bool = True) -> ProposedTask:
    """Leave a proposed task out of the confirmed tasks (or bring it back with dropped=False)."""
    require_pending(proposal.draft)
    if proposal.merged_into_id and not dropped:
        raise DraftError("Nhiệm vụ này đã được gộp vào nhiệm vụ khác, không khôi phục riêng được.")
    proposal.dropped = dropped
    proposal.save()
    return proposal


@transaction.atomic
def add_proposal(draft: ImportDraft, *, text: str, **fields) -> ProposedTask:
    """A task extraction missed, added by the reviewer at the end of the draft."""
    require_pending(draft)
    if not text.strip():
        raise DraftError("Cần nhập nội dung nhiệm vụ.")
    last = draft.tasks.order_by("-position").values_list("position", flat=True).first() or 0
    proposal = ProposedTask(draft=draft, position=last + 1, origin=ProposedTask.Origin.ADDED)
    coordinators = _set_fields(proposal, {"text": text.strip(), **fields})
    if proposal.lead_unit_id and not proposal.lead_name:
        proposal.lead_name = proposal.lead_unit.name
    proposal.save()
    if coordinators:
        proposal.coordinators.set(coordinators)
    return proposal


# --- Confirm and discard ----------------------------------------------------------------------


def left_out_passages(draft: ImportDraft) -> list[tuple[int, dict]]:
    """The passages extraction did not propose, with its reason, by their index in the stored
    extraction; those already brought back as a task are left out."""
    dropped = (draft.document.extraction or {}).get("dropped") or []
    taken = set(draft.tasks.values_list("span_start", "span_end"))
    return [(i, p) for i, p in enumerate(dropped) if (p.get("start"), p.get("end")) not in taken]


def restore_passage(draft: ImportDraft, index: int) -> ProposedTask:
    """A passage extraction left out, proposed as a task by the reviewer in one click."""
    passages = dict(left_out_passages(draft))
    if index not in passages:
        raise DraftError("Không tìm thấy đoạn văn này trong kết quả trích xuất.")
    passage = passages[index]
    proposal = add_proposal(draft, text=passage["text"], span_start=passage["start"], span_end=passage["end"])
    proposal.reasons = {
        "restored": f"Người rà soát thêm lại; khi trích xuất đã bỏ qua vì: {passage['reason']}"
    }
    proposal.save(update_fields=["reasons"])
    return proposal
