"""Issue 14 items 6–7 in the API: GET /api/v1/waiting ("việc chờ tôi") and the webhook posts
published in the OpenAPI document — checked against what notify really sends."""

import jsonschema_rs  # JSON Schema 2020-12 (OpenAPI 3.1), installed with schemathesis
import pytest
from django.test import Client

from dieuhanh.notify.events import EventKind
from dieuhanh.notify.models import WebhookDelivery, WebhookEndpoint
from dieuhanh.notify.worker import tick
from dieuhanh.tasks.services import completion, extensions, handling, progress

pytestmark = pytest.mark.django_db


def test_waiting_lists_what_waits_for_the_tokens_account(world):
    completion.request_completion(world.tasks["own"], world.people["member"], note="Đã xong")
    completion.request_completion(world.tasks["secret"], world.people["member"], note="Đã xong MẬT-XYZ")
    body = world.client("leader").get("/api/v1/waiting").json()
    [part] = body["parts"]
    assert part["part"] == "completion" and body["total"] == 1  # the leader is not named on the secret one
    [item] = part["items"]
    assert item["title"] == "Việc riêng" and item["url"].endswith(
        f"/nhiem-vu/{world.tasks['own'].pk}/#decisions"
    )
    assert item["since"].startswith("2026-06-15T")
    for role in ("viewer", "outsider"):
        assert world.client(role).get("/api/v1/waiting").json() == {"total": 0, "parts": []}
    assert Client().get("/api/v1/waiting").status_code == 401


def test_the_openapi_document_publishes_every_event_as_a_webhook():
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert set(schema["webhooks"]) == {k.value for k in EventKind}
    post = schema["webhooks"]["completion_returned"]["post"]
    assert {p["name"] for p in post["parameters"]} == {"X-Dieuhanh-Delivery", "X-Dieuhanh-Signature"}
    assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "WebhookCompletionReturned"
    )


def test_every_post_notify_makes_matches_its_published_schema(world, settings):
    settings.SITE_URL = "https://dieuhanh.example.vn"
    WebhookEndpoint.objects.create(organisation=world.units["a"], url="http://127.0.0.1:9/hook")
    member, leader, tracker = world.people["member"], world.people["leader"], world.people["tracker"]
    own, later = world.tasks["own"], world.tasks["later"]
    tick()  # the day's reminders: "own" is overdue
    handling.assign_people(later, tracker, [member])
    progress.report_progress(later, member, text="Đã họp", percent=30)
    extensions.request_extension(
        later, member, new_date=later.deadline.replace(day=30, month=10), reason="Chờ"
    )
    extensions.decide_extension(later.deadline_changes.get(), leader, approve=False, note="Không")
    handling.give_direction(later, leader, text="Khẩn trương")
    completion.request_completion(own, member, note="Xong")
    completion.reject_completion(own, leader, note="Thiếu hồ sơ")
    completion.request_completion(own, member, note="Đã bổ sung")
    completion.approve_completion(own, leader)
    tick()  # tries every post (nothing listens)
    document = Client().get("/api/v1/openapi.json").json()
    components = {"components": document["components"]}
    posted = {d.payload["event"]: d.payload for d in WebhookDelivery.objects.all()}
    assert set(posted) == {k.value for k in EventKind}
    for kind, payload in posted.items():
        ref = document["webhooks"][kind]["post"]["requestBody"]["content"]["application/json"]["schema"][
            "$ref"
        ]
        jsonschema_rs.validate({"$ref": ref, **components}, payload)
