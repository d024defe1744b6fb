"""Progress reports of a task: read them, and file one as the task page does."""

from ninja import File, Form, Query, Router, Schema, Status, UploadedFile

from dieuhanh.api.auth import writing
from dieuhanh.api.endpoints.tasks import ERRORS, visible_task
from dieuhanh.api.errors import not_found
from dieuhanh.api.paging import DEFAULT_PAGE_SIZE, page_of
from dieuhanh.api.schemas import Page, PathId, ReportIn, ReportOut
from dieuhanh.core.form_fields import MAX_ID
from dieuhanh.org.models import Unit
from dieuhanh.tasks.models import ProgressReport
from dieuhanh.tasks.services.progress import report_progress

router = Router(tags=["Báo cáo tiến độ"])


class Paging(Schema):
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


def report_out(report: ProgressReport) -> dict:
    return {
        "id": report.pk,
        "task_id": report.task_id,
        "unit": {"id": report.unit_id, "name": report.unit.name},
        "author": str(report.author) if report.author else "",
        "reported_on": report.reported_on,
        "text": report.text,
        "percent": report.percent,
        "attachments": [a.name for a in report.attachments.all()],
    }


@router.get(
    "/tasks/{int:task_id}/reports", response={200: Page[ReportOut], **ERRORS}, summary="Báo cáo tiến độ"
)
def list_reports(request, task_id: PathId, paging: Query[Paging]):
    task = visible_task(request, task_id)
    qs = task.reports.select_related("unit", "author").prefetch_related("attachments")
    return page_of(qs, paging.page, paging.page_size, report_out)


@router.post(
    "/tasks/{int:task_id}/reports", response={201: ReportOut, **ERRORS}, summary="Gửi báo cáo tiến độ"
)
def create_report(request, task_id: PathId, body: ReportIn):
    return _file_report(request, task_id, body, [])


def _file_report(request, task_id: int, body: ReportIn, files: list) -> Status:
    task = visible_task(request, task_id)
    unit = None
    if body.unit_id is not None:
        unit = Unit.objects.filter(pk=body.unit_id).first()
        if unit is None:
            raise not_found("đơn vị báo cáo")
    with writing(request):
        report = report_progress(
            task,
            request.auth.user,
            text=body.text,
            percent=body.percent,
            unit=unit,
            files=[(f.name, f) for f in files],
        )
    return Status(201, report_out(report))


@router.post(
    "/tasks/{int:task_id}/reports/files",
    response={201: ReportOut, **ERRORS},
    summary="Gửi báo cáo tiến độ kèm tệp minh chứng",
)
def create_report_with_files(
    request,
    task_id: PathId,
    text: str = Form(..., max_length=5000),
    percent: int = Form(..., ge=0, le=100),
    unit_id: int | None = Form(
        None, ge=1, le=MAX_ID, description="Đơn vị báo cáo; mặc định là đơn vị của người báo cáo."
    ),
    files: list[UploadedFile] = File(None, description="Tệp minh chứng (một hoặc nhiều)."),
):
    """multipart/form-data: the task page's report form. Each file is taken by what its content is
    (PDF, images, Office, OpenDocument, ZIP, text), never by its name, within the upload size limit."""
    return _file_report(request, task_id, ReportIn(text=text, percent=percent, unit_id=unit_id), files or [])
