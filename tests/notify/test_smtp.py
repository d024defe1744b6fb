"""Digests through a real SMTP server on loopback (aiosmtpd), including one that fails first."""

import datetime
import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller

from dieuhanh.notify.models import Digest, Reminder
from dieuhanh.notify.worker import tick
from tests.notify.conftest import at, frozen

D = datetime.date
SITE = "https://dieuhanh.example.vn"


class Mailbox:
    """An aiosmtpd handler that keeps what it receives, and can refuse the first `refuse` messages."""

    def __init__(self, refuse: int = 0):
        self.messages: list[email.message.EmailMessage] = []
        self.refuse = refuse

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            self.refuse -= 1
            return "451 4.3.0 Máy chủ bận, thử lại sau"
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.SITE_URL = SITE
    yield mailbox
    controller.stop()


@pytest.fixture
def due(world):
    world.task.deadline = world.task.original_deadline = D(2026, 6, 10)
    world.task.summary = "Báo cáo kết quả chuyển đổi số quý II"
    world.task.save()
    return world


def body_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_it_delivers_vietnamese_digests_with_links_over_smtp(smtp, due):
    with frozen(D(2026, 6, 11), 7):
        result = tick()
    assert result.digests_sent == 3
    [message] = smtp.to(due.s.lead.email)
    assert message["Subject"].strip() == "[dieuhanh] Nhắc việc ngày 11/06/2026: 1 nhiệm vụ cần chú ý"
    text = body_of(message)
    assert f"Kính gửi {due.s.lead}" in text
    assert "Báo cáo kết quả chuyển đổi số quý II" in text and "Quá hạn 1 ngày" in text
    assert f"{SITE}/nhiem-vu/{due.task.pk}/" in text
    html = message.get_body(preferencelist=("html",)).get_content()
    assert f'<a href="{SITE}/nhiem-vu/{due.task.pk}/">Báo cáo kết quả chuyển đổi số quý II</a>' in html


def test_it_delivers_an_escalation_to_the_signer_after_tet(smtp, due):
    due.task.deadline = due.task.original_deadline = D(2027, 2, 3)  # overdue through Tết 4–10/2/2027
    due.task.save()
    for day in (D(2027, 2, 11), D(2027, 2, 12), D(2027, 2, 15), D(2027, 2, 16)):
        with frozen(day, 7):
            tick()
    [escalation] = smtp.to(due.signer.email)
    assert escalation["Subject"].endswith("(có nhiệm vụ quá hạn cần lãnh đạo chỉ đạo)")
    assert "Báo cáo lãnh đạo: quá hạn đã nhắc nhiều lần" in body_of(escalation)
    assert "Quá hạn 13 ngày (thời hạn 03/02/2027)" in body_of(escalation)
    assert len(smtp.to(due.s.lead.email)) == 4  # one digest a working day, none during Tết


def test_it_retries_when_the_smtp_server_refuses_first(smtp, due):
    smtp.refuse = 1
    with frozen(D(2026, 6, 11), 7):
        first = tick()
    assert (first.digests_sent, first.digests_failed) == (2, 1)
    failed = Digest.objects.get(sent_at=None)
    assert failed.attempts == 1 and "451" in failed.last_error
    assert Reminder.objects.filter(person=failed.person, sent_at=None, attempts=1).exists()
    with frozen(D(2026, 6, 11), 7, 1):
        assert tick().digests_sent == 1
    assert len(smtp.messages) == 3
    assert not Reminder.objects.filter(sent_at=None).exists()


def test_it_backs_off_longer_after_each_failure_while_the_server_is_down(settings, due):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    attempts = []
    for minute in (0, 1, 3, 7):  # each tick right when the previous back-off (1, 2, 4 minutes) ends
        with frozen(D(2026, 6, 11), 7, minute):
            tick()
        attempts.append(Digest.objects.get(person=due.s.lead).attempts)
    assert attempts == [1, 2, 3, 4]
    digest = Digest.objects.get(person=due.s.lead)
    assert digest.next_attempt_at == at(D(2026, 6, 11), 7, 15)  # 7:07 + 8 minutes
    assert "ConnectionRefusedError" in digest.last_error
    assert Reminder.objects.get(person=due.s.lead).sent_at is None
