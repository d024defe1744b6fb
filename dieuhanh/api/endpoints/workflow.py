"""The requests on a task and their decisions, through the task page's own services and checks:
completion (the unit claims it, a leader approves or returns it), extension (the unit asks for a
later deadline, a leader grants or refuses it), and a leader's directions (chỉ đạo)."""

from ninja import Router, Status

from dieuhanh.api.auth import writing
from dieuhanh.api.endpoints.tasks import ERRORS, visible_task
from dieuhanh.api.errors import not_found
from dieuhanh.api.schemas import (
    CompletionDecisionIn,
    CompletionIn,
    CompletionOut,
    DirectionIn,
    DirectionOut,
    ExtensionDecisionIn,
    ExtensionIn,
    ExtensionOut,
    PathId,
)
from dieuhanh.tasks.models import CompletionRequest, DeadlineChange, Direction
from dieuhanh.tasks.services import completion, extensions, handling

router = Router(tags=["Hoàn thành, gia hạn, chỉ đạo"])


def _decided(item) -> dict:
    return {
        "id": item.pk,
        "task_id": item.task_id,
        "status": item.status,
        "status_label": item.get_status_display(),
        "requested_by": str(item.requested_by) if item.requested_by else "",
        "requested_at": item.requested_at,
        "decided_by": str(item.decided_by) if item.decided_by else "",
        "decided_at": item.decided_at,
        "decision_note": item.decision_note,
    }


def completion_out(item: CompletionRequest) -> dict:
    return {**_decided(item), "claimed_on": item.claimed_on, "note": item.note}


def extension_out(item: DeadlineChange) -> dict:
    return {
        **_decided(item),
        "old_date": item.old_date,
        "new_date": item.new_date,
        "reason": item.reason,
        "objective": item.objective,
    }


def direction_out(item: Direction) -> dict:
    return {
        "id": item.pk,
        "task_id": item.task_id,
        "author": str(item.author) if item.author else "",
        "text": item.text,
        "created_at": item.created_at,
    }


PEOPLE = ("requested_by", "decided_by")


@router.get(
    "/tasks/{int:task_id}/completion",
    response={200: list[CompletionOut], **ERRORS},
    summary="Đề nghị xác nhận hoàn thành",
)
def list_completion_requests(request, task_id: PathId):
    task = visible_task(request, task_id)
    return [completion_out(c) for c in task.completion_requests.select_related(*PEOPLE)]


@router.post(
    "/tasks/{int:task_id}/completion",
    response={201: CompletionOut, **ERRORS},
    summary="Đề nghị xác nhận hoàn thành",
)
def request_completion(request, task_id: PathId, body: CompletionIn):
    """The lead unit (or the tracking office) claims the task done, with its result; a leader decides."""
    task = visible_task(request, task_id)
    with writing(request):
        item = completion.request_completion(
            task, request.auth.user, claimed_on=body.claimed_on, note=body.note
        )
    return Status(201, completion_out(item))


@router.post(
    "/tasks/{int:task_id}/completion/decision",
    response={200: CompletionOut, **ERRORS},
    summary="Xác nhận hoặc trả lại",
)
def decide_completion(request, task_id: PathId, body: CompletionDecisionIn):
    """approve: the task is done (on the claimed date); return: the unit does it again (reason needed)."""
    task = visible_task(request, task_id)
    decide = completion.approve_completion if body.decision == "approve" else completion.reject_completion
    with writing(request):
        item = decide(task, request.auth.user, note=body.note)
    return completion_out(item)


@router.get(
    "/tasks/{int:task_id}/extensions", response={200: list[ExtensionOut], **ERRORS}, summary="Đề nghị gia hạn"
)
def list_extensions(request, task_id: PathId):
    task = visible_task(request, task_id)
    return [extension_out(c) for c in task.deadline_changes.select_related(*PEOPLE)]


@router.post(
    "/tasks/{int:task_id}/extensions", response={201: ExtensionOut, **ERRORS}, summary="Đề nghị gia hạn"
)
def request_extension(request, task_id: PathId, body: ExtensionIn):
    task = visible_task(request, task_id)
    with writing(request):
        item = extensions.request_extension(
            task, request.auth.user, new_date=body.new_date, reason=body.reason
        )
    return Status(201, extension_out(item))


@router.post(
    "/tasks/{int:task_id}/extensions/{int:extension_id}/decision",
    response={200: ExtensionOut, **ERRORS},
    summary="Duyệt đề nghị gia hạn",
)
def decide_extension(request, task_id: PathId, extension_id: PathId, body: ExtensionDecisionIn):
    """grant: the deadline moves (the original one is kept for reporting); refuse: a reason is needed."""
    task = visible_task(request, task_id)
    change = task.deadline_changes.filter(pk=extension_id).first()
    if change is None:
        raise not_found("đề nghị gia hạn")
    with writing(request):
        item = extensions.decide_extension(
            change,
            request.auth.user,
            approve=body.decision == "grant",
            note=body.note,
            objective=body.objective,
        )
    return extension_out(item)


@router.get(
    "/tasks/{int:task_id}/directions", response={200: list[DirectionOut], **ERRORS}, summary="Ý kiến chỉ đạo"
)
def list_directions(request, task_id: PathId):
    task = visible_task(request, task_id)
    return [direction_out(d) for d in task.directions.select_related("author").order_by("-created_at", "-id")]


@router.post(
    "/tasks/{int:task_id}/directions", response={201: DirectionOut, **ERRORS}, summary="Cho ý kiến chỉ đạo"
)
def give_direction(request, task_id: PathId, body: DirectionIn):
    task = visible_task(request, task_id)
    with writing(request):
        item = handling.give_direction(task, request.auth.user, text=body.text)
    return Status(201, direction_out(item))
