"""One call from a request, a command or a schedule to a finished report file."""

import datetime
from dataclasses import dataclass

from dieuhanh.core.xlsx import new_workbook, workbook_bytes
from dieuhanh.reports.constants import DOCX_MIME, XLSX_MIME, ReportFormat
from dieuhanh.reports.docx_report import Signing, render
from dieuhanh.reports.figures import ReportFigures, build_figures
from dieuhanh.reports.layouts import template_bytes
from dieuhanh.reports.rankings import compute_rankings, formula_for
from dieuhanh.reports.scope import build_scope
from dieuhanh.reports.xlsx_report import add_ranking_sheets, build_xlsx
from dieuhanh.vn.fold import fold_key
from dieuhanh.vn.periods import ReportPeriod


@dataclass(frozen=True)
class ReportFile:
    content: bytes
    filename: str
    mimetype: str
    figures: ReportFigures | None = None


def _slug(text: str) -> str:
    return fold_key(text).replace(" ", "-")


def report_file(
    period: ReportPeriod,
    fmt: str,
    user=None,
    unit=None,
    today: datetime.date | None = None,
    include_rankings: bool | None = None,
    signing: Signing | None = None,
    confidential: bool = True,
) -> ReportFile:
    """The periodic report as .docx (in the organisation's template) or .xlsx for `user` (None:
    everything) and `unit` (`confidential=False`: without confidential work, for a report sent outside)."""
    scope = build_scope(user, unit, confidential=confidential)
    figures = build_figures(period, scope, today=today, include_rankings=include_rankings)
    who = _slug(figures.unit_name) or "bao-cao"
    name = f"bao-cao-{_slug(period.label)}-{who}.{fmt}"
    if fmt == ReportFormat.DOCX:
        template = template_bytes(scope.organisation) if scope.organisation else None
        return ReportFile(render(template, figures, signing=signing), name, DOCX_MIME, figures)
    return ReportFile(build_xlsx(figures), name, XLSX_MIME, figures)


def rankings_file(
    period: ReportPeriod, user=None, unit=None, today: datetime.date | None = None
) -> ReportFile:
    """The rankings alone, as an .xlsx (one sheet for units, one for people)."""
    scope = build_scope(user, unit)
    as_of = min(period.end, today or datetime.date.today())
    rankings = compute_rankings(
        scope.tasks(), period.start, period.end, as_of, formula_for(scope.organisation), scope.group_field
    )
    org = scope.organisation.name if scope.organisation else ""
    wb = new_workbook()
    add_ranking_sheets(wb, rankings, [f"{org} — Xếp loại {period.label}"])
    return ReportFile(workbook_bytes(wb), f"xep-loai-{_slug(period.label)}.xlsx", XLSX_MIME)
