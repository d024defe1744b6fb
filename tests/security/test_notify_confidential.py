"""Issue 11 §2: a confidential task's text or link reaches only the people named on its document,
on every channel — planned reminders, in-app notifications, the e-mail digest, the webhook and
the scheduled reports. A person not named gets nothing about it (not even a redacted line:
the task's existence, deadline and lead unit are part of what is confidential)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from dieuhanh.documents.constants import Confidentiality
from dieuhanh.notify.channels.in_app import create_notifications, notify
from dieuhanh.notify.channels.webhook import build_payload
from dieuhanh.notify.constants import ReminderKind
from dieuhanh.notify.digest import send_due_digests
from dieuhanh.notify.models import Notification, Reminder, WebhookEndpoint, policy_groups
from dieuhanh.notify.rules import Audience, Selection, insert_reminders, open_tasks, plan
from dieuhanh.notify.worker import tick
from dieuhanh.org.constants import Role
from dieuhanh.reports.models import ReportSchedule
from dieuhanh.reports.scheduling import send_due_reports
from tests.factories import DocumentFactory, ProgressReportFactory, TaskFactory
from tests.scenario import build_scenario, person
from tests.security.xlsx import zip_text

pytestmark = pytest.mark.django_db

D = datetime.date
VN = ZoneInfo("Asia/Ho_Chi_Minh")
SECRET_TEXT = "QXMATNHIEMVU kiểm tra an ninh nội bộ"
PLAIN_TEXT = "QXTHUONG rà soát hộ nghèo"


def at(day, hour=8):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=VN)


@pytest.fixture
def w(settings):
    """An overdue confidential task naming only the lead member, beside an ordinary overdue task."""
    settings.SITE_URL = "https://dieuhanh.example.vn"
    with time_machine.travel(at(D(2026, 5, 4)), tick=False):
        s = build_scenario()
        s.head = person(s.lead_unit, Role.MEMBER, is_head=True)
        s.assignee = person(s.lead_unit, Role.MEMBER)
        document = DocumentFactory(owner=s.commune, confidentiality=Confidentiality.SECRET, signer="")
        document.allowed_people.add(s.lead)
        s.secret = TaskFactory(
            owner=s.commune,
            lead_unit=s.lead_unit,
            document=document,
            text=SECRET_TEXT,
            summary=SECRET_TEXT,
            deadline=D(2026, 6, 10),
        )
        s.secret.coordinators.add(s.coord_unit)
        s.secret.assignees.add(s.assignee)
        s.task.text = s.task.summary = PLAIN_TEXT
        s.task.deadline = s.task.original_deadline = D(2026, 6, 10)
        s.task.save()
    return s


def everyone(w):
    return [w.lead, w.coord, w.outsider, w.tracker, w.leader, w.viewer, w.province_leader, w.head, w.assignee]


def test_planning_reminds_only_the_people_named(w):
    with time_machine.travel(at(D(2026, 6, 9), 6), tick=False):
        plan()  # 1 working day before the deadline: lead, assignee, head and coordinators
    with time_machine.travel(at(D(2026, 6, 11), 6), tick=False):
        plan()  # overdue
    about_secret = set(Reminder.objects.filter(task=w.secret).values_list("person_id", flat=True))
    assert about_secret == {w.lead.pk}
    # The ordinary task still reaches its whole audience.
    about_plain = set(Reminder.objects.filter(task=w.task).values_list("person_id", flat=True))
    assert {w.lead.pk, w.coord.pk, w.head.pk} <= about_plain


def test_escalation_reaches_no_leader_not_named(w):
    today = D(2026, 6, 11)
    [group] = policy_groups()
    tasks = open_tasks(group).filter(pk=w.secret.pk)
    with time_machine.travel(at(today), tick=False):
        insert_reminders(Selection(ReminderKind.ESCALATION, tasks, Audience.LEADERS), today, timezone.now())
    assert not Reminder.objects.filter(task=w.secret).exclude(person=w.lead).exists()
    w.secret.document.allowed_people.add(w.leader)
    with time_machine.travel(at(today), tick=False):
        insert_reminders(Selection(ReminderKind.ESCALATION, tasks, Audience.LEADERS), today, timezone.now())
    assert set(Reminder.objects.filter(task=w.secret).values_list("person_id", flat=True)) == {w.leader.pk}


def stale_reminders(w, day):
    """Reminders planned before the document was marked confidential (or by an older version)."""
    return [
        Reminder.objects.create(
            task=w.secret, person=p, kind=ReminderKind.OVERDUE, due_on=day, planned_at=at(day, 6)
        )
        for p in everyone(w)
    ]


def test_in_app_and_digest_send_nothing_to_a_person_not_named(w):
    day = D(2026, 6, 11)
    stale_reminders(w, day)
    with time_machine.travel(at(day, 7), tick=False):
        create_notifications(day, timezone.now())
        send_due_digests(timezone.now(), day, respect_hour=False)
    about_secret = Notification.objects.filter(task=w.secret)
    assert list(about_secret.values_list("person_id", flat=True)) == [w.lead.pk]
    for message in mail.outbox:
        body = message.body + "".join(content for content, _ in message.alternatives)
        named = message.to == [w.lead.email]
        assert (SECRET_TEXT in body) == named, message.to
        assert (f"/nhiem-vu/{w.secret.pk}/" in body) == named, message.to
    assert [m.to for m in mail.outbox] == [[w.lead.email]]
    # Nothing is left waiting to be sent to them either.
    assert not Reminder.objects.filter(task=w.secret, sent_at=None).exists()


def test_a_whole_worker_day_keeps_it_to_the_named(w):
    for day in (D(2026, 6, 9), D(2026, 6, 11)):
        with time_machine.travel(at(day, 8), tick=False):
            tick()
    readers = set(Notification.objects.filter(task=w.secret).values_list("person_id", flat=True))
    assert readers == {w.lead.pk}
    for message in mail.outbox:
        if message.to != [w.lead.email]:
            assert SECRET_TEXT not in message.body and f"/nhiem-vu/{w.secret.pk}/" not in message.body
    assert any(SECRET_TEXT in m.body for m in mail.outbox if m.to == [w.lead.email])


def test_marking_a_document_confidential_withdraws_what_was_waiting(w):
    day = D(2026, 6, 11)
    document = DocumentFactory(owner=w.commune)
    w.task.document = document
    w.task.save()
    with time_machine.travel(at(day, 6), tick=False):
        plan()
        create_notifications(day, timezone.now())
    assert Notification.objects.filter(task=w.task, person=w.head).exists()
    document.confidentiality = Confidentiality.SECRET
    document.save()
    document.allowed_people.add(w.lead)
    assert set(Notification.objects.filter(task=w.task).values_list("person_id", flat=True)) <= {w.lead.pk}
    assert set(Reminder.objects.filter(task=w.task).values_list("person_id", flat=True)) <= {w.lead.pk}
    document.allowed_people.remove(w.lead)
    assert not Notification.objects.filter(task=w.task).exists()


def test_the_webhook_carries_no_confidential_task(w):
    endpoint = WebhookEndpoint.objects.create(organisation=w.commune, url="http://127.0.0.1:9/")
    day = D(2026, 6, 11)
    with time_machine.travel(at(day, 6), tick=False):
        plan()
    assert Reminder.objects.filter(task=w.secret).exists()  # the named member is reminded
    payload = build_payload(endpoint, day)
    assert [item["task_id"] for item in payload["reminders"]] == [w.task.pk]
    assert SECRET_TEXT not in str(payload)


def test_the_one_off_notification_refuses_a_person_not_named(w):
    assert notify(w.head, "Có việc mới", task=w.secret) is None
    assert not Notification.objects.filter(task=w.secret).exists()
    assert notify(w.lead, "Có việc mới", task=w.secret) is not None


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_scheduled_report_leaves_confidential_work_out_whoever_it_runs_as(w, fmt):
    w.secret.document.allowed_people.add(w.tracker)
    with time_machine.travel(at(D(2026, 6, 2)), tick=False):
        ProgressReportFactory(task=w.secret, reported_on=D(2026, 6, 2), text="QXBAOCAOMAT đang làm")
    ReportSchedule.objects.create(
        organisation=w.commune,
        period_kind="month",
        format=fmt,
        recipients="vp@xa.vn",
        next_run=at(D(2026, 6, 15), 7),
        run_as=w.tracker,  # named on the document, but the mailbox is not
    )
    now = at(D(2026, 6, 15), 7)
    with time_machine.travel(now, tick=False):
        assert send_due_reports(now) == 1
    [message] = mail.outbox
    [(name, content, _)] = message.attachments
    text = zip_text(content)
    assert PLAIN_TEXT.split()[0] in text  # the ordinary overdue task is in the report
    assert "QXMATNHIEMVU" not in text and "QXBAOCAOMAT" not in text


def test_the_dry_run_on_the_console_does_not_print_confidential_text(w):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    with time_machine.travel(at(D(2026, 6, 11), 8), tick=False):
        call_command("remind", "--dry-run", stdout=out)
    text = out.getvalue()
    assert PLAIN_TEXT in text and SECRET_TEXT not in text
    assert "nhiệm vụ của văn bản mật" in text  # the named member's line is there, without its text
    assert not Reminder.objects.exists()  # a dry run writes nothing
