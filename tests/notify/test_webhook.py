"""The organisation's webhook: one signed JSON POST a day to a local HTTP server, retried on failure."""

import datetime
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dieuhanh.notify.channels.webhook import SIGNATURE_HEADER
from dieuhanh.notify.models import WebhookDelivery, WebhookEndpoint
from dieuhanh.notify.worker import tick
from tests.notify.conftest import frozen

D = datetime.date


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        server = self.server
        if server.fail_next:
            server.fail_next -= 1
            self.send_response(503)
            self.end_headers()
            return
        server.received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    server.received, server.fail_next = [], 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def endpoint(world, receiver, settings):
    settings.SITE_URL = "https://dieuhanh.example.vn"
    world.task.deadline = world.task.original_deadline = D(2026, 6, 10)
    world.task.summary = "Kiểm tra an toàn thực phẩm"
    world.task.save()
    host, port = receiver.server_address
    return WebhookEndpoint.objects.create(
        organisation=world.commune, url=f"http://{host}:{port}/hook", secret="bí-mật"
    )


def test_it_posts_the_days_reminders_as_signed_json_once(world, receiver, endpoint):
    with frozen(D(2026, 6, 11), 8):
        first = tick()
        tick()
    assert first.webhooks_sent == 1
    [(headers, body)] = receiver.received
    expected = "sha256=" + hmac.new("bí-mật".encode(), body, hashlib.sha256).hexdigest()
    assert headers[SIGNATURE_HEADER] == expected
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    envelope = json.loads(body)
    delivery = WebhookDelivery.objects.get()
    assert envelope["event"] == "deadline_reminder" and envelope["task"] is None and envelope["actor"] is None
    assert envelope["id"] == str(delivery.uuid) == headers["X-Dieuhanh-Delivery"]
    assert envelope["sent_at"] == "2026-06-11T08:00:00+07:00"
    payload = envelope["detail"]
    assert payload["day"] == "2026-06-11" and payload["organisation"] == world.commune.name
    assert payload["text"] == "Nhắc việc ngày 11/06/2026: 1 nhiệm vụ cần chú ý."
    assert payload["reminders"] == [
        {
            "task_id": world.task.pk,
            "kind": "overdue",
            "kind_label": "Quá hạn",
            "summary": "Kiểm tra an toàn thực phẩm",
            "deadline": "2026-06-10",
            "lead_unit": world.s.lead_unit.name,
            "url": f"https://dieuhanh.example.vn/nhiem-vu/{world.task.pk}/",
        }
    ]


def test_it_retries_a_webhook_that_failed(world, receiver, endpoint):
    receiver.fail_next = 1
    with frozen(D(2026, 6, 11), 8):
        assert tick().webhooks_failed == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 1 and delivery.response_status == 503 and "HTTP 503" in delivery.last_error
    with frozen(D(2026, 6, 11), 8, 1):
        assert tick().webhooks_sent == 1
    assert len(receiver.received) == 1
    delivery.refresh_from_db()
    assert delivery.sent_at is not None and delivery.response_status == 204


def test_it_posts_nothing_on_a_quiet_day(world, receiver, endpoint):
    world.task.deadline = D(2026, 12, 31)
    world.task.save()
    with frozen(D(2026, 6, 11), 8):
        tick()
    assert receiver.received == [] and not WebhookDelivery.objects.exists()
