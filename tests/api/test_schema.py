"""The OpenAPI document and its docs page."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_openapi_document_lists_every_endpoint_with_bearer_auth():
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/tasks",
        "/api/v1/tasks/{task_id}",
        "/api/v1/tasks/{task_id}/reports",
        "/api/v1/tasks/{task_id}/reports/files",
        "/api/v1/tasks/{task_id}/completion",
        "/api/v1/tasks/{task_id}/completion/decision",
        "/api/v1/tasks/{task_id}/extensions",
        "/api/v1/tasks/{task_id}/extensions/{extension_id}/decision",
        "/api/v1/tasks/{task_id}/directions",
        "/api/v1/documents",
        "/api/v1/documents/upload",
        "/api/v1/drafts",
        "/api/v1/drafts/{draft_id}",
        "/api/v1/drafts/{draft_id}/confirm",
        "/api/v1/people",
        "/api/v1/report-package",
        "/api/v1/report-packages",
        "/api/v1/documents/{document_id}",
        "/api/v1/units",
        "/api/v1/notifications",
        "/api/v1/figures",
        "/api/v1/waiting",
    }
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    task_list = schema["paths"]["/api/v1/tasks"]["get"]
    assert {"status", "unit", "deadline_from", "sort", "page", "page_size"} <= {
        p["name"] for p in task_list["parameters"]
    }
    assert "400" in task_list["responses"] and "401" in task_list["responses"]


def test_the_docs_page_loads_its_scripts_from_this_server():
    page = Client().get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in page and "cdn." not in page


def test_a_line_break_in_an_api_path_is_a_json_404(client):
    response = client.get("/api/v1/tasks/T%0A1/reports")  # a line break, encoded
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_a_body_over_the_size_limit_is_a_json_400(world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    body = '{"text": "' + "x" * (2 * 1024 * 1024) + '", "percent": 10}'
    response = world.client("member").post(
        f"/api/v1/tasks/{world.tasks['own'].pk}/reports", body, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["message"].startswith("Nội dung yêu cầu quá lớn")
