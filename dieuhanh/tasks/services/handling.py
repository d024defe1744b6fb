"""Directions, sub-assignment to people, priority, pause, resume and cancel."""

from django.db import transaction

from dieuhanh.core.audit import acting_as
from dieuhanh.org.models import Membership
from dieuhanh.tasks.access import TaskRelation
from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.models import Direction, Task
from dieuhanh.tasks.services.errors import ServiceError
from dieuhanh.tasks.services.guard import require, require_open


@transaction.atomic
def give_direction(task: Task, actor, *, text: str) -> Direction:
    require(actor, task, TaskRelation.may_decide, "cho ý kiến chỉ đạo")
    if not (text or "").strip():
        raise ServiceError("Cần nhập nội dung ý kiến chỉ đạo.")
    with acting_as(actor):
        return Direction.objects.create(task=task, author=actor, text=text.strip())


@transaction.atomic
def assign_people(task: Task, actor, people) -> None:
    """Give the task to people inside the lead unit (sub-assignment)."""
    require(actor, task, TaskRelation.may_act_as_lead, "giao việc cho cán bộ")
    require_open(task)
    people = list(people)
    members = set(
        Membership.objects.filter(unit__path__startswith=task.lead_unit.path, user__in=people).values_list(
            "user_id", flat=True
        )
    )
    outside = [str(p) for p in people if p.pk not in members]
    if outside:
        raise ServiceError(
            f"Chỉ giao được cho cán bộ của {task.lead_unit}: {', '.join(outside)} không thuộc đơn vị."
        )
    with acting_as(actor):
        task.assignees.set(people)


@transaction.atomic
def toggle_star(task: Task, actor) -> Task:
    """Mark the task as a priority of the organisation, or take the mark off."""
    require(actor, task, TaskRelation.may_manage, "đánh dấu ưu tiên")
    with acting_as(actor):
        task.starred = not task.starred
        task.save(update_fields=["starred", "updated_at"])
    return task


@transaction.atomic
def set_evidence_policy(task: Task, actor, required: bool) -> Task:
    """Whether a completion request must bring evidence: decided by the tracking office."""
    require(actor, task, TaskRelation.may_manage, "đặt yêu cầu minh chứng")
    with acting_as(actor):
        task.evidence_required = bool(required)
        task.save(update_fields=["evidence_required", "updated_at"])
    return task


def _set_state(task: Task, actor, state: str, reason: str, what: str) -> Task:
    require(actor, task, TaskRelation.may_manage, what)
    if not (reason or "").strip():
        raise ServiceError("Cần nêu lý do.")
    with acting_as(actor):
        task.state = state
        task.state_reason = reason.strip()
        if state != TaskState.AWAITING_APPROVAL:
            task.completed_on = None
        task.save()
    return task


@transaction.atomic
def pause_task(task: Task, actor, *, reason: str) -> Task:
    require_open(task)
    return _set_state(task, actor, TaskState.PAUSED, reason, "tạm hoãn nhiệm vụ")


@transaction.atomic
def resume_task(task: Task, actor, *, reason: str = "Tiếp tục thực hiện") -> Task:
    if task.state != TaskState.PAUSED:
        raise ServiceError("Chỉ tiếp tục được nhiệm vụ đang tạm hoãn.")
    return _set_state(task, actor, TaskState.OPEN, reason, "tiếp tục nhiệm vụ")


@transaction.atomic
def cancel_task(task: Task, actor, *, reason: str) -> Task:
    """Cancel a task; cancelling a recurring duty cancels its occurrences not yet done."""
    require_open(task, allow_series=True)
    _set_state(task, actor, TaskState.CANCELLED, reason, "hủy nhiệm vụ")
    if task.is_series:
        with acting_as(actor):
            for occurrence in task.occurrences.filter(state__in=[TaskState.OPEN, TaskState.PAUSED]):
                occurrence.state, occurrence.state_reason = TaskState.CANCELLED, task.state_reason
                occurrence.save()
    return task
