"""The document registry: the documents the caller may see (confidential ones only when named)."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from ninja import Query, Router, Schema
from pydantic import Field

from dieuhanh.api.auth import access
from dieuhanh.api.endpoints.tasks import ERRORS
from dieuhanh.api.errors import invalid, not_found
from dieuhanh.api.paging import DEFAULT_PAGE_SIZE, page_of
from dieuhanh.api.schemas import DocumentDetail, DocumentOut, Page, PathId
from dieuhanh.core.badinput import errors_text
from dieuhanh.intake.forms import DocumentFilterForm
from dieuhanh.tasks.access import visible_documents, visible_tasks
from dieuhanh.tasks.models import Task

router = Router(tags=["Văn bản"])

ORDERS = {
    "-issued": ("-issued_date", "-id"),
    "issued": ("issued_date", "id"),
    "-created": ("-created_at", "-id"),
}


class DocumentFilters(Schema):
    """The registry page's filters."""

    q: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    confidentiality: str | None = None
    sort: str = Field("-issued", description="-issued, issued, -created.")
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


def _task_counts(acc):
    """The number of tasks of each document the caller may see (as the registry page counts)."""
    tasks = (
        visible_tasks(acc, Task.objects.trackable().filter(document_id=OuterRef("pk")))
        .order_by()
        .values("document_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(tasks, output_field=IntegerField()), 0)


def document_out(document) -> dict:
    return {
        **{f: getattr(document, f) for f in DocumentOut.model_fields if f not in ("owner", "task_count")},
        "owner": {"id": document.owner_id, "name": document.owner.name},
        "task_count": getattr(document, "task_count", 0),
    }


@router.get("/documents", response={200: Page[DocumentOut], **ERRORS}, summary="Danh sách văn bản")
def list_documents(request, filters: Query[DocumentFilters]):
    acc = access(request)
    data = filters.model_dump(exclude={"page", "page_size", "sort"}, exclude_none=True)
    form = DocumentFilterForm(data or None)
    if form.is_bound and not form.is_valid():
        raise invalid(f"Tham số không hợp lệ. {errors_text(form)}")
    if filters.sort not in ORDERS:
        raise invalid("Sắp xếp (sort) phải là một trong: " + ", ".join(ORDERS) + ".")
    qs = form.apply(visible_documents(acc)).annotate(task_count=_task_counts(acc))
    qs = qs.select_related("owner").order_by(*ORDERS[filters.sort])
    return page_of(qs, filters.page, filters.page_size, document_out)


@router.get("/documents/{int:document_id}", response={200: DocumentDetail, **ERRORS}, summary="Một văn bản")
def get_document(request, document_id: PathId):
    """Metadata and extracted text. A confidential document is visible only to the people named on
    it, so its text never reaches anyone else: to them it does not exist (404)."""
    acc = access(request)
    qs = visible_documents(acc).annotate(task_count=_task_counts(acc)).select_related("owner")
    document = qs.filter(pk=document_id).first()
    if document is None:
        raise not_found("văn bản")
    return {
        **document_out(document),
        "signer": document.signer,
        "recipients": document.recipients,
        "text": document.text,
    }
