"""Creating a task, and the requests on it and their decisions, through the task pages' services."""

import datetime

import pytest

from dieuhanh.core.models import AuditEvent
from dieuhanh.tasks.constants import ChangeStatus, TaskState
from dieuhanh.tasks.models import CompletionRequest, DeadlineChange, Direction, Task

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


# --- Creating a task --------------------------------------------------------------------------

NEW = {
    "text": "Tổ chức tập huấn chuyển đổi số",
    "lead_unit": "Phòng Văn hóa - Xã hội",
    "deadline": "30/09/2026",
}


def test_a_tracker_adds_a_task_as_a_row_of_the_import(world):
    body = {**NEW, "coordinators": ["Phòng Kinh tế"], "budget": "12.5", "deadline": "2026-09-30"}
    response = post(world.client("tracker"), "/api/v1/tasks", body)
    assert response.status_code == 201, response.content
    task = Task.objects.get(pk=response.json()["id"])
    assert task.owner == world.units["a"] and task.lead_unit == world.units["lead"]
    assert task.deadline == datetime.date(2026, 9, 30) and task.budget == 12.5
    assert list(task.coordinators.all()) == [world.units["sibling"]]
    event = AuditEvent.objects.get(content_type__model="task", object_id=str(task.pk), action="create")
    assert event.actor == world.people["tracker"] and "Mã của tracker" in event.note


def test_a_deadline_written_as_in_a_document_is_read_as_the_import_reads_it(world):
    body = {**NEW, "deadline": "trước ngày 18 hằng tháng"}
    task = Task.objects.get(pk=post(world.client("tracker"), "/api/v1/tasks", body).json()["id"])
    assert task.deadline_kind == "recurring" and task.is_series and task.occurrences.exists()


@pytest.mark.parametrize("role, status", [("viewer", 403), ("member", 403), ("sibling", 403)])
def test_only_the_organisations_managers_add_tasks(world, role, status):
    before = Task.objects.count()
    assert post(world.client(role), "/api/v1/tasks", NEW).status_code == status
    assert Task.objects.count() == before


def test_another_communes_tracker_cannot_add_to_this_commune(world):
    response = post(world.client("outsider"), "/api/v1/tasks", {**NEW, "organisation": world.units["a"].pk})
    assert response.status_code == 404
    # In their own commune the unit is not theirs: the import's own message.
    response = post(world.client("outsider"), "/api/v1/tasks", NEW)
    assert response.status_code == 400 and "Không tìm thấy đơn vị" in response.json()["message"]


@pytest.mark.parametrize(
    "change, words",
    [
        ({"text": " "}, "Thiếu nội dung"),
        ({"lead_unit": "Phòng Không Có"}, "Không tìm thấy đơn vị"),
        ({"deadline": "31/02/2026"}, "Thời hạn"),
        ({"coordinators": ["Phòng Văn hóa - Xã hội"]}, "vừa là đơn vị chủ trì"),
    ],
)
def test_a_bad_task_is_refused_with_the_imports_words(world, change, words):
    before = Task.objects.count()
    response = post(world.client("tracker"), "/api/v1/tasks", {**NEW, **change})
    assert response.status_code == 400 and words in response.json()["message"], response.content
    assert Task.objects.count() == before


# --- Completion -------------------------------------------------------------------------------


def url(task, tail=""):
    return f"/api/v1/tasks/{task.pk}/{tail}"


def test_the_unit_claims_completion_and_a_leader_approves_it(world):
    task = world.tasks["own"]
    claim = post(
        world.client("member"),
        url(task, "completion"),
        {"note": "Đã rà soát 3 thôn", "claimed_on": "2026-06-10"},
    )
    assert claim.status_code == 201, claim.content
    assert claim.json()["status"] == "requested"
    task.refresh_from_db()
    assert task.state == TaskState.AWAITING_APPROVAL
    assert (
        post(world.client("member"), url(task, "completion/decision"), {"decision": "approve"}).status_code
        == 403
    )
    decided = post(
        world.client("leader"), url(task, "completion/decision"), {"decision": "approve", "note": "Tốt"}
    )
    assert decided.status_code == 200, decided.content
    task.refresh_from_db()
    assert task.state == TaskState.DONE and task.completed_on == datetime.date(2026, 6, 10)
    listed = world.client("viewer").get(url(task, "completion")).json()
    assert [c["status"] for c in listed] == ["approved"]


