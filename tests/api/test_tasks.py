"""The task endpoints: the web list's filters and scope, one task, and changes by role."""

import pytest

from dieuhanh.core.models import AuditEvent
from dieuhanh.tasks.models import Task

pytestmark = pytest.mark.django_db


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_it_lists_what_the_web_list_shows_each_role(world):
    t = world.tasks
    assert ids(world.client("tracker").get("/api/v1/tasks")) == {
        t[k].pk for k in ("own", "later", "sibling", "secret")
    }
    assert ids(world.client("viewer").get("/api/v1/tasks")) == {t[k].pk for k in ("own", "later", "sibling")}
    assert ids(world.client("member").get("/api/v1/tasks")) == {t[k].pk for k in ("own", "later", "secret")}
    assert ids(world.client("sibling").get("/api/v1/tasks")) == {t["sibling"].pk}
    assert ids(world.client("outsider").get("/api/v1/tasks")) == {t["other"].pk}


def test_it_filters_and_orders_as_the_web_list(world):
    client = world.client("tracker")
    overdue = client.get("/api/v1/tasks", {"status": "overdue"})
    assert ids(overdue) == {world.tasks["own"].pk}
    assert overdue.json()["items"][0]["status_label"] == "Quá hạn chưa hoàn thành"
    by_unit = client.get("/api/v1/tasks", {"unit": world.units["sibling"].pk})
    assert ids(by_unit) == {world.tasks["sibling"].pk}
    ranged = client.get("/api/v1/tasks", {"deadline_from": "2026-07-01", "deadline_to": "30/09/2026"})
    assert ids(ranged) == {world.tasks[k].pk for k in ("later", "sibling", "secret")}
    latest_first = client.get("/api/v1/tasks", {"sort": "-deadline"}).json()["items"]
    assert latest_first[0]["id"] == world.tasks["later"].pk


def test_it_pages(world):
    client = world.client("tracker")
    first = client.get("/api/v1/tasks", {"page_size": 3}).json()
    second = client.get("/api/v1/tasks", {"page_size": 3, "page": 2}).json()
    assert first["count"] == second["count"] == 4
    assert len(first["items"]) == 3 and len(second["items"]) == 1
    assert client.get("/api/v1/tasks", {"page": 9}).json()["items"] == []


@pytest.mark.parametrize(
    "query, word",
    [
        ({"status": "nope"}, "status"),
        ({"deadline_from": "31/02/2026"}, "ngày"),
        ({"unit": "abc"}, "unit"),
        ({"unit": "99999999999999999999"}, "unit: quá lớn"),
        ({"deadline_from": "01/07/2026", "deadline_to": "01/06/2026"}, "Ngày kết thúc"),
        ({"page": "x"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"page": "0"}, "page"),
    ],
)
def test_a_bad_parameter_is_a_vietnamese_400(world, query, word):
    response = world.client("tracker").get("/api/v1/tasks", query)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and word in body["message"]


def test_another_communes_unit_is_not_a_filter_one_can_use(world):
    response = world.client("tracker").get("/api/v1/tasks", {"unit": world.units["b_lead"].pk})
    assert response.status_code == 400


def test_without_a_valid_token_it_is_a_401(world):
    from django.test import Client

    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer dh_sai"}, {"HTTP_AUTHORIZATION": "Basic abc"}):
        response = Client(**headers).get("/api/v1/tasks")
        assert response.status_code == 401
        assert response.json()["code"] == "unauthorized"


def test_a_task_one_may_not_see_is_not_found(world):
    secret = world.tasks["secret"].pk
    assert "Việc MẬT-XYZ" in world.client("member").get(f"/api/v1/tasks/{secret}").content.decode()
    for role in ("viewer", "sibling", "outsider"):
        response = world.client(role).get(f"/api/v1/tasks/{secret}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
        assert "MẬT-XYZ" not in response.content.decode()
    assert world.client("tracker").get("/api/v1/tasks/999999").status_code == 404


def test_a_tracker_stars_and_pauses_a_task_audited_with_the_token_name(world):
    task = world.tasks["own"]
    response = world.client("tracker").patch(
        f"/api/v1/tasks/{task.pk}",
        {"starred": True, "state": "paused", "reason": "Chờ hướng dẫn"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    task.refresh_from_db()
    assert task.starred and task.state == "paused"
    events = AuditEvent.objects.filter(object_id=str(task.pk), content_type__model="task", action="update")
    assert events.exists()
    assert all("Mã của tracker" in e.note and e.actor == world.people["tracker"] for e in events)


@pytest.mark.parametrize("role", ["viewer", "member", "sibling"])
def test_a_role_that_may_not_manage_changes_nothing(world, role):
    task = world.tasks["own"]
    response = world.client(role).patch(
        f"/api/v1/tasks/{task.pk}", {"starred": True}, content_type="application/json"
    )
    expected = 404 if role == "sibling" else 403
    assert response.status_code == expected
    assert response.json()["code"] in ("forbidden", "not_found")
    assert not Task.objects.get(pk=task.pk).starred


def test_a_change_is_all_or_nothing(world):
    task = world.tasks["own"]
    response = world.client("tracker").patch(
        f"/api/v1/tasks/{task.pk}",
        {"starred": True, "state": "cancelled", "reason": ""},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"code": "refused", "message": "Cần nêu lý do."}
    task.refresh_from_db()
    assert not task.starred and task.state == "open"


def test_the_lead_unit_assigns_its_own_people_only(world):
    task = world.tasks["own"]
    client = world.client("member")
    ok = client.patch(
        f"/api/v1/tasks/{task.pk}",
        {"assignees": [world.people["member"].pk]},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["assignees"] == [world.people["member"].pk]
    refused = client.patch(
        f"/api/v1/tasks/{task.pk}",
        {"assignees": [world.people["sibling"].pk]},
        content_type="application/json",
    )
    assert refused.status_code == 400 and refused.json()["code"] == "refused"


def test_a_malformed_body_is_a_400(world):
    task = world.tasks["own"]
    client = world.client("tracker")
    for body in ("{nope", '{"starred": "maybe"}', '{"state": "done"}', "{}"):
        response = client.patch(f"/api/v1/tasks/{task.pk}", body, content_type="application/json")
        assert response.status_code == 400, body
        assert response.json()["code"] == "invalid"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/tasks/99999999999999999999999",
        "/api/v1/tasks/99999999999999999999999/reports",
        "/api/v1/documents/99999999999999999999999",
        "/api/v1/figures?period=2026-06&unit=99999999999999999999999",
        "/api/v1/tasks?page_size=-1",
        "/api/v1/figures?date_from=2026-01-01&date_to=9999-12-31",
        "/api/v1/tasks/abc",
        "/api/v1/khong-co",
    ],
)
def test_huge_and_odd_values_are_answered_not_crashed_on(world, url):
    response = world.client("tracker").get(url)
    assert response.status_code in (400, 404), (url, response.status_code)
    assert set(response.json()) == {"code", "message"}


def test_a_page_past_the_end_is_empty(world):
    body = world.client("tracker").get("/api/v1/tasks", {"page": "99999999999999999999999"}).json()
    assert body["items"] == [] and body["count"] == 4
