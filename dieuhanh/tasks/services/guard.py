"""The checks every task service starts with."""

from collections.abc import Callable

from dieuhanh.org.access import Access
from dieuhanh.tasks.access import TaskRelation
from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services.errors import NotAllowed, ServiceError


def require(actor, task: Task, may: Callable[[TaskRelation], bool], what: str) -> TaskRelation:
    """The actor's relation to the task, when `may` (e.g. TaskRelation.may_report) allows it."""
    relation = TaskRelation(Access.of(actor), task)
    if not may(relation):
        raise NotAllowed(f"Bạn không có quyền {what} đối với nhiệm vụ này.")
    return relation


def require_open(task: Task, allow_series: bool = False) -> None:
    if task.state in (TaskState.DONE, TaskState.CANCELLED):
        raise ServiceError(
            f"Nhiệm vụ đã ở trạng thái “{task.get_state_display()}”, không thể thực hiện thao tác này."
        )
    if task.is_series and not allow_series:
        raise ServiceError("Đây là nhiệm vụ định kỳ (gốc); hãy thao tác trên từng kỳ.")
