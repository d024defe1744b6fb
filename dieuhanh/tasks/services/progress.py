"""Progress reports (báo cáo tiến độ) by the lead and coordinating units."""

import datetime

from django.db import transaction
from django.utils import timezone

from dieuhanh.core.audit import acting_as
from dieuhanh.org.models import Unit
from dieuhanh.tasks.access import TaskRelation
from dieuhanh.tasks.models import ProgressAttachment, ProgressReport, Task
from dieuhanh.tasks.services.errors import ServiceError
from dieuhanh.tasks.services.evidence import as_file, checked_name
from dieuhanh.tasks.services.guard import require, require_open


def reporting_unit(relation: TaskRelation, unit: Unit | None) -> Unit:
    """The unit a report is filed for: the one given, else the person's own unit on the task."""
    task = relation.task
    if unit is not None:
        if unit.pk != task.lead_unit_id and not task.coordinators.filter(pk=unit.pk).exists():
            raise ServiceError("Đơn vị báo cáo phải là đơn vị chủ trì hoặc phối hợp của nhiệm vụ.")
        return unit
    if relation.in_lead_unit or not relation.in_coordinating_unit:
        return task.lead_unit
    return next(u for u in task.coordinators.all() if relation.access.is_member_of(u))


@transaction.atomic
def report_progress(
    task: Task,
    actor,
    *,
    text: str,
    percent: int,
    unit: Unit | None = None,
    reported_on: datetime.date | None = None,
    files: list[tuple[str, object]] = (),
) -> ProgressReport:
    """A progress report with its evidence: `files` are (name, bytes or an uploaded file), each
    checked by content and streamed to storage (see services/evidence.py)."""
    relation = require(actor, task, TaskRelation.may_report, "báo cáo tiến độ")
    require_open(task)
    text = (text or "").strip()
    if not text:
        raise ServiceError("Cần nhập nội dung báo cáo tiến độ.")
    if not 0 <= int(percent) <= 100:
        raise ServiceError("Tiến độ phải từ 0 đến 100%.")
    evidence = [(name, as_file(data)) for name, data in files]
    stored_names = [checked_name(name, file) for name, file in evidence]
    with acting_as(actor):
        report = ProgressReport.objects.create(
            task=task,
            unit=reporting_unit(relation, unit),
            author=actor,
            text=text,
            percent=int(percent),
            reported_on=reported_on or timezone.localdate(),
        )
        for stored_name, (_, file) in zip(stored_names, evidence, strict=True):
            attachment = ProgressAttachment(report=report, name=stored_name)
            attachment.file.save(stored_name, file, save=True)
    return report
