""" "Đơn vị của tôi": a unit member's tasks, those needing action first, and a one-form progress report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.shortcuts import redirect, render
from django.utils import timezone

from dieuhanh.core.templatetags.dieuhanh import shortwords
from dieuhanh.org.access import access_of
from dieuhanh.tasks.access import visible_tasks
from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.forms.actions import UnitProgressForm
from dieuhanh.tasks.listing import with_document
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services.errors import ServiceError
from dieuhanh.tasks.services.progress import report_progress
from dieuhanh.tasks.status import Status, annotate_status
from dieuhanh.tasks.views.detail import RETURNED_PREFIX

LIMIT = 300


def unit_tasks(access, today):
    """Open tasks where the person's units lead or coordinate, the ones needing action first."""
    scope = Q(pk__in=[])
    for path in access.unit_paths:
        scope |= Q(lead_unit__path__startswith=path) | Q(coordinators__path__startswith=path)
    ids = Task.objects.trackable().filter(scope).values("pk")
    qs = visible_tasks(access, Task.objects.filter(pk__in=ids)).filter(
        state__in=[TaskState.OPEN, TaskState.AWAITING_APPROVAL, TaskState.PAUSED]
    )
    returned = Q(state=TaskState.OPEN, state_reason__startswith=RETURNED_PREFIX)
    priority = Case(
        When(status=Status.OVERDUE, then=Value(0)),
        When(returned, then=Value(1)),
        When(status=Status.DUE_SOON, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    qs = annotate_status(qs, today).annotate(
        priority=priority, is_returned=Case(When(returned, then=Value(True)), default=Value(False))
    )
    return with_document(qs.select_related("lead_unit")).order_by(
        "priority", F("deadline").asc(nulls_last=True), "id"
    )[:LIMIT]


@login_required
def my_unit(request):
    access = access_of(request)
    today = timezone.localdate()
    tasks = list(unit_tasks(access, today))
    reportable = [t for t in tasks if t.state != TaskState.PAUSED]
    posted = request.method == "POST"
    form = UnitProgressForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        tasks=reportable,
        auto_id="id_unit_%s",
    )
    if request.method == "POST" and form.is_valid():
        task = next(t for t in reportable if t.pk == form.cleaned_data["task"])
        try:
            report_progress(task, request.user, **form.service_kwargs())
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"Đã gửi báo cáo tiến độ cho nhiệm vụ “{shortwords(task.summary or task.text, 120)}”.",
            )
            return redirect("tasks:my_unit")
    units = sorted({m.unit.name for m in access.memberships})
    return render(
        request,
        "tasks/my_unit.html",
        {
            "urgent": [t for t in tasks if t.priority < 3],
            "others": [t for t in tasks if t.priority == 3],
            "form": form,
            "units": units,
            "is_member": bool(access.unit_paths),
        },
        status=400 if request.method == "POST" else 200,
    )
