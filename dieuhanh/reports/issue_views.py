"""Pages of the reports an office writes and issues, and of its Word template (services: `issuing`, `layouts`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dieuhanh.org.access import Access
from dieuhanh.org.models import Unit
from dieuhanh.reports.constants import DOCX_MIME, XLSX_MIME
from dieuhanh.reports.docx_report import TemplateProblem
from dieuhanh.reports.forms import ReportForm, organisation_units
from dieuhanh.reports.issuing import (
    ReportError,
    discard_draft,
    draft_file,
    figures_of,
    issue_report,
    issued_file,
    may_write,
    save_draft,
    start_report,
    visible_reports,
)
from dieuhanh.reports.layouts import (
    default_template,
    may_change_template,
    remove_template,
    template_of,
    upload_template,
)
from dieuhanh.reports.models import ReportTemplate
from dieuhanh.reports.narrative import SECTIONS
from dieuhanh.reports.presentation import figures_context
from dieuhanh.reports.report_forms import ReportTextForm, TemplateUploadForm
from dieuhanh.reports.scope import ScopeError, build_scope

MIMES = {"docx": DOCX_MIME, "xlsx": XLSX_MIME}


def _download(content: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=MIMES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _report(request, pk: int):
    report = visible_reports(Access.of(request.user)).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


@login_required
@require_POST
def start(request):
    access = Access.of(request.user)
    form = ReportForm(request.POST, units=access.visible_units())
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("reports:index")
    data = form.cleaned_data
    try:
        unit = data["unit"] or build_scope(request.user).organisation
        report = start_report(request.user, data["report_period"], unit, data["rankings"] or None)
    except (ReportError, ScopeError) as exc:
        messages.error(request, str(exc))
        return redirect("reports:index")
    messages.success(request, "Đã lập dự thảo báo cáo; phần viết đã được điền sẵn từ số liệu để sửa.")
    return redirect("reports:report", pk=report.pk)


@login_required
def report_page(request, pk: int):
    report = _report(request, pk)
    writable = not report.is_issued and may_write(Access.of(request.user), report.unit)
    form = ReportTextForm(request.POST or None, instance=report) if writable else None
    if request.method == "POST":
        if not writable:
            return HttpResponseForbidden("Bạn không sửa được báo cáo này.")
        if form.is_valid():
            try:
                save_draft(report, request.user, **form.cleaned_data)
            except ReportError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "Đã lưu dự thảo.")
            return redirect("reports:report", pk=report.pk)
    context = {
        "report": report,
        "form": form,
        "writable": writable,
        "sections": [(title, getattr(report, key)) for key, title in SECTIONS],
        **figures_context(figures_of(report)),
    }
    return render(request, "reports/report.html", context)


@login_required
@require_POST
def issue(request, pk: int):
    report = _report(request, pk)
    if request.POST.get("confirm") != "1":
        messages.error(request, "Hãy đánh dấu đã kiểm tra phần viết và số liệu trước khi ban hành.")
        return redirect("reports:report", pk=report.pk)
    try:
        issue_report(report, request.user)
    except (ReportError, TemplateProblem) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã ban hành báo cáo: số liệu và tệp được giữ nguyên như hôm nay.")
    return redirect("reports:report", pk=report.pk)


@login_required
@require_POST
def discard(request, pk: int):
    report = _report(request, pk)
    try:
        discard_draft(report, request.user)
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect("reports:report", pk=report.pk)
    messages.success(request, "Đã xóa dự thảo.")
    return redirect("reports:reports")


@login_required
def report_file(request, pk: int, fmt: str):
    if fmt not in MIMES:
        raise Http404
    report = _report(request, pk)
    try:
        made = issued_file(report, fmt) if report.is_issued else draft_file(report, fmt)
    except TemplateProblem as exc:
        messages.error(request, str(exc))
        return redirect("reports:report", pk=report.pk)
    return _download(made.content, made.filename, fmt)


@login_required
def report_list(request):
    access = Access.of(request.user)
    reports = list(visible_reports(access))
    context = {
        "issued": [r for r in reports if r.is_issued],
        "drafts": [r for r in reports if not r.is_issued],
        "start_form": ReportForm(units=access.visible_units()),
    }
    return render(request, "reports/report_list.html", context)


@login_required
def layouts(request):
    access = Access.of(request.user)
    organisations = list(organisation_units(access).order_by("path"))
    changeable = [u for u in organisations if may_change_template(access, u)]
    form = TemplateUploadForm(request.POST or None, request.FILES or None, organisations=changeable)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            upload_template(form.cleaned_data["organisation"], request.user, upload.read(), upload.name)
        except TemplateProblem as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(
                request, "Đã dùng mẫu mới cho các báo cáo lập từ nay; báo cáo đã ban hành giữ nguyên."
            )
            return redirect("reports:layouts")
    rows = [(org, template_of(org), org in changeable) for org in organisations]
    return render(
        request, "reports/layouts.html", {"form": form, "rows": rows, "can_upload": bool(changeable)}
    )


@login_required
def default_layout(request):
    return _download(default_template(), "mau-bao-cao-nd30.docx", "docx")


def _template_of(request, pk: int) -> ReportTemplate:
    found = ReportTemplate.objects.select_related("organisation").filter(organisation_id=pk).first()
    if found is None or not Access.of(request.user).visible_units().filter(pk=pk).exists():
        raise Http404
    return found


@login_required
def layout_file(request, pk: int):
    found = _template_of(request, pk)
    with found.file.open("rb") as fh:
        return _download(fh.read(), "mau-bao-cao.docx", "docx")


@login_required
@require_POST
def reset_layout(request, pk: int):
    found = _template_of(request, pk)
    organisation: Unit = found.organisation
    try:
        remove_template(organisation, request.user)
    except TemplateProblem as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{organisation.name} dùng lại mẫu mặc định (Nghị định 30/2020).")
    return redirect("reports:layouts")
