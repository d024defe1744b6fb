"""Task detail: the text, its source, the timeline, and the buttons each role may use.

Every button posts to `task_action`, which validates its form and calls the
task service; the service checks permission again and its Vietnamese
message is shown when it refuses.
"""

from dataclasses import dataclass
from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from dieuhanh.org.access import Access, access_of
from dieuhanh.org.models import User
from dieuhanh.tasks.access import can_act_as_lead, can_decide, can_manage, can_report
from dieuhanh.tasks.constants import ChangeStatus, DeadlineKind, TaskState
from dieuhanh.tasks.forms import actions as f
from dieuhanh.tasks.models import DeadlineChange, ProgressAttachment
from dieuhanh.tasks.services import completion, extensions, handling, progress, relative
from dieuhanh.tasks.services.cascade import rollup
from dieuhanh.tasks.services.errors import NotAllowed, ServiceError
from dieuhanh.tasks.status import status_of
from dieuhanh.tasks.views.common import visible_task_or_404

RETURNED_PREFIX = "Thực hiện lại"


def _assign_candidates(task):
    return (
        User.objects.filter(memberships__unit__path__startswith=task.lead_unit.path)
        .distinct()
        .order_by("full_name", "username")
    )


def _decide_extension(task, user, d):
    change = get_object_or_404(DeadlineChange, pk=d["change"], task=task)
    return extensions.decide_extension(
        change, user, approve=d["decision"] == "approve", note=d["note"], objective=d["objective"]
    )


def _toggle_star(task, user, d):
    if not can_manage(Access.of(user), task):
        raise NotAllowed("Bạn không có quyền đánh dấu ưu tiên nhiệm vụ này.")
    task.starred = not task.starred
    task.save(update_fields=["starred", "updated_at"])


@dataclass(frozen=True)
class Action:
    form: type
    run: Any
    done: str


ACTIONS = {
    "bao-cao": Action(
        f.ProgressForm,
        lambda t, u, d, form: progress.report_progress(t, u, **form.service_kwargs()),
        "Đã gửi báo cáo tiến độ.",
    ),
    "de-nghi-hoan-thanh": Action(
        f.CompletionForm,
        lambda t, u, d, form: completion.request_completion(t, u, claimed_on=d["claimed_on"], note=d["note"]),
        "Đã gửi đề nghị xác nhận hoàn thành; chờ lãnh đạo xác nhận.",
    ),
    "xac-nhan-hoan-thanh": Action(
        f.NoteForm,
        lambda t, u, d, form: completion.approve_completion(t, u, note=d["note"]),
        "Đã xác nhận hoàn thành nhiệm vụ.",
    ),
    "tra-lai": Action(
        f.RequiredNoteForm,
        lambda t, u, d, form: completion.reject_completion(t, u, note=d["note"]),
        "Đã trả lại nhiệm vụ để đơn vị thực hiện lại.",
    ),
    "gia-han": Action(
        f.ExtensionForm,
        lambda t, u, d, form: extensions.request_extension(t, u, new_date=d["new_date"], reason=d["reason"]),
        "Đã gửi đề nghị gia hạn; chờ lãnh đạo duyệt.",
    ),
    "duyet-gia-han": Action(
        f.ExtensionDecisionForm, lambda t, u, d, form: _decide_extension(t, u, d), "Đã xử lý đề nghị gia hạn."
    ),
    "chi-dao": Action(
        f.DirectionForm,
        lambda t, u, d, form: handling.give_direction(t, u, text=d["text"]),
        "Đã ghi ý kiến chỉ đạo.",
    ),
    "tam-hoan": Action(
        f.ReasonForm,
        lambda t, u, d, form: handling.pause_task(t, u, reason=d["reason"]),
        "Đã tạm hoãn nhiệm vụ.",
    ),
    "tiep-tuc": Action(
        f.NoteForm,
        lambda t, u, d, form: handling.resume_task(t, u, reason=d["note"] or "Tiếp tục thực hiện"),
        "Nhiệm vụ được tiếp tục thực hiện.",
    ),
    "huy": Action(
        f.ReasonForm, lambda t, u, d, form: handling.cancel_task(t, u, reason=d["reason"]), "Đã hủy nhiệm vụ."
    ),
    "ngay-su-kien": Action(
        f.TriggerForm,
        lambda t, u, d, form: relative.set_trigger_date(t, u, d["trigger"]),
        "Đã nhập ngày xảy ra sự kiện và tính thời hạn.",
    ),
    "giao-can-bo": Action(
        f.AssignForm,
        lambda t, u, d, form: handling.assign_people(t, u, d["people"]),
        "Đã giao việc cho cán bộ.",
    ),
    "uu-tien": Action(djforms.Form, lambda t, u, d, form: _toggle_star(t, u, d), "Đã đổi đánh dấu ưu tiên."),
}


