"""The evaluation's files: a sheet (.docx, .xlsx), a period's summary (.xlsx), the personnel data
(.xlsx, .csv) and the year's results (.xlsx) — each over what the person may see."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.text import slugify

from dieuhanh.evaluation.access import visible_sheets
from dieuhanh.evaluation.constants import CSV_MIME, DOCX_MIME, XLSX_MIME
from dieuhanh.evaluation.exports.sheet_docx import sheet_docx
from dieuhanh.evaluation.exports.workbooks import (
    personnel_csv,
    personnel_workbook,
    sheet_workbook,
    summary_workbook,
    year_workbook,
)
from dieuhanh.evaluation.rules import rules_for
from dieuhanh.evaluation.views.pages import visible_period_or_404, year_context
from dieuhanh.evaluation.views.sheet import visible_sheet_or_404
from dieuhanh.org.access import access_of


def _download(content: bytes, filename: str, mimetype: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _period_slug(period) -> str:
    return (
        f"{period.year}-{period.number:02d}" if period.cycle == "month" else f"{period.year}-q{period.number}"
    )


@login_required
def sheet_file(request, pk: int, fmt: str):
    sheet = visible_sheet_or_404(request, pk)
    name = f"phieu-danh-gia-{slugify(sheet.person.username)}-{_period_slug(sheet.period)}"
    if fmt == "docx":
        return _download(sheet_docx(sheet, access_of(request)), f"{name}.docx", DOCX_MIME)
    if fmt == "xlsx":
        return _download(sheet_workbook(sheet, access_of(request)), f"{name}.xlsx", XLSX_MIME)
    raise Http404


def _period_sheets(request, pk):
    period, _ = visible_period_or_404(request, pk)
    return period, visible_sheets(access_of(request), period.sheets.all())


@login_required
def period_summary_file(request, pk: int):
    period, sheets = _period_sheets(request, pk)
    content = summary_workbook(period, sheets, rules_for(period.organisation))
    return _download(content, f"tong-hop-danh-gia-{_period_slug(period)}.xlsx", XLSX_MIME)


@login_required
def period_export(request, pk: int, fmt: str):
    period, sheets = _period_sheets(request, pk)
    name = f"du-lieu-danh-gia-{_period_slug(period)}"
    if fmt == "xlsx":
        return _download(personnel_workbook(period, sheets), f"{name}.xlsx", XLSX_MIME)
    if fmt == "csv":
        return _download(personnel_csv(sheets), f"{name}.csv", CSV_MIME)
    raise Http404


@login_required
def year_file(request, year: int):
    context = year_context(request, year)
    if context["organisation"] is None:
        raise Http404
    content = year_workbook(context["organisation"], year, context["rules"], context["rows"])
    return _download(content, f"ket-qua-danh-gia-nam-{year}.xlsx", XLSX_MIME)
