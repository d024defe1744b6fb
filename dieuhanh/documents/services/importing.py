"""Importing a directive: register it, keep the extracted tasks as a draft, review it, confirm it.

    import_document ──> ImportDraft + DraftTasks (spans, reasons, `proposed`)
        review: update / merge / split / drop / add, draft_problems
    confirm_draft ──> Tasks, in one transaction; corrections kept on the draft

Review operations use the actor of the surrounding request (audit middleware);
import, confirm and discard take the actor and check that they may do it.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from dieuhanh.core.audit import acting_as
from dieuhanh.documents.directory import unit_directory
from dieuhanh.documents.models import DraftTask, ImportDraft
from dieuhanh.documents.services.corrections import current_values, decimal_text, draft_corrections
from dieuhanh.documents.services.problems import Problem, blocking, draft_problems
from dieuhanh.documents.services.registry import (
    DocumentError,
    duplicate_error,
    find_duplicate,
    read_document,
    register_document,
)
from dieuhanh.extract.errors import ExtractError
from dieuhanh.extract.output import to_json_dict
from dieuhanh.extract.pipeline import ExtractedTask, extract
from dieuhanh.org.access import Access
from dieuhanh.org.constants import Role
from dieuhanh.org.models import Unit
from dieuhanh.tasks.constants import DeadlineKind
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services.cascade import fan_out
from dieuhanh.tasks.services.errors import ServiceError
from dieuhanh.tasks.services.recurrence import create_occurrences

__all__ = [
    "DraftError",
    "Problem",
    "add_draft_task",
    "confirm_draft",
    "discard_draft",
    "draft_problems",
    "drop_draft_task",
    "import_document",
    "merge_draft_tasks",
    "split_draft_task",
    "update_draft_task",
]

MANAGING_ROLES = (Role.ADMIN, Role.LEADER, Role.TRACKER)
SUMMARY_WORDS = 22

# Fields a reviewer may set with update_draft_task / add_draft_task (coordinators apart: a list of units).
EDITABLE = frozenset(
    [
        "text",
        "summary",
        "span_start",
        "span_end",
        "lead_name",
        "lead_unit",
        "coordinator_names",
        "deadline_kind",
        "deadline_text",
        "deadline",
        "recurrence",
        "relative_days",
        "relative_working_days",
        "relative_trigger",
        "target",
        "budget",
        "funding_source",
        "fan_out",
    ]
)


class DraftError(DocumentError):
    """A review or confirm step that cannot be done; the message is Vietnamese, for the person."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


def require_manager(actor, org: Unit, what: str) -> None:
    """The organisation's admins, leaders and trackers import and confirm; None is the system itself."""
    if actor is not None and not Access.of(actor).acts_for(org, MANAGING_ROLES):
        raise DraftError(f"Bạn không có quyền {what} cho {org}.")


def require_pending(draft: ImportDraft) -> None:
    if draft.status != ImportDraft.Status.PENDING:
        raise DraftError(f"Bản nháp đã ở trạng thái “{draft.get_status_display()}”, không sửa được nữa.")


def summarise(text: str) -> str:
    words = text.split()
    return (" ".join(words[:SUMMARY_WORDS]) + ("…" if len(words) > SUMMARY_WORDS else ""))[:300]


# --- Import -----------------------------------------------------------------------------------


def _extracted_fields(t: ExtractedTask, org: Unit) -> tuple[dict, list[int]]:
    """DraftTask fields (and the JSON `proposed`) for one extracted task."""
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


def _create_draft_tasks(draft: ImportDraft, tasks: tuple[ExtractedTask, ...]) -> None:
    for position, extracted in enumerate(tasks, start=1):
        fields, coordinator_ids = _extracted_fields(extracted, draft.organisation)
        dt = DraftTask(draft=draft, position=position, **fields)
        proposed = current_values(dt, coordinator_ids)
        proposed["coordinator_unit_ids"] = list(extracted.coordinator_unit_ids)
        proposed["budget"] = decimal_text(fields["budget"])
        dt.proposed = proposed
        dt.save()
        if coordinator_ids:
            dt.coordinators.set(coordinator_ids)


def import_document(*, org: Unit, data: bytes, filename: str, actor=None) -> ImportDraft:
    """Register the file in `org`'s registry and keep the tasks extraction proposes as a pending draft.

    Raises DocumentError (unreadable file, duplicate: `.existing` is the
    document already registered) or DraftError (not allowed); nothing is
    written then.
    """
    require_manager(actor, org, "nhập văn bản")
    loaded = read_document(data, filename)
    existing = find_duplicate(org, loaded)
    if existing is not None:
        raise duplicate_error(existing, actor)
    try:
        extraction = extract(loaded.text, unit_directory(org))
    except ExtractError as exc:
        raise DocumentError(str(exc)) from None
    with acting_as(actor, note=f"nhập văn bản {filename}"[:300]), transaction.atomic():
        document = register_document(
            owner=org,
            data=data,
            filename=filename,
            actor=actor,
            extraction=to_json_dict(extraction),
            loaded=loaded,
        )
        draft = ImportDraft.objects.create(
            document=document, organisation=org, created_by=actor, warnings=list(extraction.warnings)
        )
        _create_draft_tasks(draft, extraction.tasks)
        if document.is_confidential and actor is not None:
            # The person who registers a confidential document handles it, so they are named on it.
            document.allowed_people.add(actor)
    return draft


