"""Reports an office writes and issues: start a draft, edit its text, issue it, read it back.

Who: the reports of a unit are seen by whoever may see the unit (the unit tree); drafts are
written and issued by its organisation's admins, leaders and trackers — never by a viewer.
What: a report covers every task of its unit but the confidential ones, whoever prepares it,
since it goes to recipients nobody named on a confidential document; so everyone who may see
the report sees the same figures.
When: a draft is computed afresh each time it is read; issuing freezes the figures with the
day and keeps the .docx and .xlsx as they were issued (`Report.figures`, `docx_file`,
`xlsx_file`), so computing the same period again next month changes nothing signed.
"""

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dieuhanh.core.audit import acting_as
from dieuhanh.org.access import Access
from dieuhanh.org.models import Unit
from dieuhanh.reports.docx_report import Signing, render
from dieuhanh.reports.figures import ReportFigures, build_figures
from dieuhanh.reports.frozen import freeze, thaw
from dieuhanh.reports.layouts import template_bytes
from dieuhanh.reports.models import Report, ReportStatus
from dieuhanh.reports.narrative import SECTIONS, Narrative, prefill
from dieuhanh.reports.scope import build_scope, may_see_unit
from dieuhanh.reports.xlsx_report import build_xlsx
from dieuhanh.tasks.access import MANAGERS
from dieuhanh.vn.fold import fold_key
from dieuhanh.vn.periods import ReportPeriod

NARRATIVE_FIELDS = [key for key, _ in SECTIONS]
SIGNING_FIELDS = ["number", "authority", "signer_title", "signer_name", "recipients"]


class ReportError(ValueError):
    """A report that cannot be made, changed or issued; the message is in Vietnamese."""


def visible_reports(access: Access):
    """The reports of the units `access` may see."""
    reports = Report.objects.select_related("unit", "organisation", "issued_by", "created_by")
    if access.is_superuser:
        return reports
    return reports.filter(unit__in=access.visible_units())


def may_write(access: Access, unit: Unit) -> bool:
    """Whether `access` may start, edit and issue the reports of `unit`."""
    return may_see_unit(access, unit) and access.acts_for(unit, MANAGERS)


def period_of(report: Report) -> ReportPeriod:
    return ReportPeriod(
        report.period_kind,
        report.period_year,
        report.period_index,
        report.period_label,
        report.period_start,
        report.period_end,
    )


def narrative_of(report: Report) -> Narrative:
    return Narrative(**{key: getattr(report, key) for key in NARRATIVE_FIELDS})


def signing_of(report: Report, issue_date: datetime.date | None = None) -> Signing:
    lines = [line.strip() for line in report.recipients.splitlines() if line.strip()]
    return Signing(
        authority=[line.strip() for line in report.authority.splitlines() if line.strip()],
        title=report.signer_title,
        name=report.signer_name,
        issue_date=issue_date or report.issue_date,
        recipients=lines or None,
        number=report.number,
    )


def _live_figures(report: Report, today: datetime.date | None = None) -> ReportFigures:
    scope = build_scope(None, report.unit, confidential=False)
    return build_figures(period_of(report), scope, today=today, include_rankings=report.with_rankings)


def figures_of(report: Report, today: datetime.date | None = None) -> ReportFigures:
    """The figures as issued, or as they are today for a draft."""
    if report.is_issued:
        return thaw(report.figures)
    return _live_figures(report, today)


def _require_writer(user, unit: Unit) -> Access:
    access = Access.of(user)
    if not may_write(access, unit):
        raise ReportError(f"Bạn không có quyền lập, ban hành báo cáo của {unit.name}.")
    return access


def _require_draft(report: Report):
    if report.is_issued:
        raise ReportError("Báo cáo đã ban hành được giữ nguyên như khi ban hành, không sửa được.")


@transaction.atomic
def start_report(user, period: ReportPeriod, unit: Unit, with_rankings: bool | None = None) -> Report:
    """A draft of `unit`'s report for `period`, its text prefilled from the figures; the draft
    already begun for the same unit and period, if there is one, with the text written so far."""
    _require_writer(user, unit)
    if with_rankings is None:
        with_rankings = period.kind == "year"
    begun = Report.objects.filter(
        unit=unit,
        status=ReportStatus.DRAFT,
        period_start=period.start,
        period_end=period.end,
        with_rankings=with_rankings,
    ).first()
    if begun is not None:
        return begun
    report = Report(
        organisation=unit.organisation(),
        unit=unit,
        period_kind=period.kind,
        period_year=period.year,
        period_index=period.index,
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        with_rankings=with_rankings,
        created_by=user,
    )
    for key, text in vars(prefill(_live_figures(report))).items():
        setattr(report, key, text)
    with acting_as(user, note="lập dự thảo báo cáo"):
        report.save()
    return report


@transaction.atomic
def save_draft(report: Report, user, **values) -> Report:
    """Keep the office's text and signing details; other keys are refused."""
    _require_writer(user, report.unit)
    report = Report.objects.select_for_update().get(pk=report.pk)
    _require_draft(report)
    unknown = set(values) - set(NARRATIVE_FIELDS) - set(SIGNING_FIELDS)
    if unknown:
        raise ReportError(f"Không sửa được: {', '.join(sorted(unknown))}.")
    for key, value in values.items():
        setattr(report, key, (value or "").strip())
    with acting_as(user, note="sửa dự thảo báo cáo"):
        report.save()
    return report


@transaction.atomic
def discard_draft(report: Report, user) -> None:
    _require_writer(user, report.unit)
    report = Report.objects.select_for_update().get(pk=report.pk)
    _require_draft(report)
    with acting_as(user, note="xóa dự thảo báo cáo"):
        report.delete()


@dataclass(frozen=True)
class Made:
    content: bytes
    filename: str


def file_stem(report: Report) -> str:
    return f"bao-cao-{fold_key(report.period_label).replace(' ', '-')}-{fold_key(report.unit.name).replace(' ', '-')}"


def draft_file(report: Report, fmt: str, today: datetime.date | None = None) -> Made:
    """The draft as it would be issued today, for reading before it is issued."""
    f = figures_of(report, today)
    if fmt == "docx":
        content = render(template_bytes(report.organisation), f, narrative_of(report), signing_of(report))
    else:
        content = build_xlsx(f, narrative_of(report))
    return Made(content, f"du-thao-{file_stem(report)}.{fmt}")


@transaction.atomic
def issue_report(report: Report, user, today: datetime.date | None = None) -> Report:
    """Freeze the figures with the day and keep the .docx and .xlsx as issued."""
    _require_writer(user, report.unit)
    report = Report.objects.select_for_update().get(pk=report.pk)
    _require_draft(report)
    today = today or timezone.localdate()
    f = _live_figures(report, today)
    docx = render(template_bytes(report.organisation), f, narrative_of(report), signing_of(report, today))
    xlsx = build_xlsx(f, narrative_of(report))
    stem = file_stem(report)
    report.docx_file.save(f"{stem}.docx", ContentFile(docx), save=False)
    report.xlsx_file.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
    report.figures = freeze(f)
    report.status = ReportStatus.ISSUED
    report.issued_by, report.issued_at, report.issue_date = user, timezone.now(), today
    with acting_as(user, note="ban hành báo cáo"):
        report.save()
    return report


def issued_file(report: Report, fmt: str) -> Made:
    stored = report.docx_file if fmt == "docx" else report.xlsx_file
    with stored.open("rb") as fh:
        return Made(fh.read(), f"{file_stem(report)}.{fmt}")
