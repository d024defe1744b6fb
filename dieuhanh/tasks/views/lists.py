"""The task list with filters, sorting and pages, and its export to .xlsx."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dieuhanh.core.badinput import query_status, require_valid
from dieuhanh.documents.models import Document
from dieuhanh.org.access import access_of
from dieuhanh.tasks.access import visible_documents, visible_tasks
from dieuhanh.tasks.exports import export_tasks
from dieuhanh.tasks.forms.filters import TaskFilterForm
from dieuhanh.tasks.listing import with_document
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services.cascade import latest_percent
from dieuhanh.tasks.views.common import PAGE_SIZE

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filtered_tasks(request):
    access = access_of(request)
    form = TaskFilterForm(request.GET or None, access=access)
    base = visible_tasks(access, Task.objects.trackable())
    qs = form.apply(base, timezone.localdate()).annotate(latest_percent=latest_percent())
    return form, qs


@login_required
def task_list(request):
    form, qs = filtered_tasks(request)
    page = Paginator(with_document(qs.select_related("lead_unit")), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    document = None
    if form.is_bound and form.is_valid() and form.cleaned_data.get("document"):
        document = (
            visible_documents(access_of(request), Document.objects.all())
            .filter(pk=form.cleaned_data["document"])
            .first()
        )
    return render(
        request,
        "tasks/list.html",
        {"form": form, "page_obj": page, "document": document},
        status=query_status(form),
    )


@login_required
def task_export(request):
    form, qs = filtered_tasks(request)
    if form.is_bound:
        require_valid(form)  # never an unfiltered export for a filter that could not be read
    today = timezone.localdate()
    heading = ["Danh sách nhiệm vụ", f"Trích xuất ngày {today:%d/%m/%Y}"]
    response = HttpResponse(export_tasks(qs, heading), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="nhiem-vu-{today:%Y%m%d}.xlsx"'
    return response
