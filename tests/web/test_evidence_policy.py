"""Issue 14 item 8: "cần minh chứng" — a task's policy makes a completion request without evidence
refused, by the service, the task page's form and the API, with a Vietnamese message."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from dieuhanh.api.api import api
from dieuhanh.tasks.constants import ChangeStatus, TaskState
from dieuhanh.tasks.models import CompletionRequest, ProgressAttachment
from dieuhanh.tasks.services import completion, handling, progress
from dieuhanh.tasks.services.errors import EvidenceRequired, NotAllowed

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(50)
MISSING = "Nhiệm vụ này cần minh chứng: đính kèm tệp minh chứng"


@pytest.fixture
def strict(s):
    handling.set_evidence_policy(s.task, s.tracker, True)
    s.task.refresh_from_db()
    return s


def test_only_the_tracking_office_sets_the_policy(s):
    for nobody in (s.lead, s.viewer, s.other_tracker):
        with pytest.raises(NotAllowed):
            handling.set_evidence_policy(s.task, nobody, True)
    handling.set_evidence_policy(s.task, s.leader, True)
    s.task.refresh_from_db()
    assert s.task.evidence_required


def test_without_the_policy_a_result_text_is_enough(s):
    completion.request_completion(s.task, s.lead, note="Đã rà soát")
    assert s.task.state == TaskState.AWAITING_APPROVAL


def test_with_the_policy_a_request_without_evidence_is_refused_and_nothing_written(strict):
    with pytest.raises(EvidenceRequired, match=MISSING):
        completion.request_completion(strict.task, strict.lead, note="Đã rà soát")
    strict.task.refresh_from_db()
    assert strict.task.state == TaskState.OPEN and not CompletionRequest.objects.exists()


def test_evidence_given_with_the_request_is_kept_with_a_100_percent_report(strict):
    completion.request_completion(strict.task, strict.lead, note="Đã rà soát", files=[("bien-ban.png", PNG)])
    report = strict.task.reports.get()
    assert report.percent == 100 and report.text == "Kết quả hoàn thành: Đã rà soát"
    assert [a.name for a in ProgressAttachment.objects.filter(report=report)] == ["bien-ban.png"]
    assert strict.task.state == TaskState.AWAITING_APPROVAL


def test_evidence_filed_earlier_counts_until_the_completion_is_returned(strict):
    progress.report_progress(strict.task, strict.lead, text="Đã họp", percent=60, files=[("anh.png", PNG)])
    completion.request_completion(strict.task, strict.lead, note="Đã rà soát")
    completion.reject_completion(strict.task, strict.leader, note="Minh chứng chưa đủ")
    assert strict.task.completion_requests.get().status == ChangeStatus.REJECTED
    with pytest.raises(EvidenceRequired):
        completion.request_completion(strict.task, strict.lead, note="Đã rà soát lại")


def test_the_task_page_marks_the_file_required_and_refuses_without_one(strict, login):
    client = login(strict.lead)
    page = client.get(f"/nhiem-vu/{strict.task.pk}/").content.decode()
    assert (
        "Tệp minh chứng (bắt buộc với nhiệm vụ này)" in page
        and "Cần minh chứng khi đề nghị hoàn thành" in page
    )
    response = client.post(f"/nhiem-vu/{strict.task.pk}/de-nghi-hoan-thanh/", {"note": "Đã rà soát"})
    assert response.status_code == 400 and MISSING in response.content.decode()
    assert not CompletionRequest.objects.exists()
    response = client.post(
        f"/nhiem-vu/{strict.task.pk}/de-nghi-hoan-thanh/",
        {"note": "Đã rà soát", "evidence": SimpleUploadedFile("bien-ban.png", PNG)},
    )
    assert response.status_code == 302 and CompletionRequest.objects.count() == 1


def test_the_tracker_sets_the_policy_on_the_task_page(s, login):
    client = login(s.tracker)
    assert "Yêu cầu minh chứng" in client.get(f"/nhiem-vu/{s.task.pk}/").content.decode()
    client.post(f"/nhiem-vu/{s.task.pk}/minh-chung/", {"required": "on"})
    s.task.refresh_from_db()
    assert s.task.evidence_required
    assert "Yêu cầu minh chứng" not in login(s.viewer).get(f"/nhiem-vu/{s.task.pk}/").content.decode()


def test_the_api_answers_a_missing_evidence_with_its_own_code():
    request = RequestFactory().post("/api/v1/")
    response = api.on_exception(request, EvidenceRequired(completion.EVIDENCE_MISSING))
    assert response.status_code == 400
    assert json.loads(response.content) == {
        "code": "evidence_required",
        "message": completion.EVIDENCE_MISSING,
    }