# --- Review -----------------------------------------------------------------------------------


def _set_fields(dt: DraftTask, fields: dict) -> list | None:
    unknown = set(fields) - EDITABLE - {"coordinators"}
    if unknown:
        raise TypeError(f"Unknown draft task fields: {', '.join(sorted(unknown))}")
    coordinators = fields.pop("coordinators", None)
    for name, value in fields.items():
        if name == "lead_unit":
            dt.lead_unit = value
        elif name == "budget":
            dt.budget = None if value in (None, "") else Decimal(str(value))
        else:
            setattr(dt, name, "" if value is None and name in _TEXT_FIELDS else value)
    if "text" in fields and "summary" not in fields:
        dt.summary = summarise(dt.text)
    return coordinators


_TEXT_FIELDS = frozenset(
    [
        "text",
        "summary",
        "lead_name",
        "deadline_text",
        "recurrence",
        "relative_trigger",
        "target",
        "funding_source",
    ]
)


@transaction.atomic
def update_draft_task(dt: DraftTask, **fields) -> DraftTask:
    """Correct a proposed task; `coordinators` is a list of Units (or ids)."""
    require_pending(dt.draft)
    coordinators = _set_fields(dt, dict(fields))
    if dt.origin == DraftTask.Origin.EXTRACTED:
        dt.origin = DraftTask.Origin.EDITED
    dt.save()
    if coordinators is not None:
        dt.coordinators.set(coordinators)
    return dt


def _document_order(dt: DraftTask):
    return (dt.span_start if dt.span_start is not None else float("inf"), dt.position, dt.pk)


@transaction.atomic
def merge_draft_tasks(draft: ImportDraft, ids: list[int]) -> DraftTask:
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
    keeper.text = "\n".join(dt.text.strip() for dt in rows)
    keeper.summary = summarise(keeper.text)
    starts = [dt.span_start for dt in rows if dt.span_start is not None]
    ends = [dt.span_end for dt in rows if dt.span_end is not None]
    if starts and ends:
        keeper.span_start, keeper.span_end = min(starts), max(ends)
    names = list(keeper.coordinator_names)
    coordinators = {u.pk for u in keeper.coordinators.all()}
    for dt in others:
        names += [n for n in dt.coordinator_names if n not in names]
        coordinators |= {u.pk for u in dt.coordinators.all()}
        if keeper.deadline_kind == DeadlineKind.NONE and dt.deadline_kind != DeadlineKind.NONE:
            for name in ("deadline_kind", "deadline_text", "deadline", "recurrence", "relative_days"):
                setattr(keeper, name, getattr(dt, name))
            keeper.relative_working_days = dt.relative_working_days
            keeper.relative_trigger = dt.relative_trigger
        for name in ("target", "funding_source"):
            if not getattr(keeper, name):
                setattr(keeper, name, getattr(dt, name))
        if keeper.budget is None:
            keeper.budget = dt.budget
        dt.dropped = True
        dt.merged_into = keeper
        dt.save()
    keeper.coordinator_names = names
    keeper.origin = DraftTask.Origin.MERGED
    keeper.save()
    keeper.coordinators.set(coordinators - {keeper.lead_unit_id})
    return keeper


def _split_span(dt: DraftTask, at: int, second: str) -> tuple[tuple, tuple]:
    """Spans of the two parts; exact when the task text is the document text at its span."""
    start, end = dt.span_start, dt.span_end
    if start is None or end is None:
        return (None, None), (None, None)
    source = dt.draft.document.text[start:end]
    if source == dt.text:
        return (start, start + at), (start + at, end)
    probe = second[:40]
    found = source.find(probe) if probe else -1
    if found > 0:
        return (start, start + found), (start + found, end)
    return (start, end), (start, end)


@transaction.atomic
def split_draft_task(dt: DraftTask, at: int) -> tuple[DraftTask, DraftTask]:
    """Split a proposed task at offset `at` of its text into two tasks with the same lead and deadline."""
    require_pending(dt.draft)
    first, second = dt.text[:at].strip(), dt.text[at:].strip()
    if not 0 < at < len(dt.text) or not first or not second:
        raise DraftError("Vị trí tách phải nằm giữa nội dung nhiệm vụ (hai phần đều có chữ).")
    (s1, e1), (s2, e2) = _split_span(dt, at, dt.text[at:].lstrip())
    coordinators = list(dt.coordinators.all())
    draft = dt.draft
    draft.tasks.filter(position__gt=dt.position).update(position=F("position") + 1)
    new = DraftTask.objects.get(pk=dt.pk)
    new.pk = None
    new.id = None
    new.position = dt.position + 1
    new.text, new.summary = second, summarise(second)
    new.span_start, new.span_end = s2, e2
    new.proposed = {}
    new.origin = DraftTask.Origin.SPLIT
    new.merged_into = None
    new.save()
    new.coordinators.set(coordinators)
    dt.text, dt.summary = first, summarise(first)
    dt.span_start, dt.span_end = s1, e1
    dt.origin = DraftTask.Origin.SPLIT
    dt.save()
    return dt, new


