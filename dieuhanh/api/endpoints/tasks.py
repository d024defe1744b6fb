"""Tasks: the web list's filters and order, one task, and the changes a role may make to it."""

import datetime
import re
from typing import Literal

from django.db import transaction
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja import Status as Created
from pydantic import Field

from dieuhanh.api.auth import access, writing
from dieuhanh.api.errors import ApiError, invalid, not_found
from dieuhanh.api.paging import DEFAULT_PAGE_SIZE, page_of
from dieuhanh.api.schemas import Error, Id, Page, PathId, TaskDetail, TaskIn, TaskOut, TaskPatch
from dieuhanh.core.badinput import errors_text
from dieuhanh.intake.views.upload import managed_organisations
from dieuhanh.org.access import Access
from dieuhanh.org.models import User
from dieuhanh.reports.excel_import import ImportFileError, add_task
from dieuhanh.tasks.access import can_manage, visible_tasks
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services import handling, relative
from dieuhanh.tasks.services.errors import NotAllowed
from dieuhanh.tasks.status import Status, status_of
from dieuhanh.tasks.views.lists import filtered_tasks

router = Router(tags=["Nhiệm vụ"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}


STATUSES = Literal[
    "open", "done", "done_ok", "in_time", "due_soon", "overdue", "no_deadline",
    "done_early", "done_on_time", "done_late", "paused", "cancelled",
]  # fmt: skip


class TaskFilters(Schema):
    """The task list's filters, as on the web page (dates as YYYY-MM-DD or dd/mm/yyyy)."""

    q: str | None = Field(
        None, max_length=200, description="Tìm trong nội dung, tóm tắt, đơn vị, ký hiệu văn bản."
    )
    unit: Id | None = Field(None, description="Mã số (id) đơn vị chủ trì.")
    commune: Id | None = Field(None, description="Mã số (id) xã, phường.")
    owner: Id | None = Field(None, description="Mã số (id) cơ quan theo dõi.")
    status: STATUSES | None = Field(
        None, description="open, done, done_ok: nhóm trạng thái; còn lại: một trạng thái."
    )
    deadline_from: str | None = Field(None, description="Thời hạn từ ngày (YYYY-MM-DD hoặc dd/mm/yyyy).")
    deadline_to: str | None = Field(None, description="Thời hạn đến ngày.")
    document: Id | None = Field(None, description="Mã số (id) văn bản giao.")
    starred: bool | None = Field(None, description="true: chỉ nhiệm vụ ưu tiên.")
    period_start: str | None = Field(None, description="Kỳ từ ngày (cùng period_end).")
    period_end: str | None = Field(None, description="Kỳ đến ngày: trạng thái xét tại ngày này.")
    updated: Literal["yes", "no"] | None = Field(None, description="Có/không có báo cáo tiến độ trong kỳ.")
    sort: Literal["deadline", "-deadline", "-created", "unit", "status"] | None = None
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


def task_out(task: Task, status: str | None = None) -> dict:
    status = status or getattr(task, "status", None) or status_of(task, timezone.localdate())
    document = task.document
    return {
        **{f: getattr(task, f) for f in TaskOut.model_fields if hasattr(task, f) and f not in ("status",)},
        "status": str(status),
        "status_label": Status(status).label,
        "latest_percent": getattr(task, "latest_percent", None),
        "owner": {"id": task.owner_id, "name": task.owner.name},
        "lead_unit": {"id": task.lead_unit_id, "name": task.lead_unit.name},
        "document": (
            {"id": document.pk, "number_symbol": document.number_symbol, "subject": document.subject}
            if document
            else None
        ),
    }


@router.get("/tasks", response={200: Page[TaskOut], **ERRORS}, summary="Danh sách nhiệm vụ")
def list_tasks(request, filters: Query[TaskFilters]):
    form, qs = filtered_tasks(request)
    if form.is_bound and not form.is_valid():
        raise invalid(f"Tham số không hợp lệ. {errors_text(form)}")
    qs = qs.select_related("owner", "lead_unit", "document")
    return page_of(qs, filters.page, filters.page_size, task_out)


def visible_task(request, task_id: int) -> Task:
    qs = visible_tasks(access(request), Task.objects.select_related("owner", "lead_unit", "document"))
    task = qs.filter(pk=task_id).first()
    if task is None:
        raise not_found("nhiệm vụ")
    return task


def task_detail(task: Task) -> dict:
    return {
        **task_out(task),
        "coordinators": [{"id": u.pk, "name": u.name} for u in task.coordinators.all()],
        "assignees": sorted(task.assignees.values_list("pk", flat=True)),
        "series_id": task.series_id,
        "recurrence": task.recurrence,
    }


@router.get("/tasks/{int:task_id}", response={200: TaskDetail, **ERRORS}, summary="Một nhiệm vụ")
def get_task(request, task_id: PathId):
    return task_detail(visible_task(request, task_id))


def _set_starred(task: Task, user, starred: bool) -> None:
    if not can_manage(Access.of(user), task):
        raise NotAllowed("Bạn không có quyền đánh dấu ưu tiên nhiệm vụ này.")
    if task.starred != starred:
        task.starred = starred
        task.save(update_fields=["starred", "updated_at"])


STATE_CHANGES = {
    "paused": handling.pause_task,
    "open": handling.resume_task,
    "cancelled": handling.cancel_task,
}


@router.patch("/tasks/{int:task_id}", response={200: TaskDetail, **ERRORS}, summary="Sửa một nhiệm vụ")
def update_task(request, task_id: PathId, changes: TaskPatch):
    """Only the fields given are changed, all or none, each by the task page's own service and checks."""
    task = visible_task(request, task_id)
    user = request.auth.user
    given = changes.model_dump(exclude_unset=True)
    if not set(given) - {"reason"}:
        raise invalid("Không có trường nào để sửa (starred, assignees, trigger_date, state).")
    with writing(request), transaction.atomic():
        if given.get("starred") is not None:
            _set_starred(task, user, changes.starred)
        if "assignees" in given:
            people = list(User.objects.filter(pk__in=changes.assignees or []))
            if len(people) != len(set(changes.assignees or [])):
                raise invalid("Có người được giao không tồn tại.")
            handling.assign_people(task, user, people)
        if given.get("trigger_date") is not None:
            _check_date(changes.trigger_date)
            relative.set_trigger_date(task, user, changes.trigger_date)
        if changes.state is not None and changes.state != task.state:
            default = "Tiếp tục thực hiện" if changes.state == "open" else ""
            STATE_CHANGES[changes.state](task, user, reason=changes.reason or default)
    return task_detail(visible_task(request, task_id))


def _check_date(day: datetime.date) -> None:
    if not datetime.date(2000, 1, 1) <= day <= datetime.date(2100, 12, 31):
        raise ApiError(400, "invalid", "Ngày phải trong khoảng từ năm 2000 đến năm 2100.")


@router.post("/tasks", response={201: TaskDetail, **ERRORS}, summary="Thêm một nhiệm vụ")
def create_task(request, body: TaskIn):
    """A task typed in, checked and saved as one row of the Excel task import (the web's way of
    adding tasks without a document): the organisation's admins, leaders and trackers add them."""
    organisations = managed_organisations(access(request))
    if not organisations.exists():
        raise ApiError(403, "forbidden", "Bạn không có quyền thêm nhiệm vụ.")
    if body.organisation is None and organisations.count() > 1:
        raise invalid("Cần chọn cơ quan (organisation) để thêm nhiệm vụ.")
    organisation = (
        organisations.filter(pk=body.organisation).first() if body.organisation else organisations.first()
    )
    if organisation is None:
        raise not_found("cơ quan")
    values = {
        "text": body.text,
        "summary": body.summary,
        "lead": body.lead_unit,
        "coordinators": "; ".join(body.coordinators),
        "deadline": _written_date(body.deadline) or body.deadline,
        "target": body.target,
        "budget": body.budget,
        "funding_source": body.funding_source,
    }
    try:
        with writing(request):
            task = add_task(organisation, request.auth.user, values)
    except ImportFileError as exc:
        raise ApiError(400, "refused", str(exc)) from None
    return Created(201, task_detail(visible_task(request, task.pk)))


DATE_SHAPED = re.compile(r"^\s*(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})\s*$")


def _written_date(text: str) -> datetime.date | None:
    """A deadline written as a date (YYYY-MM-DD or dd/mm/yyyy); a phrase ("Quý III/2026") is left to
    the import to read. A date that does not exist is refused here rather than kept as words."""
    shaped = DATE_SHAPED.match(text)
    if not shaped:
        return None
    value = shaped.group(1)
    try:
        if "-" in value:
            return datetime.date.fromisoformat(value)
        return datetime.datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        raise invalid(f"Thời hạn “{value}”: ngày không tồn tại.") from None
