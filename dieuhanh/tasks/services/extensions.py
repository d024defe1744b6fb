"""Deadline extensions (gia hạn): requested by the unit, decided by a leader.

The task's `original_deadline` never moves, so completion is still judged
against it; the history of requests is kept.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from dieuhanh.core.audit import acting_as
from dieuhanh.tasks.access import TaskRelation
from dieuhanh.tasks.constants import ChangeStatus
from dieuhanh.tasks.models import DeadlineChange, Task
from dieuhanh.tasks.services.errors import ServiceError
from dieuhanh.tasks.services.guard import require, require_open


@transaction.atomic
def request_extension(task: Task, actor, *, new_date: datetime.date, reason: str) -> DeadlineChange:
    require(actor, task, TaskRelation.may_act_as_lead, "đề nghị gia hạn")
    require_open(task)
    if not (reason or "").strip():
        raise ServiceError("Cần nêu lý do đề nghị gia hạn.")
    if task.deadline is None:
        raise ServiceError("Nhiệm vụ chưa có thời hạn nên không thể gia hạn.")
    if new_date <= task.deadline:
        raise ServiceError(f"Thời hạn mới phải sau thời hạn hiện tại ({task.deadline:%d/%m/%Y}).")
    if task.deadline_changes.filter(status=ChangeStatus.REQUESTED).exists():
        raise ServiceError("Đã có một đề nghị gia hạn đang chờ duyệt.")
    with acting_as(actor):
        return DeadlineChange.objects.create(
            task=task, old_date=task.deadline, new_date=new_date, reason=reason.strip(), requested_by=actor
        )


@transaction.atomic
def decide_extension(
    change: DeadlineChange, actor, *, approve: bool, note: str = "", objective: bool = False
) -> DeadlineChange:
    task = change.task
    require(actor, task, TaskRelation.may_decide, "duyệt gia hạn")
    if change.status != ChangeStatus.REQUESTED:
        raise ServiceError("Đề nghị gia hạn này đã được xử lý.")
    if not approve and not (note or "").strip():
        raise ServiceError("Cần ghi rõ lý do không đồng ý gia hạn.")
    with acting_as(actor):
        change.status = ChangeStatus.APPROVED if approve else ChangeStatus.REJECTED
        change.decided_by, change.decided_at, change.decision_note = actor, timezone.now(), note
        change.objective = bool(approve and objective)
        change.save()
        if approve:
            if task.original_deadline is None:
                task.original_deadline = task.deadline
            task.deadline = change.new_date
            task.save()
    return change
