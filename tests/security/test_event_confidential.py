"""Issue 14 item 7 under issue 11's rule: an event about a confidential ("Mật") task reaches only
the people named on its document — not in the app, not by e-mail, and never through a webhook."""

import datetime

import pytest
from django.core import mail

from dieuhanh.documents.constants import Confidentiality
from dieuhanh.notify.models import Event, EventNotice, Notification, WebhookDelivery, WebhookEndpoint
from dieuhanh.notify.worker import tick
from dieuhanh.org.constants import Role
from dieuhanh.tasks.services import completion, handling
from tests.factories import DocumentFactory, TaskFactory
from tests.notify.conftest import frozen
from tests.scenario import build_scenario, person

pytestmark = pytest.mark.django_db
D = datetime.date
SECRET_TEXT = "QXMATSUKIEN kiểm tra nội bộ"


@pytest.fixture
def s():
    with frozen(D(2026, 6, 1)):
        s = build_scenario()
        s.head = person(s.lead_unit, Role.MEMBER, is_head=True)
        document = DocumentFactory(owner=s.commune, confidentiality=Confidentiality.SECRET)
        document.allowed_people.add(s.lead, s.leader)
        s.secret = TaskFactory(
            owner=s.commune, lead_unit=s.lead_unit, document=document, text=SECRET_TEXT, summary=SECRET_TEXT
        )
        s.secret.assignees.add(s.head)  # not named: hears nothing of it
        WebhookEndpoint.objects.create(organisation=s.commune, url="http://127.0.0.1:9/hook")
    return s


def test_only_the_people_named_hear_of_a_confidential_tasks_events_on_any_channel(s):
    with frozen(D(2026, 6, 1), 9):
        completion.request_completion(s.secret, s.lead, note="Đã xong")
        completion.reject_completion(s.secret, s.leader, note="Bổ sung hồ sơ")
        handling.give_direction(s.secret, s.leader, text="Làm lại")
    with frozen(D(2026, 6, 2), 8):
        tick()
    people = set(Notification.objects.values_list("person_id", flat=True))
    people |= set(EventNotice.objects.values_list("person_id", flat=True))
    assert people == {s.lead.pk, s.leader.pk}
    assert not WebhookDelivery.objects.exists()
    for message in mail.outbox:
        if SECRET_TEXT in message.body:
            assert message.to in ([s.lead.email], [s.leader.email])
    assert any(SECRET_TEXT in m.body for m in mail.outbox if m.to == [s.lead.email])


def test_a_task_made_confidential_takes_back_its_unsent_events(s):
    plain = TaskFactory(owner=s.commune, lead_unit=s.lead_unit, document=DocumentFactory(owner=s.commune))
    with frozen(D(2026, 6, 1), 9):
        handling.give_direction(plain, s.leader, text="Khẩn trương")
    assert WebhookDelivery.objects.filter(event__task=plain).exists()
    assert Notification.objects.filter(person=s.lead, task=plain).exists()
    plain.document.confidentiality = Confidentiality.SECRET
    plain.document.save()
    plain.document.allowed_people.add(s.leader)
    assert not WebhookDelivery.objects.exists()
    assert not Notification.objects.filter(task=plain).exclude(person=s.leader).exists()
    assert not EventNotice.objects.filter(task=plain, sent_at=None).exclude(person=s.leader).exists()
    assert Event.objects.filter(task=plain).exists()
