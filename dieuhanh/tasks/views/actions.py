"""The buttons of the task page: one function per action, named for what it does.

Each receives the task, the person and the action's valid form, and calls one task service;
the service checks the permission (TaskRelation) and refuses with a Vietnamese message.
`offered` says which buttons a person sees, from the same relation.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.shortcuts import get_object_or_404

from dieuhanh.org.models import User
from dieuhanh.tasks.access import TaskRelation
from dieuhanh.tasks.constants import DeadlineKind, TaskState
from dieuhanh.tasks.forms import actions as f
from dieuhanh.tasks.models import DeadlineChange, Task
from dieuhanh.tasks.services import completion, extensions, handling, progress, relative


def report_progress(task, user, form):
    return progress.report_progress(task, user, **form.service_kwargs())


def claim_completion(task, user, form):
    d = form.cleaned_data
    files = [(f.name, f) for f in d["evidence"]]
    return completion.request_completion(task, user, claimed_on=d["claimed_on"], note=d["note"], files=files)


def approve_completion(task, user, form):
    return completion.approve_completion(task, user, note=form.cleaned_data["note"])


def send_back(task, user, form):
    return completion.reject_completion(task, user, note=form.cleaned_data["note"])


def ask_extension(task, user, form):
    d = form.cleaned_data
    return extensions.request_extension(task, user, new_date=d["new_date"], reason=d["reason"])


def decide_extension(task, user, form):
    d = form.cleaned_data
    change = get_object_or_404(DeadlineChange, pk=d["change"], task=task)
    return extensions.decide_extension(
        change, user, approve=d["decision"] == "approve", note=d["note"], objective=d["objective"]
    )


def give_direction(task, user, form):
    return handling.give_direction(task, user, text=form.cleaned_data["text"])


def pause(task, user, form):
    return handling.pause_task(task, user, reason=form.cleaned_data["reason"])


def resume(task, user, form):
    return handling.resume_task(task, user, reason=form.cleaned_data["note"] or "Tiếp tục thực hiện")


def cancel(task, user, form):
    return handling.cancel_task(task, user, reason=form.cleaned_data["reason"])


def set_trigger_date(task, user, form):
    return relative.set_trigger_date(task, user, form.cleaned_data["trigger"])


def assign_people(task, user, form):
    return handling.assign_people(task, user, form.cleaned_data["people"])


def set_evidence_policy(task, user, form):
    return handling.set_evidence_policy(task, user, form.cleaned_data["required"])


def toggle_star(task, user, form):
    return handling.toggle_star(task, user)


@dataclass(frozen=True)
class Action:
    form: type[forms.Form]
    run: Any
    done: str


ACTIONS = {
    "bao-cao": Action(f.ProgressForm, report_progress, "Đã gửi báo cáo tiến độ."),
    "de-nghi-hoan-thanh": Action(
        f.CompletionForm, claim_completion, "Đã gửi đề nghị xác nhận hoàn thành; chờ lãnh đạo xác nhận."
    ),
    "xac-nhan-hoan-thanh": Action(f.NoteForm, approve_completion, "Đã xác nhận hoàn thành nhiệm vụ."),
    "tra-lai": Action(f.RequiredNoteForm, send_back, "Đã trả lại nhiệm vụ để đơn vị thực hiện lại."),
    "gia-han": Action(f.ExtensionForm, ask_extension, "Đã gửi đề nghị gia hạn; chờ lãnh đạo duyệt."),
    "duyet-gia-han": Action(f.ExtensionDecisionForm, decide_extension, "Đã xử lý đề nghị gia hạn."),
    "chi-dao": Action(f.DirectionForm, give_direction, "Đã ghi ý kiến chỉ đạo."),
    "tam-hoan": Action(f.ReasonForm, pause, "Đã tạm hoãn nhiệm vụ."),
    "tiep-tuc": Action(f.NoteForm, resume, "Nhiệm vụ được tiếp tục thực hiện."),
    "huy": Action(f.ReasonForm, cancel, "Đã hủy nhiệm vụ."),
    "ngay-su-kien": Action(f.TriggerForm, set_trigger_date, "Đã nhập ngày xảy ra sự kiện và tính thời hạn."),
    "giao-can-bo": Action(f.AssignForm, assign_people, "Đã giao việc cho cán bộ."),
    "uu-tien": Action(forms.Form, toggle_star, "Đã đổi đánh dấu ưu tiên."),
    "minh-chung": Action(f.EvidencePolicyForm, set_evidence_policy, "Đã lưu yêu cầu minh chứng."),
}


def action_form(slug: str, task: Task, data=None, files=None) -> forms.Form:
    kwargs = {"auto_id": f"id_{slug}_%s"}
    if slug == "giao-can-bo":
        kwargs["candidates"] = (
            User.objects.filter(memberships__unit__path__startswith=task.lead_unit.path)
            .distinct()
            .order_by("full_name", "username")
        )
        if data is None:
            kwargs["initial"] = {"people": list(task.assignees.all())}
    if slug == "de-nghi-hoan-thanh":
        kwargs["evidence_needed"] = task.evidence_required and not completion.has_evidence(task)
    if slug == "minh-chung" and data is None:
        kwargs["initial"] = {"required": task.evidence_required}
    return ACTIONS[slug].form(data, files, **kwargs)


def is_open(task: Task) -> bool:
    return task.state not in (TaskState.DONE, TaskState.CANCELLED) and not task.is_series


def offered(task: Task, relation: TaskRelation, pending_extension) -> list[str]:
    """The actions this person may take on the task as it stands, in the page's order."""
    shown = []
    may_lead = is_open(task) and relation.may_act_as_lead()
    if is_open(task) and relation.may_report():
        shown.append("bao-cao")
    if may_lead and task.state == TaskState.OPEN:
        shown.append("de-nghi-hoan-thanh")
        if task.deadline and pending_extension is None:
            shown.append("gia-han")
        if task.deadline_kind == DeadlineKind.RELATIVE:
            shown.append("ngay-su-kien")
    if may_lead:
        shown.append("giao-can-bo")
    if relation.may_decide():
        if task.state == TaskState.AWAITING_APPROVAL:
            shown += ["xac-nhan-hoan-thanh", "tra-lai"]
        if pending_extension is not None:
            shown.append("duyet-gia-han")
        shown.append("chi-dao")
    if relation.may_manage():
        if is_open(task):
            shown.append("minh-chung")
        if task.state == TaskState.PAUSED:
            shown.append("tiep-tuc")
        elif is_open(task):
            shown.append("tam-hoan")
        if task.state not in (TaskState.DONE, TaskState.CANCELLED):
            shown.append("huy")
    return shown