def test_a_leader_returns_a_claim_with_a_reason(world):
    task = world.tasks["own"]
    post(world.client("member"), url(task, "completion"), {"note": "Xong"})
    no_reason = post(world.client("leader"), url(task, "completion/decision"), {"decision": "return"})
    assert no_reason.status_code == 400 and "lý do" in no_reason.json()["message"]
    back = post(
        world.client("leader"),
        url(task, "completion/decision"),
        {"decision": "return", "note": "Thiếu biên bản"},
    )
    assert back.status_code == 200 and back.json()["status"] == "rejected"
    task.refresh_from_db()
    assert task.state == TaskState.OPEN and "Thiếu biên bản" in task.state_reason


@pytest.mark.parametrize("role, status", [("viewer", 403), ("sibling", 404), ("outsider", 404)])
def test_others_cannot_claim_completion(world, role, status):
    response = post(world.client(role), url(world.tasks["own"], "completion"), {"note": "Xong"})
    assert response.status_code == status
    assert not CompletionRequest.objects.exists()


def test_a_claim_without_a_result_is_refused(world):
    response = post(world.client("member"), url(world.tasks["own"], "completion"), {"note": "  "})
    assert response.status_code == 400 and "kết quả, sản phẩm" in response.json()["message"]


# --- Extensions -------------------------------------------------------------------------------


def test_the_unit_asks_for_an_extension_and_a_leader_grants_it(world):
    task = world.tasks["later"]
    asked = post(
        world.client("member"), url(task, "extensions"), {"new_date": "2026-10-31", "reason": "Chờ kinh phí"}
    )
    assert asked.status_code == 201, asked.content
    change = asked.json()["id"]
    refused = post(world.client("viewer"), url(task, f"extensions/{change}/decision"), {"decision": "grant"})
    assert refused.status_code == 403
    granted = post(
        world.client("leader"),
        url(task, f"extensions/{change}/decision"),
        {"decision": "grant", "objective": True},
    )
    assert granted.status_code == 200, granted.content
    task.refresh_from_db()
    assert task.deadline == datetime.date(2026, 10, 31) and task.original_deadline == datetime.date(
        2026, 9, 30
    )
    assert DeadlineChange.objects.get().objective


def test_a_refusal_needs_a_reason_and_a_decided_request_stays_decided(world):
    task = world.tasks["later"]
    change = post(
        world.client("member"), url(task, "extensions"), {"new_date": "2026-10-31", "reason": "Chờ"}
    ).json()["id"]
    decision = url(task, f"extensions/{change}/decision")
    assert post(world.client("leader"), decision, {"decision": "refuse"}).status_code == 400
    assert (
        post(world.client("leader"), decision, {"decision": "refuse", "note": "Không đủ căn cứ"}).status_code
        == 200
    )
    again = post(world.client("leader"), decision, {"decision": "grant"})
    assert again.status_code == 400 and "đã được xử lý" in again.json()["message"]
    assert DeadlineChange.objects.get().status == ChangeStatus.REJECTED


def test_an_extension_of_another_task_is_not_found_under_this_one(world):
    change = post(
        world.client("member"),
        url(world.tasks["later"], "extensions"),
        {"new_date": "2026-10-31", "reason": "Chờ"},
    )
    response = post(
        world.client("leader"),
        url(world.tasks["own"], f"extensions/{change.json()['id']}/decision"),
        {"decision": "grant"},
    )
    assert response.status_code == 404


def test_an_earlier_date_is_refused(world):
    response = post(
        world.client("member"),
        url(world.tasks["later"], "extensions"),
        {"new_date": "2026-09-01", "reason": "x"},
    )
    assert response.status_code == 400 and "phải sau thời hạn hiện tại" in response.json()["message"]


# --- Directions -------------------------------------------------------------------------------


def test_a_leader_gives_a_direction_others_read_it(world):
    task = world.tasks["own"]
    given = post(world.client("leader"), url(task, "directions"), {"text": "Khẩn trương hoàn thành"})
    assert given.status_code == 201, given.content
    assert [d["text"] for d in world.client("member").get(url(task, "directions")).json()] == [
        "Khẩn trương hoàn thành"
    ]
    for role, status in [("tracker", 403), ("member", 403), ("viewer", 403), ("outsider", 404)]:
        assert post(world.client(role), url(task, "directions"), {"text": "Ý kiến"}).status_code == status
    assert Direction.objects.count() == 1


def test_a_confidential_tasks_requests_are_hidden_from_those_not_named(world):
    secret = world.tasks["secret"]
    post(
        world.client("member"), url(secret, "extensions"), {"new_date": "2026-08-31", "reason": "MẬT-XYZ chờ"}
    )
    for tail in ("completion", "extensions", "directions"):
        response = world.client("viewer").get(url(secret, tail))
        assert response.status_code == 404 and "MẬT-XYZ" not in response.content.decode()
    assert world.client("tracker").get(url(secret, "extensions")).json()[0]["reason"] == "MẬT-XYZ chờ"
