"""The review of a draft: its proposed tasks beside the document's text, corrected one by one
(only the card is redrawn: views/cards.py), merged, split, dropped or added, then confirmed or
discarded; bulk actions are in views/bulk.py.

Only the organisation's admins, leaders and trackers reach these pages, and a draft of a
confidential document only the people named on it (`draft_or_404`); confirming and
discarding check it again in the services.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dieuhanh.core.templatetags.dieuhanh import doclabel
from dieuhanh.intake.forms import AddProposalForm, ProposalForm, SplitForm
from dieuhanh.intake.models import ImportDraft, ProposedTask
from dieuhanh.intake.services.confirm import confirm_draft, discard_draft, restore_draft
from dieuhanh.intake.services.errors import DraftError
from dieuhanh.intake.services.importing import extract_again
from dieuhanh.intake.services.review import (
    add_proposal,
    drop_proposal,
    restore_passage,
    split_proposal,
    update_proposal,
)
from dieuhanh.intake.views.cards import cards_response, org_units, review_context, wants_fragment
from dieuhanh.intake.views.upload import managed_organisations
from dieuhanh.org.access import access_of
from dieuhanh.tasks.access import visible_documents


def draft_or_404(request, pk: int) -> ImportDraft:
    """A draft of an organisation this person manages, whose document they may see."""
    access = access_of(request)
    drafts = ImportDraft.objects.filter(
        organisation__in=managed_organisations(access), document__in=visible_documents(access)
    )
    return get_object_or_404(drafts.select_related("document", "organisation"), pk=pk)


def proposal_or_404(request, pk: int, task_id: int) -> ProposedTask:
    draft = draft_or_404(request, pk)
    return get_object_or_404(
        ProposedTask.objects.select_related("draft__document", "draft__organisation", "lead_unit"),
        pk=task_id,
        draft=draft,
    )


@login_required
def review(request, pk: int):
    draft = draft_or_404(request, pk)
    return render(request, "intake/review.html", review_context(draft))


@login_required
def card(request, pk: int, task_id: int):
    """One card as it stands (review.js puts it back when an edit is given up)."""
    proposal = proposal_or_404(request, pk, task_id)
    return cards_response(request, proposal.draft, [proposal])


@login_required
def edit_task(request, pk: int, task_id: int):
    proposal = proposal_or_404(request, pk, task_id)
    form = ProposalForm(
        request.POST if request.method == "POST" else None,
        instance=proposal,
        units=org_units(proposal.draft),
        auto_id=f"id_dt{proposal.pk}_%s",
    )
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        try:
            if changes:
                update_proposal(ProposedTask.objects.get(pk=proposal.pk), **changes)
        except DraftError as exc:
            return cards_response(request, proposal.draft, [proposal], error=str(exc))
        return cards_response(request, proposal.draft, [proposal], "Đã lưu sửa đổi nhiệm vụ đề xuất.")
    if wants_fragment(request):
        return render(
            request,
            "intake/_proposed_task_form.html",
            {"proposal": proposal, "form": form, "draft": proposal.draft},
            status=400 if request.method == "POST" else 200,
        )
    return render(
        request,
        "intake/proposed_task_edit.html",
        {"proposal": proposal, "form": form, "draft": proposal.draft},
        status=400 if request.method == "POST" else 200,
    )


def _back(pk, anchor=""):
    return redirect(reverse("intake:review", args=[pk]) + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
def drop_task(request, pk: int, task_id: int):
    proposal = proposal_or_404(request, pk, task_id)
    restore = request.POST.get("restore") == "1"
    try:
        drop_proposal(proposal, dropped=not restore)
    except DraftError as exc:
        return cards_response(request, proposal.draft, [proposal], error=str(exc))
    done = "Đã khôi phục nhiệm vụ." if restore else "Đã bỏ nhiệm vụ; có thể khôi phục trên thẻ của nó."
    return cards_response(request, proposal.draft, [proposal], done)


@login_required
@require_POST
def split_task(request, pk: int, task_id: int):
    proposal = proposal_or_404(request, pk, task_id)
    form = SplitForm(request.POST, text=proposal.text)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["phrase"]))
        return _back(pk, f"dt-{proposal.pk}")
    try:
        split_proposal(proposal, form.cleaned_data["at"])
    except DraftError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã tách nhiệm vụ thành hai.")
    return _back(pk, f"dt-{proposal.pk}")


@login_required
@require_POST
def add_task(request, pk: int):
    draft = draft_or_404(request, pk)
    form = AddProposalForm(request.POST, units=org_units(draft), auto_id="id_add_%s")
    if not form.is_valid():
        messages.error(request, "Chưa thêm được nhiệm vụ: vui lòng kiểm tra các ô được đánh dấu.")
        return render(request, "intake/review.html", review_context(draft, {"add": form}), status=400)
    try:
        proposal = add_proposal(draft, text=form.cleaned_data["text"], **form.fields_for_service())
    except DraftError as exc:
        messages.error(request, str(exc))
        return _back(pk)
    messages.success(request, "Đã thêm nhiệm vụ.")
    return _back(pk, f"dt-{proposal.pk}")


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
    messages.success(
        request,
        "Đã hủy bản nháp; văn bản vẫn được lưu trong sổ văn bản. "
        "Có thể khôi phục bản nháp hoặc trích xuất lại nhiệm vụ từ trang văn bản.",
    )
    return redirect("intake:document", draft.document_id)


@login_required
@require_POST
def restore_left_out(request, pk: int, index: int):
    draft = draft_or_404(request, pk)
    try:
        proposal = restore_passage(draft, index)
    except DraftError as exc:
        messages.error(request, str(exc))
        return _back(pk)
    messages.success(request, "Đã thêm đoạn văn thành nhiệm vụ đề xuất; hãy chọn đơn vị chủ trì và thời hạn.")
    return _back(pk, f"dt-{proposal.pk}")


def _back_on_draft(request, pk: int, service, done: str):
    """Run `service(draft, user)` from the document's page: back to the draft, or to the page with
    the refusal."""
    draft = draft_or_404(request, pk)
    try:
        service(draft, request.user)
    except DraftError as exc:
        messages.error(request, str(exc))
        return redirect("intake:document", draft.document_id)
    messages.success(request, done)
    return _back(pk)


@login_required
@require_POST
def restore(request, pk: int):
    return _back_on_draft(request, pk, restore_draft, "Đã khôi phục bản nháp, giữ nguyên các sửa đổi đã làm.")


@login_required
@require_POST
def reextract(request, pk: int):
    return _back_on_draft(
        request,
        pk,
        extract_again,
        "Đã trích xuất lại nhiệm vụ từ nội dung văn bản; hãy rà soát bản nháp mới.",
    )
