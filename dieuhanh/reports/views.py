"""Report pages: pick a period and unit and download; exports; the Excel import with a preview."""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dieuhanh.core.badinput import query_status, require_valid
from dieuhanh.org.access import Access
from dieuhanh.org.constants import Role
from dieuhanh.org.models import Unit
from dieuhanh.reports.constants import XLSX_MIME
from dieuhanh.reports.docx_report import TemplateProblem
from dieuhanh.reports.excel_export import EXPORT_NAMES, EXPORTS
from dieuhanh.reports.excel_import import ImportFileError, apply_import, import_template, read_import
from dieuhanh.reports.figures import build_figures
from dieuhanh.reports.forms import ExportForm, ImportForm, ReportForm, organisation_units
from dieuhanh.reports.generate import rankings_file, report_file
from dieuhanh.reports.presentation import figures_context
from dieuhanh.reports.scope import ScopeError, build_scope

IMPORT_SESSION_KEY = "reports_import"
MANAGERS = (Role.ADMIN, Role.LEADER, Role.TRACKER)


def _download(content: bytes, filename: str, mimetype: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def report_form(request):
    access = Access.of(request.user)
    form = ReportForm(request.GET or None, units=access.visible_units())
    figures = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        period, unit = data["report_period"], data["unit"]
        try:
            if "tai" in request.GET or "chi-xep-loai" in request.GET:
                if "chi-xep-loai" in request.GET:
                    made = rankings_file(period, request.user, unit)
                else:
                    made = report_file(
                        period, data["format"], request.user, unit, include_rankings=data["rankings"] or None
                    )
                return _download(made.content, made.filename, made.mimetype)
            figures = build_figures(
                period, build_scope(request.user, unit), include_rankings=data["rankings"] or None
            )
        except (ScopeError, TemplateProblem) as exc:
            form.add_error(None if isinstance(exc, TemplateProblem) else "unit", str(exc))
    context = {"form": form, "figures": figures}
    if figures is not None:
        context.update(figures_context(figures))
        query = request.GET.copy()
        query.pop("unit", None)
        context["drill_query"] = query.urlencode()
    return render(request, "reports/index.html", context, status=query_status(form))


@login_required
def export(request, kind: str):
    if kind not in EXPORTS:
        raise Http404
    access = Access.of(request.user)
    unit = require_valid(ExportForm(request.GET, units=access.visible_units()))["unit"]
    return _download(EXPORTS[kind](access, unit), f"{EXPORT_NAMES[kind]}.xlsx", XLSX_MIME)


@login_required
def template(request):
    return _download(import_template(), "mau-nhap-nhiem-vu.xlsx", XLSX_MIME)


@login_required
def import_tasks(request):
    access = Access.of(request.user)
    organisations = organisation_units(access)
    if not access.is_superuser:
        organisations = organisations.filter(
            pk__in=[u.pk for u in organisations if access.acts_for(u, MANAGERS)]
        )
    form = ImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        organisation = form.cleaned_data["organisation"]
        try:
            preview = read_import(content, organisation, request.user)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            request.session[IMPORT_SESSION_KEY] = {
                "organisation": organisation.pk,
                "content": base64.b64encode(content).decode("ascii"),
            }
            return render(request, "reports/import_preview.html", {"preview": preview})
    return render(request, "reports/import.html", {"form": form})


@login_required
@require_POST
def import_confirm(request):
    pending = request.session.get(IMPORT_SESSION_KEY)
    if not pending:
        messages.error(request, "Không còn tệp chờ nhập; hãy tải tệp lên lại.")
        return redirect("reports:import")
    organisation = Unit.objects.filter(pk=pending["organisation"]).first()
    access = Access.of(request.user)
    if organisation is None or not access.acts_for(organisation, MANAGERS):
        return HttpResponseForbidden("Bạn không có quyền nhập nhiệm vụ cho cơ quan này.")
    preview = read_import(base64.b64decode(pending["content"]), organisation, request.user)
    try:
        result = apply_import(preview, request.user, valid_only=request.POST.get("valid_only") == "1")
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return render(request, "reports/import_preview.html", {"preview": preview})
    del request.session[IMPORT_SESSION_KEY]
    messages.success(
        request,
        f"Đã nhập {result.created} nhiệm vụ mới, cập nhật {result.updated}, không đổi {result.unchanged}, "
        f"bỏ qua {result.skipped} dòng lỗi; {result.completion_requests} nhiệm vụ hoàn thành chờ lãnh đạo "
        "xác nhận.",
    )
    return redirect("reports:import")
