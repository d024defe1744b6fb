"""Task detail: the text, its source, the timeline, and the buttons each role may use.

Every button posts to `task_action`, which validates the action's form and runs it
(views/actions.py); the task service checks the permission again and its Vietnamese
message is shown when it refuses.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from dieuhanh.org.access import access_of
from dieuhanh.tasks.access import TaskRelation
from dieuhanh.tasks.constants import ChangeStatus, TaskState
from dieuhanh.tasks.models import ProgressAttachment, Task
from dieuhanh.tasks.services.cascade import rollup
from dieuhanh.tasks.services.errors import ServiceError
from dieuhanh.tasks.status import status_of
from dieuhanh.tasks.views.actions import ACTIONS, action_form, is_open, offered
from dieuhanh.tasks.views.common import visible_task_or_404

RETURNED_PREFIX = "Thực hiện lại"


def _timeline(task, extensions) -> list[tuple]:
    """(moment, kind, object), newest first: reports, directions, extensions, completion requests."""
    items = [
        (r.created_at, "report", r)
        for r in task.reports.select_related("unit", "author").prefetch_related("attachments")
    ]
    items += [(d.created_at, "direction", d) for d in task.directions.select_related("author")]
    items += [(c.requested_at, "extension", c) for c in extensions]
    items += [
        (c.requested_at, "completion", c)
        for c in task.completion_requests.select_related("requested_by", "decided_by")
    ]
    return sorted(items, key=lambda item: item[0], reverse=True)


def detail_context(request, task, bound: dict | None = None) -> dict:
    today = timezone.localdate()
    # The page only shows tasks found among the visible ones: no need to ask again.
    relation = TaskRelation(access_of(request), task, visible=True)
    extensions = list(task.deadline_changes.select_related("requested_by", "decided_by"))
    pending_extension = next((c for c in extensions if c.status == ChangeStatus.REQUESTED), None)
    bound = bound or {}
    action_forms = {
        slug.replace("-", "_"): bound.get(slug) or action_form(slug, task)
        for slug in offered(task, relation, pending_extension)
    }
    source = ""
    if task.document_id and task.span_start is not None and task.span_end is not None:
        source = task.document.text[task.span_start : task.span_end]
    stats = rollup(task)
    return {
        "task": task,
        "status": status_of(task, today),
        "may": {
            "report": is_open(task) and relation.may_report(),
            "lead": is_open(task) and relation.may_act_as_lead(),
            "decide": relation.may_decide(),
            "manage": relation.may_manage(),
        },
        "forms": action_forms,
        "pending_extension": pending_extension,
        "returned": task.state == TaskState.OPEN and task.state_reason.startswith(RETURNED_PREFIX),
        "timeline": _timeline(task, extensions),
        "coordinators": list(task.coordinators.all()),
        "assignees": list(task.assignees.all()),
        "source": source,
        "rollup": stats if stats.children else None,
        "series": task.series,
        "today": today,
    }


def task_page_or_404(request, pk: int) -> Task:
    """The visible task with what its page shows about it read in the same breath."""
    return visible_task_or_404(
        request,
        pk,
        Task.objects.select_related("lead_unit", "owner", "document", "parent", "series").prefetch_related(
            "coordinators", "assignees"
        ),
    )


@login_required
def task_detail(request, pk: int):
    task = task_page_or_404(request, pk)
    return render(request, "tasks/detail.html", detail_context(request, task))


@login_required
@require_POST
def task_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    task = visible_task_or_404(request, pk)
    form = action_form(action, task, request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Chưa thực hiện được: vui lòng kiểm tra các ô được đánh dấu.")
        context = detail_context(request, task_page_or_404(request, pk), bound={action: form})
        context["open_form"] = action
        return render(request, "tasks/detail.html", context, status=400)
    try:
        ACTIONS[action].run(task, request.user, form)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, ACTIONS[action].done)
    target = request.POST.get("next", "")
    # Only a path on this site: redirect() would read "abc" as a view name and fail.
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        target = reverse("tasks:detail", args=[task.pk])
    return HttpResponseRedirect(target)


@login_required
def attachment_download(request, pk: int, attachment_id: int):
    task = visible_task_or_404(request, pk)
    attachment = get_object_or_404(ProgressAttachment, pk=attachment_id, report__task=task)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
