"""The document registry pages: list with search and filters, detail with highlighted tasks, original file.

They live here, not in `documents`, because who sees a document and what the page shows of it
(its tasks, its draft waiting for review) come from the layers above the registry.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from dieuhanh.core.badinput import query_status
from dieuhanh.documents.models import Document
from dieuhanh.extract.errors import ExtractError
from dieuhanh.extract.load import render_page_png
from dieuhanh.intake.forms import DocumentFilterForm
from dieuhanh.intake.models import ImportDraft
from dieuhanh.intake.views.highlight import Span, pieces
from dieuhanh.org.access import access_of
from dieuhanh.tasks.access import MANAGERS, visible_documents, visible_tasks
from dieuhanh.tasks.models import Task
from dieuhanh.vn.fold import fold_key

PAGE_SIZE = 25


def task_counts(access):
    """The number of tasks of each document that this person may see (a correlated subquery)."""
    tasks = (
        visible_tasks(access, Task.objects.trackable().filter(document_id=OuterRef("pk")))
        .order_by()
        .values("document_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(tasks, output_field=IntegerField()), 0)


@login_required
def document_list(request):
    access = access_of(request)
    form = DocumentFilterForm(request.GET or None)
    qs = form.apply(visible_documents(access)).annotate(task_count=task_counts(access))
    ranked = "search_rank" in qs.query.extra_select  # the best match first when searching
    order = ("search_rank", "-issued_date", "-id") if ranked else ("-issued_date", "-id")
    page = Paginator(qs.select_related("owner").order_by(*order), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "intake/documents.html", {"form": form, "page_obj": page}, status=query_status(form)
    )


def visible_document_or_404(request, pk: int) -> Document:
    return get_object_or_404(visible_documents(access_of(request)).select_related("owner"), pk=pk)


@login_required
def document_detail(request, pk: int):
    access = access_of(request)
    document = visible_document_or_404(request, pk)
    tasks = list(
        visible_tasks(access, Task.objects.filter(document=document, series__isnull=True))
        .select_related("lead_unit")
        .order_by("span_start", "id")
    )
    spans = [
        Span(t.span_start, t.span_end, str(i), f"span-{t.span_start}", reverse("tasks:detail", args=[t.pk]))
        for i, t in enumerate(tasks, start=1)
        if t.span_start is not None and t.span_end is not None
    ]
    visible = visible_documents(access)
    citations = distinct_citations(document.citations.select_related("cited_document"))
    cited_ids = set(
        visible.filter(pk__in=[c.cited_document_id for c in citations if c.cited_document_id]).values_list(
            "pk", flat=True
        )
    )
    return render(
        request,
        "intake/document.html",
        {
            "document": document,
            "tasks": tasks,
            "pieces": pieces(document.text, spans),
            "citations": [
                (c, c.cited_document if c.cited_document_id in cited_ids else None) for c in citations
            ],
            "cited_by": visible.filter(citations__cited_document=document)
            .distinct()
            .order_by("-issued_date"),
            "draft": unconfirmed_draft(access, document),
        },
    )


def distinct_citations(citations) -> list:
    """Each cited document once, where the text cites it first: a directive names the same
    công văn in its basis and again in its body."""
    seen, kept = set(), []
    for c in citations:
        key = c.cited_document_id or fold_key(c.number) or fold_key(c.text)
        if key not in seen:
            seen.add(key)
            kept.append(c)
    return kept


def unconfirmed_draft(access, document):
    """The document's draft not yet confirmed (waiting for review, or discarded), for the people who
    review it."""
    if not access.acts_for(document.owner, MANAGERS):
        return None
    return ImportDraft.objects.filter(document=document).exclude(status=ImportDraft.Status.CONFIRMED).first()


@login_required
def document_file(request, pk: int):
    """The original file, only to people who may see the document (never a public media URL)."""
    document = visible_document_or_404(request, pk)
    if not document.original_file:
        raise Http404
    return FileResponse(
        document.original_file.open("rb"), as_attachment=True, filename=document.original_name or "van-ban"
    )


@login_required
def document_page_image(request, pk: int, number: int):
    """The image of one page of a scanned PDF, shown beside the text OCR read on it; only to people
    who may see the document."""
    document = visible_document_or_404(request, pk)
    if not document.original_file or not any(page["number"] == number for page in document.pages):
        raise Http404
    with document.original_file.open("rb") as original:
        data = original.read()
    try:
        image = render_page_png(data, number)
    except ExtractError:
        raise Http404 from None
    response = HttpResponse(image, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response
