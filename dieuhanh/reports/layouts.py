"""An organisation's own Word template of the report: which one applies, and uploading one.

A template is checked before it is kept: a real .docx of reasonable size, whose fields render
with the organisation's figures of the current month in Jinja's sandbox. The nearest
organisation at or above a unit that has a template gives it; otherwise the default layout
(`docx_report.DEFAULT_TEMPLATE`) applies.
"""

import io
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dieuhanh.core.audit import acting_as
from dieuhanh.org.access import Access
from dieuhanh.org.models import Unit
from dieuhanh.reports.docx_report import DEFAULT_TEMPLATE, TemplateProblem, render
from dieuhanh.reports.figures import build_figures
from dieuhanh.reports.models import ReportTemplate
from dieuhanh.reports.scope import build_scope
from dieuhanh.tasks.access import MANAGERS
from dieuhanh.vn.periods import report_period

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
# A .docx inflates a few times; far more is a zip bomb, refused before it is opened.
MAX_INFLATED_BYTES = 50 * 1024 * 1024


def template_of(unit: Unit) -> ReportTemplate | None:
    """The template of the nearest organisation at or above `unit` that uploaded one."""
    return (
        ReportTemplate.objects.filter(organisation_id__in=unit.ancestor_ids() or [unit.pk])
        .order_by("-organisation__path")
        .first()
    )


def template_bytes(unit: Unit) -> bytes | None:
    """The template's content for `unit`, or None for the default layout."""
    found = template_of(unit)
    if found is None:
        return None
    with found.file.open("rb") as fh:
        return fh.read()


def default_template() -> bytes:
    return DEFAULT_TEMPLATE.read_bytes()


def may_change_template(access: Access, organisation: Unit) -> bool:
    return organisation.is_organisation and access.acts_for(organisation, MANAGERS)


def check_template(content: bytes, organisation: Unit) -> None:
    """Refuse, with a Vietnamese message, what cannot serve as a report template."""
    if len(content) > MAX_TEMPLATE_BYTES:
        raise TemplateProblem("Tệp mẫu lớn hơn 5 MB.")
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except zipfile.BadZipFile as exc:
        raise TemplateProblem("Tệp mẫu không phải tệp Word (.docx) hợp lệ.") from exc
    if sum(m.file_size for m in members) > MAX_INFLATED_BYTES:
        raise TemplateProblem("Tệp mẫu giải nén ra quá lớn; hãy lưu lại tệp bằng Word rồi tải lên.")
    today = timezone.localdate()
    sample = build_figures(
        report_period("month", today.year, today.month), build_scope(None, organisation, False)
    )
    render(content, sample)


@transaction.atomic
def upload_template(organisation: Unit, user, content: bytes, filename: str) -> ReportTemplate:
    if not may_change_template(Access.of(user), organisation):
        raise TemplateProblem(f"Bạn không có quyền thay mẫu báo cáo của {organisation.name}.")
    check_template(content, organisation)
    with acting_as(user, note="tải lên mẫu báo cáo"):
        current = ReportTemplate.objects.filter(organisation=organisation).first() or ReportTemplate(
            organisation=organisation
        )
        old = current.file.name if current.pk else None
        current.name, current.uploaded_by = filename[:255], user
        current.file.save("mau-bao-cao.docx", ContentFile(content), save=False)
        current.save()
    if old:
        storage = current.file.storage
        transaction.on_commit(lambda: storage.delete(old))
    return current


@transaction.atomic
def remove_template(organisation: Unit, user) -> None:
    if not may_change_template(Access.of(user), organisation):
        raise TemplateProblem(f"Bạn không có quyền thay mẫu báo cáo của {organisation.name}.")
    with acting_as(user, note="dùng lại mẫu báo cáo mặc định"):
        for found in ReportTemplate.objects.filter(organisation=organisation):
            storage, name = found.file.storage, found.file.name
            found.delete()
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
