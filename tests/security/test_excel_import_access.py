"""Issue 11 §1: the Excel task import changes only what the importer may change, and a task
becomes done only through the approval flow — as on the task page.

Reproduces the finding: the commune tracker uploads a sheet "Nhiệm vụ" naming a confidential
task's id, confirms with valid_only=1, and that task's text was rewritten and set done; any
task of the organisation could be set done without a leader.
"""

import datetime
import io
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from dieuhanh.documents.constants import Confidentiality
from dieuhanh.reports.excel_import import ImportFileError, apply_import, read_import
from dieuhanh.tasks.constants import ChangeStatus, TaskState
from dieuhanh.tasks.models import CompletionRequest, Task
from tests.factories import DocumentFactory, TaskFactory
from tests.scenario import build_scenario

pytestmark = pytest.mark.django_db

D = datetime.date
HEADER = ("Mã", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Trạng thái", "Ngày hoàn thành")


def sheet(*rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ"
    ws.append(HEADER)
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def s():
    with time_machine.travel("2026-06-15 09:00 +0700", tick=False):
        s = build_scenario()
        secret_doc = DocumentFactory(owner=s.commune, confidentiality=Confidentiality.SECRET)
        secret_doc.allowed_people.add(s.lead)
        s.secret = TaskFactory(
            owner=s.commune, lead_unit=s.lead_unit, document=secret_doc, text="Nội dung mật ban đầu"
        )
        s.named_doc = DocumentFactory(owner=s.commune, confidentiality=Confidentiality.SECRET)
        s.named_doc.allowed_people.add(s.tracker, s.leader)
        s.named = TaskFactory(owner=s.commune, lead_unit=s.lead_unit, document=s.named_doc)
        yield s


def row_for(task, text=None, state="Hoàn thành", done_on="10/06/2026"):
    return (task.pk, text or task.text, task.lead_unit.name, state, done_on)


def snapshot(task):
    task.refresh_from_db()
    return (task.text, task.state, task.completed_on, task.completion_requests.count())


def test_a_confidential_task_not_named_is_refused_with_a_reason(s):
    before = snapshot(s.secret)
    content = sheet(
        row_for(s.secret, text="Đã sửa nội dung mật"), row_for(s.task, state="Đang thực hiện", done_on=None)
    )
    preview = read_import(content, s.commune, s.tracker)
    [refused] = preview.invalid_rows
    assert refused.errors == [
        f"Mã {s.secret.pk}: bạn không có quyền cập nhật nhiệm vụ này. "
        "Để trống cột “Mã” nếu muốn thêm nhiệm vụ mới."
    ]
    with pytest.raises(ImportFileError):
        apply_import(preview, s.tracker)
    apply_import(preview, s.tracker, valid_only=True)
    assert snapshot(s.secret) == before


def test_a_tampered_preview_is_checked_again_when_saving(s):
    """apply_import does not trust the preview: it checks the rows against the importer again."""
    content = sheet(row_for(s.secret, text="Đã sửa nội dung mật", state="Đang thực hiện", done_on=None))
    preview = read_import(content, s.commune)  # checked as a file only, for nobody in particular
    assert preview.is_valid
    before = snapshot(s.secret)
    with pytest.raises(ImportFileError):
        apply_import(preview, s.tracker)  # the tracker saving it is not named on the task
    assert snapshot(s.secret) == before


def test_a_confidential_task_named_to_the_importer_is_updated(s):
    content = sheet(row_for(s.named, text="Nội dung mới", state="Đang thực hiện", done_on=None))
    result = apply_import(read_import(content, s.commune, s.tracker), s.tracker)
    assert result.updated == 1
    assert snapshot(s.named)[0] == "Nội dung mới"


def test_a_done_row_by_the_tracker_becomes_a_completion_request(s):
    with time_machine.travel("2026-06-15 09:00 +0700", tick=False):
        result = apply_import(read_import(sheet(row_for(s.task)), s.commune, s.tracker), s.tracker)
    s.task.refresh_from_db()
    assert s.task.state == TaskState.AWAITING_APPROVAL and s.task.completed_on == D(2026, 6, 10)
    [request] = s.task.completion_requests.all()
    assert (request.status, request.requested_by, request.claimed_on) == (
        ChangeStatus.REQUESTED,
        s.tracker,
        D(2026, 6, 10),
    )
    assert result.completion_requests == 1


def test_a_done_row_by_the_leader_is_approved_through_the_flow(s):
    with time_machine.travel("2026-06-15 09:00 +0700", tick=False):
        apply_import(read_import(sheet(row_for(s.task)), s.commune, s.leader), s.leader)
    s.task.refresh_from_db()
    assert s.task.state == TaskState.DONE and s.task.completed_on == D(2026, 6, 10)
    [request] = s.task.completion_requests.all()
    assert (request.status, request.decided_by) == (ChangeStatus.APPROVED, s.leader)


def test_a_new_done_row_by_the_tracker_waits_for_a_leader(s):
    row = (None, "Nhiệm vụ đã làm từ trước", s.lead_unit.name, "Hoàn thành", "02/06/2026")
    with time_machine.travel("2026-06-15 09:00 +0700", tick=False):
        result = apply_import(read_import(sheet(row), s.commune, s.tracker), s.tracker)
    task = Task.objects.get(text="Nhiệm vụ đã làm từ trước")
    assert task.state == TaskState.AWAITING_APPROVAL
    assert CompletionRequest.objects.get(task=task).status == ChangeStatus.REQUESTED
    assert (result.created, result.completion_requests) == (1, 1)


def test_a_done_task_is_not_reopened_by_a_sheet(s):
    s.task.state, s.task.completed_on = TaskState.DONE, D(2026, 6, 1)
    s.task.save()
    preview = read_import(sheet(row_for(s.task, state="Đang thực hiện", done_on=None)), s.commune, s.leader)
    [refused] = preview.invalid_rows
    assert "đã ở trạng thái “Hoàn thành”" in refused.errors[0]


def test_the_web_import_reproduces_the_finding_and_is_refused(s):
    """Issue 11 §1, step by step as found: upload, then …/xac-nhan/ with valid_only=1."""
    client = Client()
    client.force_login(s.tracker)
    upload = io.BytesIO(sheet(row_for(s.secret, text="Đã sửa nội dung mật"), row_for(s.task)))
    upload.name = "nhiem-vu.xlsx"
    before = snapshot(s.secret)
    with time_machine.travel("2026-06-15 09:00 +0700", tick=False):
        page = client.post(reverse("reports:import"), {"organisation": s.commune.pk, "file": upload})
        assert "bạn không có quyền cập nhật nhiệm vụ này" in page.content.decode()
        client.post(reverse("reports:import_confirm"), {"valid_only": "1"})
    assert snapshot(s.secret) == before
    s.task.refresh_from_db()
    assert s.task.state == TaskState.AWAITING_APPROVAL


def test_the_command_needs_the_importer_and_applies_the_same_rules(s, tmp_path):
    path = tmp_path / "nhiem-vu.xlsx"
    path.write_bytes(sheet(row_for(s.secret, text="Đã sửa nội dung mật"), row_for(s.task)))
    code = s.commune.code
    with pytest.raises(CommandError, match="--user") as info:
        call_command("import_tasks", str(path), "--unit", code, "--valid-only", stdout=StringIO())
    assert info.value.returncode == 2
    with pytest.raises(CommandError, match="không có quyền nhập"):
        call_command(
            "import_tasks", str(path), "--unit", code, "--user", s.viewer.username, stdout=StringIO()
        )
    err = StringIO()
    with time_machine.travel("2026-06-15 09:00 +0700", tick=False):
        call_command(
            "import_tasks",
            str(path),
            "--unit",
            code,
            "--valid-only",
            "--user",
            s.tracker.username,
            stdout=StringIO(),
            stderr=err,
        )
    assert "bạn không có quyền cập nhật nhiệm vụ này" in err.getvalue()
    assert snapshot(s.secret)[0] == "Nội dung mật ban đầu"
    s.task.refresh_from_db()
    assert s.task.state == TaskState.AWAITING_APPROVAL


def test_manageable_tasks_is_can_manage_as_a_query(s):
    """The import's bulk rule and the task page's rule agree for every person and task."""
    from dieuhanh.org.access import Access
    from dieuhanh.tasks.access import can_manage, manageable_tasks

    people = [s.lead, s.coord, s.outsider, s.tracker, s.leader, s.viewer, s.province_leader, s.other_tracker]
    for user in people:
        access = Access.of(user)
        for task in (s.task, s.secret, s.named):
            assert can_manage(access, task) == manageable_tasks(access).filter(pk=task.pk).exists()
