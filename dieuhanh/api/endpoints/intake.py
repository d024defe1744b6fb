"""A directive in, its tasks out: upload a file into an organisation's registry (an import draft),
read what extraction proposes, confirm it — the import page's and the review page's own form,
services and checks (size, type, archive limits, duplicates, confidentiality, who may import)."""

from django.utils.datastructures import MultiValueDict
from ninja import File, Form, Router, Status, UploadedFile

from dieuhanh.api.auth import access, writing
from dieuhanh.api.endpoints.tasks import ERRORS
from dieuhanh.api.errors import ApiError, invalid
from dieuhanh.api.schemas import DraftDetail, DraftOut, Error, PathId
from dieuhanh.core.badinput import errors_text
from dieuhanh.core.form_fields import MAX_ID
from dieuhanh.documents.services.registry import DocumentError
from dieuhanh.intake.forms import ImportForm
from dieuhanh.intake.models import ImportDraft
from dieuhanh.intake.services.confirm import confirm_draft
from dieuhanh.intake.services.errors import DraftError
from dieuhanh.intake.services.importing import import_document
from dieuhanh.intake.services.problems import draft_problems
from dieuhanh.intake.views.review import draft_or_404
from dieuhanh.intake.views.upload import managed_organisations, pending_drafts

router = Router(tags=["Văn bản"])


def _ref(unit):
    return {"id": unit.pk, "name": unit.name} if unit else None


def draft_out(draft: ImportDraft) -> dict:
    document = draft.document
    return {
        "id": draft.pk,
        "status": draft.status,
        "status_label": draft.get_status_display(),
        "organisation": _ref(draft.organisation),
        "document": {"id": document.pk, "number_symbol": document.number_symbol, "subject": document.subject},
        "created_at": draft.created_at,
    }


def proposal_out(proposal, number: int | None) -> dict:
    return {
        "id": proposal.pk,
        "number": number,
        "text": proposal.text,
        "summary": proposal.summary,
        "lead_name": proposal.lead_name,
        "lead_unit": _ref(proposal.lead_unit),
        "coordinators": [_ref(u) for u in proposal.coordinators.all()],
        "coordinator_names": proposal.coordinator_names,
        "fan_out": proposal.fan_out,
        "deadline_kind": proposal.deadline_kind,
        "deadline_text": proposal.deadline_text,
        "deadline": proposal.deadline,
        "recurrence": proposal.recurrence,
        "target": proposal.target,
        "budget": proposal.budget,
        "funding_source": proposal.funding_source,
        "dropped": proposal.dropped,
        "reasons": {str(k): str(v) for k, v in (proposal.reasons or {}).items()},
    }


def draft_detail(draft: ImportDraft) -> dict:
    proposals = list(
        draft.tasks.select_related("lead_unit").prefetch_related("coordinators").order_by("position", "pk")
    )
    kept = [p for p in proposals if not p.dropped]
    numbers = {p.pk: n for n, p in enumerate(kept, start=1)}
    return {
        **draft_out(draft),
        "warnings": [str(w) for w in draft.warnings],
        "problems": [
            {"proposal_id": p.proposal_id, "code": p.code, "message": p.message_vi, "blocking": p.blocking}
            for p in draft_problems(draft)
        ],
        "proposals": [proposal_out(p, numbers.get(p.pk)) for p in proposals],
    }


def _is_duplicate(exc: DocumentError) -> bool:
    # The registry names the document already there only to someone who may see it (`existing` is
    # None otherwise), so its message is what tells a duplicate from an unreadable file.
    return exc.existing is not None or "đã có trong sổ văn bản" in str(exc)


@router.post(
    "/documents/upload",
    response={201: DraftDetail, 409: Error, **ERRORS},
    summary="Nhập văn bản (tải tệp lên)",
)
def upload_document(
    request,
    file: UploadedFile = File(..., description="Tệp văn bản: .txt, .docx, .pdf."),
    organisation: int | None = Form(
        None,
        ge=1,
        le=MAX_ID,
        description="Mã số (id) cơ quan nhập; bắt buộc khi người gọi nhập cho nhiều cơ quan.",
    ),
):
    """The file (txt, docx, pdf) is checked as on the import page (type, size, archive limits),
    registered, and its proposed tasks kept as a draft to review; a document already in the
    registry is refused (409), naming it only to someone who may see it."""
    organisations = managed_organisations(access(request))
    if not organisations.exists():
        raise ApiError(403, "forbidden", "Bạn không có quyền nhập văn bản.")
    form = ImportForm(
        {"organisation": organisation} if organisation is not None else {},
        MultiValueDict({"uploads": [file]}),
        organisations=organisations,
    )
    if not form.is_valid():
        raise invalid(errors_text(form))
    try:
        with writing(request):
            draft = import_document(
                org=form.cleaned_data["organisation"],
                data=file.read(),
                filename=file.name,
                actor=request.auth.user,
            )
    except DraftError as exc:
        raise ApiError(403, "forbidden", str(exc)) from None
    except DocumentError as exc:
        if _is_duplicate(exc):
            raise ApiError(409, "duplicate", str(exc)) from None
        raise invalid(str(exc)) from None
    return Status(201, draft_detail(draft))


@router.get("/drafts", response={200: list[DraftOut], **ERRORS}, summary="Bản nháp chờ rà soát")
def list_drafts(request):
    """The drafts waiting for review in the organisations the caller imports for (the import page's list)."""
    return [draft_out(d) for d in pending_drafts(access(request))[:200]]


@router.get("/drafts/{int:draft_id}", response={200: DraftDetail, **ERRORS}, summary="Một bản nháp")
def get_draft(request, draft_id: PathId):
    """The proposed tasks, their reasons, and the problems that stop confirming (the review page)."""
    return draft_detail(draft_or_404(request, draft_id))


@router.post(
    "/drafts/{int:draft_id}/confirm",
    response={200: DraftDetail, **ERRORS},
    summary="Xác nhận bản nháp thành nhiệm vụ",
)
def confirm(request, draft_id: PathId):
    """All the kept proposals become tasks, or none (a blocking problem is refused with its reason)."""
    draft = draft_or_404(request, draft_id)
    try:
        with writing(request):
            confirm_draft(draft, request.auth.user)
    except DraftError as exc:
        raise ApiError(400, "refused", str(exc)) from None
    draft.refresh_from_db()
    return draft_detail(draft)
