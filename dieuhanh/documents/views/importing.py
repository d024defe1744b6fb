"""Import pages: upload one or several files, then review the proposed tasks and confirm them.

Only the organisation's admins, leaders and trackers reach these pages (the
services check it again); a draft of a confidential document is shown only
to the people named on it.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from dieuhanh.core.templatetags.dieuhanh import doclabel
from dieuhanh.documents.forms import UPLOAD_EXTENSIONS, AddDraftTaskForm, DraftTaskForm, ImportForm, SplitForm
from dieuhanh.documents.models import DraftTask, ImportDraft
from dieuhanh.documents.services.importing import (
    MANAGING_ROLES,
    DraftError,
    add_draft_task,
    confirm_draft,
    discard_draft,
    draft_problems,
    drop_draft_task,
    import_document,
    merge_draft_tasks,
    split_draft_task,
    update_draft_task,
)
from dieuhanh.documents.services.registry import DocumentError
from dieuhanh.documents.views.highlight import Span, pieces
from dieuhanh.org.access import access_of
from dieuhanh.org.models import Unit
from dieuhanh.tasks.access import visible_documents


def managed_organisations(access):
    """The communes and provinces this person may import into."""
    if access.is_superuser:
        return Unit.objects.filter(kind__in=["commune", "province"], is_active=True)
    return Unit.objects.filter(path__in=access.org_paths(MANAGING_ROLES))


def pending_drafts(access):
    orgs = managed_organisations(access)
    docs = visible_documents(access)
    return (
        ImportDraft.objects.filter(
            organisation__in=orgs, status=ImportDraft.Status.PENDING, document__in=docs
        )
        .select_related("document", "organisation")
        .order_by("-created_at")
    )


@login_required
def upload(request):
    access = access_of(request)
    organisations = managed_organisations(access)
    if not organisations.exists():
        raise Http404
    posted = request.method == "POST"
    form = ImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        organisations=organisations,
        initial={"organisation": organisations.first()},
    )
    if request.method == "POST" and form.is_valid():
        drafts = []
        for upload_file in form.cleaned_data["uploads"]:
            try:
                drafts.append(
                    import_document(
                        org=form.cleaned_data["organisation"],
                        data=upload_file.read(),
                        filename=upload_file.name,
                        actor=request.user,
                    )
                )
            except DocumentError as exc:
                existing = getattr(exc, "existing", None)
                if existing is None:
                    messages.error(request, f"Tệp “{upload_file.name}”: {exc}")
                else:
                    url = reverse("documents:detail", args=[existing.pk])
                    messages.error(
                        request,
                        format_html(
                            'Tệp “{}”: {} <a href="{}">Xem văn bản đã có</a>', upload_file.name, exc, url
                        ),
                    )
        for draft in drafts:
            messages.success(
                request,
                f"Đã nhập “{doclabel(draft.document)}”: {draft.tasks.count()} nhiệm vụ đề xuất chờ rà soát.",
            )
        if len(drafts) == 1:
            return redirect("documents:review", pk=drafts[0].pk)
        return redirect("documents:import")
    return render(
        request,
        "documents/upload.html",
        {
            "form": form,
            "drafts": pending_drafts(access),
            "extensions": ", ".join(UPLOAD_EXTENSIONS),
            "max_mb": settings.FILE_UPLOAD_MAX_BYTES // (1024 * 1024),
        },
        status=400 if request.method == "POST" else 200,
    )


def draft_or_404(request, pk: int) -> ImportDraft:
    """A draft of an organisation this person manages, whose document they may see."""
    access = access_of(request)
    drafts = ImportDraft.objects.filter(
        organisation__in=managed_organisations(access), document__in=visible_documents(access)
    )
    return get_object_or_404(drafts.select_related("document", "organisation"), pk=pk)


def draft_task_or_404(request, pk: int, task_id: int) -> DraftTask:
    draft = draft_or_404(request, pk)
    return get_object_or_404(
        DraftTask.objects.select_related("draft__document", "draft__organisation", "lead_unit"),
        pk=task_id,
        draft=draft,
    )


def org_units(draft):
    return Unit.objects.filter(path__startswith=draft.organisation.path, is_active=True).order_by("path")


def review_context(draft, forms=None) -> dict:
    rows = list(
        draft.tasks.select_related("lead_unit", "merged_into")
        .prefetch_related("coordinators")
        .order_by("position", "pk")
    )
    problems = draft_problems(draft)
    by_task = {}
    for p in problems:
        by_task.setdefault(p.draft_task_id, []).append(p)
    numbers = {dt.pk: n for n, dt in enumerate((dt for dt in rows if not dt.dropped), start=1)}
    spans = [
        Span(dt.span_start, dt.span_end, str(numbers[dt.pk]), f"dt-span-{dt.pk}", f"#dt-{dt.pk}")
        for dt in rows
        if not dt.dropped and dt.span_start is not None and dt.span_end is not None
    ]
    forms = forms or {}
    return {
        "draft": draft,
        "document": draft.document,
        "rows": [(dt, numbers.get(dt.pk), by_task.get(dt.pk, []), forms.get(dt.pk)) for dt in rows],
        "pieces": pieces(draft.document.text, spans),
        "document_problems": by_task.get(None, []),
        "problems": problems,
        "blocking": [p for p in problems if p.blocking],
        "add_form": forms.get("add") or AddDraftTaskForm(units=org_units(draft), auto_id="id_add_%s"),
        "pending": draft.status == ImportDraft.Status.PENDING,
    }


@login_required
def review(request, pk: int):
    draft = draft_or_404(request, pk)
    return render(request, "documents/review.html", review_context(draft))


def _card(request, dt, form=None, status=200):
    draft = dt.draft
    context = review_context(draft, {dt.pk: form} if form else None)
    row = next(r for r in context["rows"] if r[0].pk == dt.pk)
    context.update(row=row, oob=True)
    return render(request, "documents/_draft_task.html", context, status=status)


@login_required
def edit_task(request, pk: int, task_id: int):
    dt = draft_task_or_404(request, pk, task_id)
    form = DraftTaskForm(
        request.POST if request.method == "POST" else None,
        instance=dt,
        units=org_units(dt.draft),
        auto_id=f"id_dt{dt.pk}_%s",
    )
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        try:
            if changes:
                update_draft_task(DraftTask.objects.get(pk=dt.pk), **changes)
        except DraftError as exc:
            messages.error(request, str(exc))
        if request.htmx:
            return _card(request, DraftTask.objects.select_related("draft__document").get(pk=dt.pk))
        messages.success(request, "Đã lưu sửa đổi nhiệm vụ đề xuất.")
        return redirect(f"{reverse('documents:review', args=[pk])}#dt-{dt.pk}")
    if request.htmx:
        return render(request, "documents/_draft_task_form.html", {"dt": dt, "form": form, "draft": dt.draft})
    return render(
        request,
        "documents/draft_task_edit.html",
        {"dt": dt, "form": form, "draft": dt.draft},
        status=400 if request.method == "POST" else 200,
    )


def _back(pk, anchor=""):
    return redirect(reverse("documents:review", args=[pk]) + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
def drop_task(request, pk: int, task_id: int):
    dt = draft_task_or_404(request, pk, task_id)
    try:
        drop_draft_task(dt, dropped=request.POST.get("restore") != "1")
    except DraftError as exc:
        messages.error(request, str(exc))
    return _back(pk, f"dt-{dt.pk}")


@login_required
@require_POST
def split_task(request, pk: int, task_id: int):
    dt = draft_task_or_404(request, pk, task_id)
    form = SplitForm(request.POST, text=dt.text)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["phrase"]))
        return _back(pk, f"dt-{dt.pk}")
    try:
        split_draft_task(dt, form.cleaned_data["at"])
    except DraftError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã tách nhiệm vụ thành hai.")
    return _back(pk, f"dt-{dt.pk}")


@login_required
@require_POST
def merge_tasks(request, pk: int):
    draft = draft_or_404(request, pk)
    ids = [int(x) for x in request.POST.getlist("ids") if x.isdigit()]
    try:
        keeper = merge_draft_tasks(draft, ids)
    except DraftError as exc:
        messages.error(request, str(exc))
        return _back(pk)
    messages.success(request, "Đã gộp các nhiệm vụ đã chọn.")
    return _back(pk, f"dt-{keeper.pk}")


@login_required
@require_POST
def add_task(request, pk: int):
    draft = draft_or_404(request, pk)
    form = AddDraftTaskForm(request.POST, units=org_units(draft), auto_id="id_add_%s")
    if not form.is_valid():
        messages.error(request, "Chưa thêm được nhiệm vụ: vui lòng kiểm tra các ô được đánh dấu.")
        return render(request, "documents/review.html", review_context(draft, {"add": form}), status=400)
    try:
        dt = add_draft_task(draft, text=form.cleaned_data["text"], **form.fields_for_service())
    except DraftError as exc:
        messages.error(request, str(exc))
        return _back(pk)
    messages.success(request, "Đã thêm nhiệm vụ.")
    return _back(pk, f"dt-{dt.pk}")


@login_required
@require_POST
def confirm(request, pk: int):
    draft = draft_or_404(request, pk)
    try:
        with transaction.atomic():
            tasks = confirm_draft(draft, request.user)
    except DraftError as exc:
        messages.error(request, str(exc))
        return _back(pk)
    messages.success(request, f"Đã xác nhận {len(tasks)} nhiệm vụ của “{doclabel(draft.document)}”.")
    return redirect(reverse("tasks:list") + f"?document={draft.document_id}")


@login_required
@require_POST
def discard(request, pk: int):
    draft = draft_or_404(request, pk)
    try:
        discard_draft(draft, request.user)
    except DraftError as exc:
        messages.error(request, str(exc))
        return _back(pk)
    messages.success(request, "Đã hủy bản nháp; văn bản vẫn được lưu trong sổ văn bản.")
    return redirect("documents:import")
