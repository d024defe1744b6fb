"""The checks every task service starts with."""

from collections.abc import Callable

from dieuhanh.org.access import Access
from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services.errors import NotAllowed, ServiceError


def require(actor, task: Task, rule: Callable[[Access, Task], bool], what: str) -> Access:
    access = Access.of(actor)
    if not rule(access, task):
        raise NotAllowed(f"Bạn không có quyền {what} đối với nhiệm vụ này.")
    return access


def require_open(task: Task, allow_series: bool = False) -> None:
    if task.state in (TaskState.DONE, TaskState.CANCELLED):
        raise ServiceError(
            f"Nhiệm vụ đã ở trạng thái “{task.get_state_display()}”, không thể thực hiện thao tác này."
        )
    if task.is_series and not allow_series:
        raise ServiceError("Đây là nhiệm vụ định kỳ (gốc); hãy thao tác trên từng kỳ.")
