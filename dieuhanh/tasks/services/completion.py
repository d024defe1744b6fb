"""Completion: the unit claims it, a leader approves or sends it back (thực hiện lại)."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from dieuhanh.core.audit import acting_as
from dieuhanh.tasks.access import TaskRelation
from dieuhanh.tasks.constants import ChangeStatus, TaskState
from dieuhanh.tasks.models import CompletionRequest, ProgressAttachment, Task
from dieuhanh.tasks.services.errors import EvidenceRequired, ServiceError
from dieuhanh.tasks.services.guard import require, require_open
from dieuhanh.tasks.services.progress import report_progress

EVIDENCE_MISSING = (
    "Nhiệm vụ này cần minh chứng: đính kèm tệp minh chứng (biên bản, báo cáo, hình ảnh…) "
    "khi đề nghị xác nhận hoàn thành."
)


def has_evidence(task: Task) -> bool:
    """Evidence filed with a progress report — since the completion was last sent back, when it was:
    the leader found what was there before not enough."""
    files = ProgressAttachment.objects.filter(report__task=task)
    returned = task.completion_requests.filter(status=ChangeStatus.REJECTED).aggregate(at=Max("decided_at"))[
        "at"
    ]
    if returned is not None:
        files = files.filter(report__created_at__gt=returned)
    return files.exists()


@transaction.atomic
def request_completion(
    task: Task,
    actor,
    *,
    claimed_on: datetime.date | None = None,
    note: str = "",
    files: list[tuple[str, object]] = (),
) -> CompletionRequest:
    """Claim the task done. `files` (name, bytes or an uploaded file) are its evidence, kept with a
    100% progress report; a task whose policy asks for evidence is refused without any."""
    require(actor, task, TaskRelation.may_act_as_lead, "đề nghị xác nhận hoàn thành")
    require_open(task)
    if task.state == TaskState.AWAITING_APPROVAL:
        raise ServiceError("Nhiệm vụ đang chờ lãnh đạo xác nhận hoàn thành.")
    if not note.strip():
        # Proof, not promises: the leader approves a result, not a tick.
        raise ServiceError("Ghi kết quả, sản phẩm đã hoàn thành để lãnh đạo có căn cứ xác nhận.")
    today = timezone.localdate()
    claimed_on = claimed_on or today
    if claimed_on > today:
        raise ServiceError("Ngày hoàn thành không được sau ngày hôm nay.")
    if task.evidence_required and not files and not has_evidence(task):
        raise EvidenceRequired(EVIDENCE_MISSING)
    if files:
        report_progress(task, actor, text=f"Kết quả hoàn thành: {note.strip()}", percent=100, files=files)
    with acting_as(actor):
        request = CompletionRequest.objects.create(
            task=task, claimed_on=claimed_on, note=note, requested_by=actor
        )
        task.state = TaskState.AWAITING_APPROVAL
        task.completed_on = claimed_on
        task.state_reason = ""
        task.save()
    return request


def _pending(task: Task) -> CompletionRequest:
    request = task.completion_requests.filter(status=ChangeStatus.REQUESTED).order_by("-id").first()
    if request is None or task.state != TaskState.AWAITING_APPROVAL:
        raise ServiceError("Nhiệm vụ không có đề nghị xác nhận hoàn thành đang chờ.")
    return request


@transaction.atomic
def approve_completion(task: Task, actor, *, note: str = "") -> CompletionRequest:
    require(actor, task, TaskRelation.may_decide, "xác nhận hoàn thành")
    request = _pending(task)
    with acting_as(actor):
        request.status = ChangeStatus.APPROVED
        request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), note
        request.save()
        task.state = TaskState.DONE
        task.completed_on = request.claimed_on
        task.save()
    return request


@transaction.atomic
def reject_completion(task: Task, actor, *, note: str) -> CompletionRequest:
    require(actor, task, TaskRelation.may_decide, "trả lại nhiệm vụ")
    if not (note or "").strip():
        raise ServiceError("Cần ghi rõ lý do trả lại để đơn vị thực hiện lại.")
    request = _pending(task)
    with acting_as(actor):
        request.status = ChangeStatus.REJECTED
        request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), note
        request.save()
        task.state = TaskState.OPEN
        task.completed_on = None
        task.state_reason = f"Thực hiện lại: {note}"
        task.save()
    return request