def _form(slug, task, data=None, files=None):
    kwargs = {"auto_id": f"id_{slug}_%s"}
    if slug == "giao-can-bo":
        kwargs["candidates"] = _assign_candidates(task)
        if data is None:
            kwargs["initial"] = {"people": list(task.assignees.all())}
    return ACTIONS[slug].form(data, files, **kwargs)


def _timeline(task) -> list[tuple]:
    """(moment, kind, object), newest first: reports, directions, extensions, completion requests."""
    items = [
        (r.created_at, "report", r)
        for r in task.reports.select_related("unit", "author").prefetch_related("attachments")
    ]
    items += [(d.created_at, "direction", d) for d in task.directions.select_related("author")]
    items += [
        (c.requested_at, "extension", c)
        for c in task.deadline_changes.select_related("requested_by", "decided_by")
    ]
    items += [
        (c.requested_at, "completion", c)
        for c in task.completion_requests.select_related("requested_by", "decided_by")
    ]
    return sorted(items, key=lambda item: item[0], reverse=True)


def detail_context(request, task, bound: dict | None = None) -> dict:
    access = access_of(request)
    today = timezone.localdate()
    is_open = task.state not in (TaskState.DONE, TaskState.CANCELLED) and not task.is_series
    may = {
        "report": is_open and can_report(access, task),
        "lead": is_open and can_act_as_lead(access, task),
        "decide": can_decide(access, task),
        "manage": can_manage(access, task),
    }
    pending_extension = task.deadline_changes.filter(status=ChangeStatus.REQUESTED).first()
    awaiting = task.state == TaskState.AWAITING_APPROVAL
    shown = []
    if may["report"]:
        shown.append("bao-cao")
    if may["lead"] and task.state == TaskState.OPEN:
        shown.append("de-nghi-hoan-thanh")
        if task.deadline and pending_extension is None:
            shown.append("gia-han")
        if task.deadline_kind == DeadlineKind.RELATIVE:
            shown.append("ngay-su-kien")
    if may["lead"]:
        shown.append("giao-can-bo")
    if may["decide"]:
        if awaiting:
            shown += ["xac-nhan-hoan-thanh", "tra-lai"]
        if pending_extension is not None:
            shown.append("duyet-gia-han")
        shown.append("chi-dao")
    if may["manage"]:
        if task.state == TaskState.PAUSED:
            shown.append("tiep-tuc")
        elif is_open:
            shown.append("tam-hoan")
        if task.state not in (TaskState.DONE, TaskState.CANCELLED):
            shown.append("huy")
    bound = bound or {}
    action_forms = {slug.replace("-", "_"): bound.get(slug) or _form(slug, task) for slug in shown}
    source = ""
    if task.document_id and task.span_start is not None and task.span_end is not None:
        source = task.document.text[task.span_start : task.span_end]
    return {
        "task": task,
        "status": status_of(task, today),
        "may": may,
        "forms": action_forms,
        "pending_extension": pending_extension,
        "returned": task.state == TaskState.OPEN and task.state_reason.startswith(RETURNED_PREFIX),
        "timeline": _timeline(task),
        "coordinators": list(task.coordinators.all()),
        "assignees": list(task.assignees.all()),
        "source": source,
        "rollup": rollup(task) if task.children.exists() else None,
        "series": task.series,
        "today": today,
    }


@login_required
def task_detail(request, pk: int):
    task = visible_task_or_404(request, pk)
    return render(request, "tasks/detail.html", detail_context(request, task))


@login_required
@require_POST
def task_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    task = visible_task_or_404(request, pk)
    form = _form(action, task, request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Chưa thực hiện được: vui lòng kiểm tra các ô được đánh dấu.")
        context = detail_context(request, task, bound={action: form})
        context["open_form"] = action
        return render(request, "tasks/detail.html", context, status=400)
    try:
        ACTIONS[action].run(task, request.user, form.cleaned_data, form)
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
