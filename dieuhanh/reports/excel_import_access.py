"""What a person may change through the Excel task import, decided with the task pages' rules.

A row naming a task ("Mã") updates it only when the importer may manage that task
(`manageable_tasks`: a confidential task not naming them is refused, whatever their role).
A row's "Trạng thái" is never written into the task: it is a step of the workflow,
carried out later by the task services, which check the permission again —

    Hoàn thành, by a leader      → completion requested, then approved (as on the task page)
    Hoàn thành, by anyone else   → completion requested, waiting for a leader
    Tạm hoãn, Đang thực hiện, Hủy → pause, resume, cancel (the tracking office)

and a step the task pages do not offer (reopening a closed task, undoing a request)
refuses the row with a reason in Vietnamese.
"""

import datetime
import enum
from dataclasses import dataclass

from django.utils import timezone

from dieuhanh.org.access import Access
from dieuhanh.org.models import Unit
from dieuhanh.tasks.access import DECIDERS, can_decide, manageable_tasks
from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services import completion, handling

IMPORT_NOTE = "Cập nhật từ tệp Excel nhập vào hệ thống."
CLOSED = (TaskState.DONE, TaskState.CANCELLED)


class Step(enum.StrEnum):
    """The workflow steps a row may ask for."""

    REQUEST = "request"
    REQUEST_AND_APPROVE = "request_and_approve"
    APPROVE = "approve"
    PAUSE = "pause"
    RESUME = "resume"
    CANCEL = "cancel"


@dataclass(frozen=True)
class RowPlan:
    """What saving a valid row does: update `task` (None: create one), then take `step`."""

    task: Task | None
    step: str | None


def refusal(task_id: int) -> str:
    # The same words whether the task is confidential, of another organisation or missing.
    return f"Mã {task_id}: bạn không có quyền cập nhật nhiệm vụ này. Để trống cột “Mã” nếu muốn thêm nhiệm vụ mới."


def plan_rows(rows, organisation: Unit, access: Access) -> dict[int, RowPlan]:
    """A plan for each valid row (by row number); a row the importer may not save gets an error."""
    ids = [r.data["id"] for r in rows if r.is_valid and r.data["id"]]
    in_organisation = Task.objects.filter(pk__in=ids, owner__path__startswith=organisation.path)
    tasks = {t.pk: t for t in manageable_tasks(access, in_organisation)}
    known = set(in_organisation.values_list("pk", flat=True))
    may_decide_new = access.acts_for(organisation, DECIDERS)
    plans = {}
    for row in rows:
        if not row.is_valid:
            continue
        task_id = row.data["id"]
        if task_id in known and task_id not in tasks:
            row.errors.append(refusal(task_id))
            continue
        task = tasks.get(task_id)
        may_decide = may_decide_new if task is None else can_decide(access, task)
        step, problem = _step(task, row.data, may_decide)
        if problem:
            row.errors.append(problem)
            continue
        plans[row.number] = RowPlan(task, step)
    return plans


def _step(task: Task | None, data: dict, may_decide: bool) -> tuple[str | None, str | None]:
    """(step, None) or (None, the reason the row is refused)."""
    current = task.state if task is not None else TaskState.OPEN
    wanted, done_on = data["state"], data["completed_on"]
    label = TaskState(current).label
    if wanted == current:
        if current in (TaskState.DONE, TaskState.AWAITING_APPROVAL) and task.completed_on != done_on:
            return None, f"Nhiệm vụ đã ở trạng thái “{label}”; không sửa ngày hoàn thành bằng tệp nhập được."
        return None, None
    if current in CLOSED:
        return None, f"Nhiệm vụ đã ở trạng thái “{label}”; không đổi trạng thái bằng tệp nhập được."
    if wanted == TaskState.CANCELLED:
        return Step.CANCEL, None
    if current == TaskState.AWAITING_APPROVAL:
        if wanted != TaskState.DONE:
            return None, (
                "Nhiệm vụ đang chờ lãnh đạo xác nhận hoàn thành; lãnh đạo xác nhận hoặc trả lại "
                "trên trang nhiệm vụ."
            )
        if not may_decide:
            return None, None  # already waiting for a leader: nothing more the importer can do
        if task.completed_on != done_on:
            return None, "Ngày hoàn thành khác với ngày trong đề nghị đang chờ xác nhận."
        return Step.APPROVE, None
    if data["is_series"]:
        return None, "Nhiệm vụ định kỳ (gốc): cập nhật trạng thái cho từng kỳ."
    if wanted in (TaskState.DONE, TaskState.AWAITING_APPROVAL):
        if done_on is not None and done_on > timezone.localdate():
            return None, "Ngày hoàn thành không được sau ngày hôm nay."
        return (Step.REQUEST_AND_APPROVE if wanted == TaskState.DONE and may_decide else Step.REQUEST), None
    return (Step.PAUSE if wanted == TaskState.PAUSED else Step.RESUME), None


def take_step(step: str, task: Task, user, done_on: datetime.date | None) -> None:
    """Carry out `step` through the task services (which check the permission once more)."""
    if step in (Step.REQUEST, Step.REQUEST_AND_APPROVE):
        completion.request_completion(task, user, claimed_on=done_on, note=IMPORT_NOTE)
    if step in (Step.REQUEST_AND_APPROVE, Step.APPROVE):
        completion.approve_completion(task, user, note=IMPORT_NOTE)
    elif step == Step.PAUSE:
        handling.pause_task(task, user, reason=IMPORT_NOTE)
    elif step == Step.RESUME:
        handling.resume_task(task, user, reason=IMPORT_NOTE)
    elif step == Step.CANCEL:
        handling.cancel_task(task, user, reason=IMPORT_NOTE)
