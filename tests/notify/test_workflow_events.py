"""Issue 14 item 7: workflow events reach the right people at once, in the daily digest and by
webhook (one signed JSON envelope, retried with back-off a bounded number of times)."""

import datetime
import hashlib
import hmac
import json

import pytest
from django.core import mail
from django.db.models import Sum

from dieuhanh.notify.constants import WEBHOOK_MAX_ATTEMPTS
from dieuhanh.notify.events import Delivery, EventKind
from dieuhanh.notify.models import (
    Event,
    EventNotice,
    Notification,
    NotificationPreference,
    WebhookDelivery,
    WebhookEndpoint,
)
from dieuhanh.notify.worker import tick
from dieuhanh.notify.workflow import tasks_assigned
from dieuhanh.org.constants import Role
from dieuhanh.tasks.services import completion, extensions, handling, progress
from tests.notify.conftest import frozen
from tests.notify.test_webhook import receiver  # noqa: F401 — the local HTTP receiver fixture
from tests.scenario import person

D = datetime.date
SITE = "https://dieuhanh.example.vn"


@pytest.fixture
def w(world, settings):
    settings.SITE_URL = SITE
    world.task.summary = "Kiểm tra an toàn thực phẩm"
    world.task.save()
    return world


def told(kind) -> set:
    return set(Notification.objects.filter(kind=kind).values_list("person_id", flat=True))


def test_a_completion_request_reaches_the_leaders_at_once_and_not_the_one_who_asked(w):
    with frozen(D(2026, 6, 1), 9):
        completion.request_completion(w.task, w.s.lead, note="Đã kiểm tra 12 cơ sở")
    assert told(EventKind.COMPLETION_REQUESTED) == {w.s.leader.pk, w.signer.pk}
    notification = Notification.objects.get(person=w.s.leader)
    assert notification.message == "Đề nghị xác nhận hoàn thành: Kiểm tra an toàn thực phẩm"
    assert notification.url == f"/nhiem-vu/{w.task.pk}/"
    # Not the viewer, not the tracker, not another commune's leader, not the province's.
    assert not {w.s.viewer.pk, w.s.tracker.pk, w.s.province_leader.pk, w.s.lead.pk} & told(
        EventKind.COMPLETION_REQUESTED
    )


def test_a_return_reaches_the_lead_unit_the_assignee_and_whoever_asked(w):
    with frozen(D(2026, 6, 1), 9):
        completion.request_completion(w.task, w.s.tracker, note="Đã xong")
        completion.reject_completion(w.task, w.s.leader, note="Thiếu biên bản kiểm tra")
    assert told(EventKind.COMPLETION_RETURNED) == {w.s.lead.pk, w.head.pk, w.assignee.pk, w.s.tracker.pk}
    assert Notification.objects.get(person=w.s.lead, kind=EventKind.COMPLETION_RETURNED).message == (
        "Trả lại, thực hiện lại: Kiểm tra an toàn thực phẩm"
    )
    event = Event.objects.get(kind=EventKind.COMPLETION_RETURNED)
    assert event.actor == w.s.leader and event.detail == {"note": "Thiếu biên bản kiểm tra"}


def test_approval_extension_direction_and_progress_each_tell_their_people(w):
    with frozen(D(2026, 6, 1), 9):
        extensions.request_extension(w.task, w.s.lead, new_date=D(2026, 8, 1), reason="Chờ kinh phí")
        change = w.task.deadline_changes.get()
        extensions.decide_extension(change, w.s.leader, approve=True)
        handling.give_direction(w.task, w.s.leader, text="Hoàn thành trước 31/7")
        progress.report_progress(w.task, w.s.coord, text="Đã phối hợp kiểm tra", percent=40)
        completion.request_completion(w.task, w.s.lead, note="Đã xong")
        completion.approve_completion(w.task, w.s.leader)
    lead_side = {w.s.lead.pk, w.head.pk, w.assignee.pk}
    assert told(EventKind.EXTENSION_REQUESTED) == {w.s.leader.pk, w.signer.pk}
    assert told(EventKind.EXTENSION_DECIDED) == lead_side
    assert Notification.objects.get(person=w.head, kind=EventKind.EXTENSION_DECIDED).message == (
        "Đề nghị gia hạn đến 01/08/2026: lãnh đạo đồng ý: Kiểm tra an toàn thực phẩm"
    )
    assert told(EventKind.DIRECTION_GIVEN) == lead_side | {w.s.tracker.pk}
    # A coordinating unit reported: the lead unit hears too, with the trackers.
    assert told(EventKind.PROGRESS_REPORTED) == lead_side | {w.s.tracker.pk}
    assert told(EventKind.COMPLETION_APPROVED) == lead_side


def test_people_assigned_and_new_tasks_are_told(w):
    newcomer = person(w.s.lead_unit, Role.MEMBER)
    with frozen(D(2026, 6, 1), 9):
        handling.assign_people(w.task, w.s.tracker, [newcomer])
        tasks_assigned([w.task], w.s.tracker)
    assert Notification.objects.filter(person=newcomer, kind=EventKind.TASK_ASSIGNED).count() == 2
    # The assignment replaced the earlier assignee, who is not told of the new task.
    assert told(EventKind.TASK_ASSIGNED) == {newcomer.pk, w.s.lead.pk, w.head.pk}