def drop_draft_task(dt: DraftTask, dropped: bool = True) -> DraftTask:
    """Leave a proposed task out of the confirmed tasks (or bring it back with dropped=False)."""
    require_pending(dt.draft)
    if dt.merged_into_id and not dropped:
        raise DraftError("Nhiệm vụ này đã được gộp vào nhiệm vụ khác, không khôi phục riêng được.")
    dt.dropped = dropped
    dt.save()
    return dt


@transaction.atomic
def add_draft_task(draft: ImportDraft, *, text: str, **fields) -> DraftTask:
    """A task extraction missed, added by the reviewer at the end of the draft."""
    require_pending(draft)
    if not text.strip():
        raise DraftError("Cần nhập nội dung nhiệm vụ.")
    last = draft.tasks.order_by("-position").values_list("position", flat=True).first() or 0
    dt = DraftTask(draft=draft, position=last + 1, origin=DraftTask.Origin.ADDED)
    coordinators = _set_fields(dt, {"text": text.strip(), **fields})
    if dt.lead_unit_id and not dt.lead_name:
        dt.lead_name = dt.lead_unit.name
    dt.save()
    if coordinators:
        dt.coordinators.set(coordinators)
    return dt


# --- Confirm and discard ----------------------------------------------------------------------


def _task_from(dt: DraftTask, draft: ImportDraft, actor) -> Task:
    task = Task.objects.create(
        owner=draft.organisation,
        document=draft.document,
        span_start=dt.span_start,
        span_end=dt.span_end,
        text=dt.text.strip(),
        summary=dt.summary or summarise(dt.text),
        lead_unit=dt.lead_unit,
        deadline=dt.deadline,
        deadline_kind=dt.deadline_kind,
        deadline_text=dt.deadline_text,
        recurrence=dt.recurrence,
        relative_days=dt.relative_days,
        relative_working_days=dt.relative_working_days,
        relative_trigger=dt.relative_trigger,
        target=dt.target,
        budget=dt.budget,
        funding_source=dt.funding_source,
        fan_out=dt.fan_out,
        created_by=actor,
    )
    coordinators = [u.pk for u in dt.coordinators.all() if u.pk != dt.lead_unit_id]
    if coordinators:
        task.coordinators.set(coordinators)
    if task.fan_out:
        fan_out(task, actor)
    elif task.deadline_kind == DeadlineKind.RECURRING:
        create_occurrences(task, actor=actor)
    return task


def _refusal(problems: list[Problem]) -> str:
    lines = "\n".join(f"- {p.message_vi}" for p in problems)
    return f"Chưa xác nhận được bản nháp, cần xử lý trước:\n{lines}"


def confirm_draft(draft: ImportDraft, actor=None) -> list[Task]:
    """Create the kept draft tasks as Tasks, all or nothing, and record what the reviewer corrected.

    Returns the tasks made from the draft (not the fan-out children or
    occurrences, which hang under them).
    """
    require_manager(actor, draft.organisation, "xác nhận nhiệm vụ")
    with acting_as(actor, note="xác nhận bản nháp nhiệm vụ"), transaction.atomic():
        draft = (
            ImportDraft.objects.select_for_update()
            .select_related("document", "organisation")
            .get(pk=draft.pk)
        )
        problems = blocking(draft_problems(draft))
        if problems:
            raise DraftError(_refusal(problems), problems)
        kept = draft.tasks.filter(dropped=False).select_related("lead_unit").prefetch_related("coordinators")
        try:
            tasks = [_task_from(dt, draft, actor) for dt in kept.order_by("position", "pk")]
        except ServiceError as exc:
            raise DraftError(f"Chưa xác nhận được bản nháp: {exc}") from None
        draft.corrections = draft_corrections(draft)
        draft.status = ImportDraft.Status.CONFIRMED
        draft.confirmed_by = actor
        draft.confirmed_at = timezone.now()
        draft.save()
    return tasks


def discard_draft(draft: ImportDraft, actor=None) -> ImportDraft:
    """Give up a pending draft: no task is created; the document stays in the registry."""
    require_manager(actor, draft.organisation, "hủy bản nháp")
    with acting_as(actor, note="hủy bản nháp nhiệm vụ"), transaction.atomic():
        draft = ImportDraft.objects.select_for_update().get(pk=draft.pk)
        require_pending(draft)
        draft.status = ImportDraft.Status.DISCARDED
        draft.discarded_at = timezone.now()
        draft.save()
    return draft
