"""Ids are bounded as the databases hold them (64-bit): a bigger number gives the API's own error with a
stable code — 404 `not_found` in a path, 400 `invalid` in a query or body — never a 500 (a huge
assignee id in PATCH /tasks/{id} was a 500 on SQLite, which cannot bind it)."""

import pytest
from django.test import Client

from dieuhanh.core.form_fields import MAX_ID

pytestmark = pytest.mark.django_db

HUGE = [str(MAX_ID + 1), "9" * 30]
NOT_IDS = {"page", "page_size", "cutoff"}


def _schema():
    return Client().get("/api/v1/openapi.json").json()


def _integer(schema: dict) -> dict | None:
    for option in [schema, *schema.get("anyOf", [])]:
        if option.get("type") == "integer":
            return option
    return None


def test_every_id_the_api_reads_declares_its_range_in_the_openapi_document():
    schema = _schema()
    unbounded = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for param in operation.get("parameters", []):
                integer = _integer(param["schema"])
                if integer is None or param["name"] in NOT_IDS:
                    continue
                if (integer.get("minimum"), integer.get("maximum")) != (1, MAX_ID):
                    unbounded.append((method, path, param["name"]))
    for name, component in schema["components"]["schemas"].items():
        for field, prop in component.get("properties", {}).items():
            items = prop.get("items") or next(
                (o.get("items") for o in prop.get("anyOf", []) if o.get("items")), None
            )
            integer = _integer(items or prop)
            is_id = name.endswith(("In", "Patch")) and field not in NOT_IDS | {"percent"}
            if (
                integer is not None
                and is_id
                and (integer.get("minimum"), integer.get("maximum")) != (1, MAX_ID)
            ):
                unbounded.append(("body", name, field))
    assert unbounded == []


def _operations():
    for path, operations in _schema()["paths"].items():
        if "{" in path:
            for method in operations:
                yield method, path


@pytest.mark.parametrize("huge", HUGE)
def test_a_huge_id_in_any_path_is_a_json_404(world, huge):
    client = world.client("leader")
    answers = {}
    for method, path in _operations():
        url = path.replace("{task_id}", huge).replace("{extension_id}", huge)
        url = url.replace("{document_id}", huge).replace("{draft_id}", huge)
        response = getattr(client, method)(url, {}, content_type="application/json")
        answers[(method, path)] = (response.status_code, response.json()["code"])
    assert set(answers.values()) <= {(404, "not_found"), (400, "invalid")}, answers
    # A read has no body to be wrong: its answer is exactly the 404 of an id that does not exist.
    assert {a for (method, _), a in answers.items() if method == "get"} == {(404, "not_found")}


def test_a_huge_id_in_a_path_beside_a_good_body_is_a_404(world):
    task = world.tasks["own"].pk
    response = world.client("leader").post(
        f"/api/v1/tasks/{task}/extensions/{HUGE[1]}/decision",
        {"decision": "grant"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/tasks?unit={}",
        "/api/v1/tasks?commune={}",
        "/api/v1/tasks?owner={}",
        "/api/v1/tasks?document={}",
        "/api/v1/figures?period=2026-06&unit={}",
        "/api/v1/people?unit={}",
    ],
)
def test_a_huge_id_in_a_query_is_a_400_naming_the_parameter(world, url):
    response = world.client("tracker").get(url.format(HUGE[1]))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and "quá lớn" in body["message"]


def test_a_huge_assignee_id_is_a_400_not_a_500(world):
    task = world.tasks["own"]
    response = world.client("tracker").patch(
        f"/api/v1/tasks/{task.pk}", {"assignees": [int(HUGE[1])]}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "message": "Tham số không hợp lệ — changes.assignees.0: quá lớn.",
    }
    assert not task.assignees.exists()
