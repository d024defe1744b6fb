"""Where drafts become tasks: confirming a reviewed draft, or giving it up.

Confirming creates the kept proposals as Tasks — their task fields copied as they are
(TASK_FIELDS), a fan-out or a recurring duty made into its children — all or nothing, and
keeps on the draft what the reviewer corrected (corrections.py).
"""

from django.db import transaction
from django.utils import timezone

from dieuhanh.core.audit import acting_as
from dieuhanh.intake.models import ImportDraft, ProposedTask
from dieuhanh.intake.services.corrections import draft_corrections
from dieuhanh.intake.services.errors import DraftError
from dieuhanh.intake.services.importing import require_manager
from dieuhanh.intake.services.problems import Problem, blocking, draft_problems
from dieuhanh.intake.services.proposals import summarise
from dieuhanh.intake.services.review import require_pending
from dieuhanh.notify.workflow import tasks_assigned
from dieuhanh.tasks.constants import DeadlineKind
from dieuhanh.tasks.models import TASK_FIELDS, Task
from dieuhanh.tasks.services.cascade import fan_out
from dieuhanh.tasks.services.errors import ServiceError
from dieuhanh.tasks.services.recurrence import create_occurrences


def task_from(proposal: ProposedTask, draft: ImportDraft, actor) -> Task:
    """The Task a kept proposal becomes, with its children when it fans out or recurs."""
    fields = {name: getattr(proposal, name) for name in TASK_FIELDS if name != "coordinators"}
    fields.update(text=proposal.text.strip(), summary=proposal.summary or summarise(proposal.text))
    task = Task.objects.create(owner=draft.organisation, document=draft.document, created_by=actor, **fields)
    coordinators = [u.pk for u in proposal.coordinators.all() if u.pk != proposal.lead_unit_id]
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
    """Create the kept proposals as Tasks, all or nothing, and record what the reviewer corrected.

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
            tasks = [task_from(proposal, draft, actor) for proposal in kept.order_by("position", "pk")]
        except ServiceError as exc:
            raise DraftError(f"Chưa xác nhận được bản nháp: {exc}") from None
        draft.corrections = draft_corrections(draft)
        draft.status = ImportDraft.Status.CONFIRMED
        draft.confirmed_by = actor
        draft.confirmed_at = timezone.now()
        draft.save()
        tasks_assigned(tasks, actor)
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


def restore_draft(draft: ImportDraft, actor=None) -> ImportDraft:
    """Undo a discard: the draft is pending again with the reviewer's corrections."""
    require_manager(actor, draft.organisation, "khôi phục bản nháp")
    with acting_as(actor, note="khôi phục bản nháp nhiệm vụ"), transaction.atomic():
        draft = ImportDraft.objects.select_for_update().get(pk=draft.pk)
        if draft.status != ImportDraft.Status.DISCARDED:
            raise DraftError(
                f"Bản nháp đang ở trạng thái “{draft.get_status_display()}”, không cần khôi phục."
            )
        draft.status, draft.discarded_at = ImportDraft.Status.PENDING, None
        draft.save()
    return draft
