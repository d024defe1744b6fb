"""What a receiver really gets: every webhook event the OpenAPI document publishes is posted over HTTP to a
real server, and each post — its body as sent, its headers — has the published shape: it validates against
its event's schema, holds no field the schema does not document, carries the documented delivery id and
signature headers; and no event of confidential work is ever posted."""

import hashlib
import hmac
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jsonschema_rs  # JSON Schema 2020-12 (OpenAPI 3.1), installed with schemathesis
import pytest
from django.test import Client

from dieuhanh.notify.models import WebhookDelivery, WebhookEndpoint
from dieuhanh.notify.worker import tick
from dieuhanh.tasks.services import completion, extensions, handling, progress

pytestmark = pytest.mark.django_db
SECRET = "khoa-ky-webhook-thu"


@pytest.fixture
def receiver():
    """An HTTP server on this machine that keeps every post it gets: (headers, raw body)."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((dict(self.headers), body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()
    server.server_close()


def undocumented(value, schema: dict, components: dict, where="") -> list[str]:
    """Paths of the fields in `value` that `schema` does not name (JSON Schema alone lets them pass)."""
    if "$ref" in schema:
        return undocumented(value, components[schema["$ref"].rsplit("/", 1)[1]], components, where)
    if "anyOf" in schema:
        fitting = [o for o in schema["anyOf"] if _fits(value, o, components)]
        return undocumented(value, fitting[0], components, where) if fitting else []
    if isinstance(value, dict) and "properties" in schema:
        found = [f"{where}.{k}" for k in value if k not in schema["properties"]]
        for key, item in value.items():
            if key in schema["properties"]:
                found += undocumented(item, schema["properties"][key], components, f"{where}.{key}")
        return found
    if isinstance(value, list) and "items" in schema:
        return [
            p
            for i, item in enumerate(value)
            for p in undocumented(item, schema["items"], components, f"{where}[{i}]")
        ]
    return []


def _fits(value, schema, components) -> bool:
    return jsonschema_rs.is_valid({**schema, "components": {"schemas": components}}, value)


def test_every_published_event_is_posted_with_its_published_shape(world, settings, receiver):
    url, received = receiver
    settings.SITE_URL = "https://dieuhanh.example.vn"
    WebhookEndpoint.objects.create(organisation=world.units["a"], url=url, secret=SECRET)
    member, leader, tracker = world.people["member"], world.people["leader"], world.people["tracker"]
    own, later, secret = world.tasks["own"], world.tasks["later"], world.tasks["secret"]
    tick()  # the day's reminders: "own" is overdue
    handling.assign_people(later, tracker, [member])
    progress.report_progress(later, member, text="Đã họp", percent=30)
    progress.report_progress(secret, member, text="Báo cáo MẬT-XYZ", percent=30)
    extensions.request_extension(
        later, member, new_date=later.deadline.replace(day=30, month=10), reason="Chờ"
    )
    extensions.decide_extension(later.deadline_changes.get(), leader, approve=False, note="Không")
    handling.give_direction(later, leader, text="Khẩn trương")
    completion.request_completion(own, member, note="Xong")
    completion.reject_completion(own, leader, note="Thiếu hồ sơ")
    completion.request_completion(own, member, note="Đã bổ sung")
    completion.approve_completion(own, leader)
    completion.request_completion(secret, member, note="Xong MẬT-XYZ")
    tick()  # posts every delivery

    document = Client().get("/api/v1/openapi.json").json()
    components = document["components"]["schemas"]
    assert received, "nothing was posted"
    assert not WebhookDelivery.objects.filter(sent_at=None).exists()
    events = set()
    for headers, body in received:
        payload = json.loads(body.decode("utf-8"))
        kind = payload["event"]
        events.add(kind)
        post = document["webhooks"][kind]["post"]
        ref = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        jsonschema_rs.validate({"$ref": ref, "components": document["components"]}, payload)
        assert undocumented(payload, {"$ref": ref}, components) == [], kind
        # The headers the document names, with the values it promises.
        documented = {p["name"].lower() for p in post["parameters"]}
        assert {"x-dieuhanh-delivery", "x-dieuhanh-signature"} <= documented
        lower = {k.lower(): v for k, v in headers.items()}
        assert lower["content-type"].startswith("application/json")
        assert lower["x-dieuhanh-delivery"] == payload["id"] and uuid.UUID(payload["id"])
        expected = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert lower["x-dieuhanh-signature"] == f"sha256={expected}"
        assert "MẬT-XYZ" not in body.decode("utf-8")
    assert events == set(document["webhooks"])


def test_the_undocumented_field_check_can_fail():
    components = {"A": {"type": "object", "properties": {"x": {"type": "integer"}}}}
    assert undocumented({"x": 1, "y": 2}, {"$ref": "#/components/schemas/A"}, components) == [".y"]
    nested = {"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]}
    assert undocumented({"x": 1, "z": 0}, nested, components) == [".z"]
    assert undocumented(None, nested, components) == []
