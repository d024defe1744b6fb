"""The import page: upload one or several files into an organisation's registry; the drafts waiting.

Only the organisation's admins, leaders and trackers reach it (the import service checks
it again); a draft of a confidential document is listed only to the people named on it.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html

from dieuhanh.core.templatetags.dieuhanh import doclabel
from dieuhanh.documents.services.registry import DocumentError
from dieuhanh.intake.forms import UPLOAD_EXTENSIONS, ImportForm
from dieuhanh.intake.models import ImportDraft
from dieuhanh.intake.services.importing import import_document
from dieuhanh.org.access import access_of
from dieuhanh.org.models import Unit
from dieuhanh.tasks.access import MANAGERS, visible_documents


def managed_organisations(access):
    """The communes and provinces this person may import into."""
    if access.is_superuser:
        return Unit.objects.filter(kind__in=["commune", "province"], is_active=True)
    return Unit.objects.filter(path__in=access.org_paths(MANAGERS))


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
        for problem in form.skipped:
            messages.error(request, problem)
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
                    url = reverse("intake:document", args=[existing.pk])
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
            return redirect("intake:review", pk=drafts[0].pk)
        return redirect("intake:import")
    return render(
        request,
        "intake/upload.html",
        {
            "form": form,
            "drafts": pending_drafts(access),
            "extensions": ", ".join(UPLOAD_EXTENSIONS),
            "max_mb": settings.FILE_UPLOAD_MAX_BYTES // (1024 * 1024),
        },
        status=400 if request.method == "POST" else 200,
    )