def test_a_kind_turned_off_or_kept_in_the_app_is_respected(w):
    NotificationPreference.objects.create(
        person=w.s.leader, event_choices={EventKind.COMPLETION_REQUESTED: Delivery.OFF}
    )
    NotificationPreference.objects.create(
        person=w.signer, event_choices={EventKind.COMPLETION_REQUESTED: Delivery.IN_APP}
    )
    with frozen(D(2026, 6, 1), 9):
        completion.request_completion(w.task, w.s.lead, note="Đã xong")
    assert told(EventKind.COMPLETION_REQUESTED) == {w.signer.pk}
    notice = EventNotice.objects.get()
    assert notice.person == w.signer and notice.sent_at is not None and notice.channel == "in_app"
    with frozen(D(2026, 6, 2), 8):
        tick()
    assert [m for m in mail.outbox if w.signer.email in m.to or w.s.leader.email in m.to] == []


def test_the_next_digest_carries_the_events_once(w):
    with frozen(D(2026, 6, 1), 15):
        completion.request_completion(w.task, w.s.lead, note="Đã kiểm tra 12 cơ sở")
    with frozen(D(2026, 6, 2), 7):
        tick()
        tick()
    [message] = [m for m in mail.outbox if m.to == [w.s.leader.email]]
    assert message.subject == "[dieuhanh] Cập nhật ngày 02/06/2026: 1 thông báo mới về nhiệm vụ"
    assert "== Cập nhật về nhiệm vụ (1) ==" in message.body
    assert f"Đề nghị xác nhận hoàn thành — {w.s.lead} (15:00 01/06/2026)" in message.body
    assert f"{SITE}/nhiem-vu/{w.task.pk}/" in message.body
    assert not EventNotice.objects.filter(sent_at=None).exists()


@pytest.fixture
def hook(w, receiver):  # noqa: F811
    host, port = receiver.server_address
    return WebhookEndpoint.objects.create(
        organisation=w.s.province, url=f"http://{host}:{port}/hook", secret="khóa"
    )


def test_an_event_is_posted_as_a_signed_envelope_to_the_organisations_above(w, receiver, hook):  # noqa: F811
    w.task.deadline = D(2026, 7, 10)
    w.task.save()
    with frozen(D(2026, 6, 1), 9):
        completion.request_completion(w.task, w.s.lead, note="Đã kiểm tra 12 cơ sở")
        result = tick()
    assert result.webhooks_sent == 1
    [(headers, body)] = receiver.received
    assert (
        headers["X-Dieuhanh-Signature"]
        == "sha256=" + hmac.new(b"kh\xc3\xb3a", body, hashlib.sha256).hexdigest()
    )
    delivery = WebhookDelivery.objects.get()
    assert json.loads(body) == {
        "event": "completion_requested",
        "id": str(delivery.uuid),
        "sent_at": "2026-06-01T09:00:00+07:00",
        "task": {
            "id": w.task.pk,
            "number": f"NV-{w.task.pk} ({w.task.document.number_symbol})",
            "title": "Kiểm tra an toàn thực phẩm",
            "url": f"{SITE}/nhiem-vu/{w.task.pk}/",
            "deadline": "2026-07-10",
            "lead_unit": w.s.lead_unit.name,
        },
        "actor": str(w.s.lead),
        "detail": {"claimed_on": "2026-06-01", "note": "Đã kiểm tra 12 cơ sở"},
    }
    assert headers["X-Dieuhanh-Delivery"] == str(delivery.uuid)


def test_a_failing_endpoint_is_retried_with_back_off_then_given_up_and_recorded(w, receiver, hook):  # noqa: F811
    receiver.fail_next = 100
    with frozen(D(2026, 6, 1), 9) as clock:
        handling.give_direction(w.task, w.s.leader, text="Khẩn trương")
        for _ in range(WEBHOOK_MAX_ATTEMPTS + 3):
            tick()
            clock.shift(datetime.timedelta(hours=7))
    delivery = WebhookDelivery.objects.get(event__kind=EventKind.DIRECTION_GIVEN)
    assert delivery.attempts == WEBHOOK_MAX_ATTEMPTS and delivery.sent_at is None
    assert delivery.response_status == 503 and "HTTP 503" in delivery.last_error
    posts = WebhookDelivery.objects.aggregate(n=Sum("attempts"))["n"]
    assert receiver.fail_next == 100 - posts  # every post tried is recorded as an attempt


def test_back_off_doubles_between_attempts(w, receiver, hook):  # noqa: F811
    receiver.fail_next = 100
    waits = []
    with frozen(D(2026, 6, 1), 9) as clock:
        handling.give_direction(w.task, w.s.leader, text="Khẩn trương")
        for _ in range(4):
            tick()
            delivery = WebhookDelivery.objects.get(event__kind=EventKind.DIRECTION_GIVEN)
            waits.append(delivery.next_attempt_at)
            clock.move_to(delivery.next_attempt_at)
    deltas = [(b - a).total_seconds() for a, b in zip(waits, waits[1:], strict=False)]
    assert deltas == [120, 240, 480]
