"""Progress reports through the API: the task page's service and checks."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dieuhanh.core.models import AuditEvent
from dieuhanh.tasks.models import ProgressAttachment, ProgressReport
from tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db


def post(client, task, body):
    return client.post(f"/api/v1/tasks/{task.pk}/reports", body, content_type="application/json")


def test_the_lead_unit_reports_progress_audited_with_the_token_name(world):
    task = world.tasks["own"]
    response = post(world.client("member"), task, {"text": "Đã rà soát 3 thôn", "percent": 40})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["percent"] == 40 and body["unit"]["id"] == world.units["lead"].pk
    report = ProgressReport.objects.get(pk=body["id"])
    event = AuditEvent.objects.get(content_type__model="progressreport", object_id=str(report.pk))
    assert event.actor == world.people["member"] and "Mã của member" in event.note


@pytest.mark.parametrize("role, status", [("viewer", 403), ("sibling", 404), ("outsider", 404)])
def test_others_may_not_report(world, role, status):
    response = post(world.client(role), world.tasks["own"], {"text": "Đã làm", "percent": 10})
    assert response.status_code == status
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize(
    "body, code",
    [
        ({"text": "  ", "percent": 10}, "refused"),
        ({"text": "Đã làm", "percent": 101}, "invalid"),
        ({"text": "Đã làm"}, "invalid"),
        ({"text": "Đã làm", "percent": 10, "unit_id": 999999}, "not_found"),
    ],
)
def test_bad_reports_are_refused_in_vietnamese(world, body, code):
    response = post(world.client("member"), world.tasks["own"], body)
    assert response.status_code in (400, 404)
    assert response.json()["code"] == code
    assert not ProgressReport.objects.exists()


def test_a_report_for_a_unit_not_on_the_task_is_refused(world):
    body = {"text": "Đã làm", "percent": 10, "unit_id": world.units["sibling"].pk}
    response = post(world.client("tracker"), world.tasks["own"], body)
    assert response.status_code == 400
    assert "chủ trì hoặc phối hợp" in response.json()["message"]


def test_it_lists_a_visible_tasks_reports_only(world):
    ProgressReportFactory(task=world.tasks["secret"], text="Báo cáo MẬT-XYZ")
    ProgressReportFactory(task=world.tasks["own"], text="Báo cáo thường")
    url = f"/api/v1/tasks/{world.tasks['secret'].pk}/reports"
    assert world.client("member").get(url).json()["items"][0]["text"] == "Báo cáo MẬT-XYZ"
    for role in ("viewer", "outsider"):
        response = world.client(role).get(url)
        assert response.status_code == 404 and "MẬT-XYZ" not in response.content.decode()
    own = world.client("viewer").get(f"/api/v1/tasks/{world.tasks['own'].pk}/reports").json()
    assert own["count"] == 1


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(50)


def post_files(client, task, *files, **fields):
    data = {"text": "Đã rà soát", "percent": "60", **fields, "files": list(files)}
    return client.post(f"/api/v1/tasks/{task.pk}/reports/files", data)


def test_evidence_is_kept_as_what_its_content_is(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = post_files(world.client("member"), world.tasks["own"], SimpleUploadedFile("bien-ban.pdf", PNG))
    assert response.status_code == 201, response.content
    assert response.json()["attachments"] == ["bien-ban.png"]
    assert ProgressAttachment.objects.get().file.read() == PNG


@pytest.mark.parametrize(
    "name, content", [("bao-cao.pdf", b"MZ\x90\x00" + bytes(200)), ("anh.jpg", b"\x7fELF\x02" + bytes(100))]
)
def test_an_executable_is_refused_whatever_its_name(world, settings, tmp_path, name, content):
    settings.MEDIA_ROOT = tmp_path
    response = post_files(world.client("member"), world.tasks["own"], SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert f"Tệp “{name}” không phải loại tệp minh chứng được nhận" in response.json()["message"]
    assert not ProgressReport.objects.exists() and not ProgressAttachment.objects.exists()


def test_evidence_over_the_size_limits_is_refused(world, settings, tmp_path):
    settings.MEDIA_ROOT, settings.FILE_UPLOAD_MAX_BYTES = tmp_path, 1024

    def big():
        return SimpleUploadedFile("lon.png", PNG + bytes(2048))

    response = post_files(world.client("member"), world.tasks["own"], big())
    assert response.status_code == 400 and "lớn hơn giới hạn" in response.json()["message"]
    settings.FILE_UPLOAD_MAX_BYTES, settings.UPLOAD_MAX_REQUEST_BYTES = 10**7, 1024
    response = post_files(world.client("member"), world.tasks["own"], big())
    assert response.status_code == 400 and "cho một lần gửi" in response.json()["message"]
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("role, status", [("viewer", 403), ("sibling", 404), ("outsider", 404)])
def test_others_may_not_send_evidence(world, settings, tmp_path, role, status):
    settings.MEDIA_ROOT = tmp_path
    response = post_files(world.client(role), world.tasks["own"], SimpleUploadedFile("a.png", PNG))
    assert response.status_code == status
    assert not ProgressAttachment.objects.exists()


def test_a_report_without_files_through_the_form_endpoint_is_a_plain_report(world):
    response = post_files(world.client("member"), world.tasks["own"])
    assert response.status_code == 201 and response.json()["attachments"] == []
    bad = post_files(world.client("member"), world.tasks["own"], percent="150")
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"
