"""Issue 11 §4: the Django admin applies the same confidentiality as the pages, to a superuser too.

A superuser not named on a confidential document sees nothing of it in any admin page —
document text, tasks, progress reports, drafts, citations, autocomplete, the audit log,
deletion summaries — and cannot add themself to its readers. Changing who may see a
document is for the owner organisation's admins and leaders who may see it, and every such
change is written to the audit log.
"""

import datetime

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from dieuhanh.core.models import AuditEvent
from dieuhanh.documents.constants import Confidentiality
from dieuhanh.documents.models import Citation
from dieuhanh.intake.models import ImportDraft, ProposedTask
from dieuhanh.notify.models import Notification, Reminder
from dieuhanh.org.constants import Role
from dieuhanh.tasks.models import CompletionRequest, DeadlineChange, Direction, ProgressAttachment
from tests.factories import (
    DocumentFactory,
    MembershipFactory,
    ProgressReportFactory,
    TaskFactory,
    UserFactory,
)
from tests.scenario import build_scenario

pytestmark = pytest.mark.django_db

D = datetime.date
MARKERS = {
    "document subject": "QXMATTRICHYEU",
    "document text": "QXMATVANBAN",
    "document number": "QXKYHIEUMAT",
    "task": "QXMATNHIEMVU",
    "report": "QXMATBAOCAO",
    "extension": "QXMATGIAHAN",
    "completion": "QXMATHOANTHANH",
    "direction": "QXMATCHIDAO",
    "draft task": "QXMATDUTHAO",
    "attachment": "QXMATTEP",
}


@pytest.fixture
def w():
    s = build_scenario()
    secret = DocumentFactory(
        owner=s.commune,
        confidentiality=Confidentiality.SECRET,
        subject=MARKERS["document subject"],
        text=f"{MARKERS['document text']} nội dung",
        number="99",
        symbol=MARKERS["document number"],
    )
    secret.allowed_people.add(s.lead)
    task = TaskFactory(
        owner=s.commune, lead_unit=s.lead_unit, document=secret, text=MARKERS["task"], summary=""
    )
    report = ProgressReportFactory(task=task, text=MARKERS["report"])
    ProgressAttachment.objects.create(
        report=report, name=f"{MARKERS['attachment']}.pdf", file="evidence/x.pdf"
    )
    DeadlineChange.objects.create(task=task, new_date=D(2026, 9, 1), reason=MARKERS["extension"])
    CompletionRequest.objects.create(task=task, claimed_on=D(2026, 6, 1), note=MARKERS["completion"])
    Direction.objects.create(task=task, text=MARKERS["direction"])
    draft = ImportDraft.objects.create(document=secret, organisation=s.commune)
    ProposedTask.objects.create(draft=draft, position=1, text=MARKERS["draft task"])
    Citation.objects.create(document=s.task.document, cited_document=secret, text="Thực hiện văn bản số 99")
    reminder = Reminder.objects.create(
        task=task, person=s.lead, kind="overdue", due_on=D(2026, 6, 11), planned_at="2026-06-11T06:00+07:00"
    )
    Notification.objects.create(
        person=s.lead, task=task, reminder=reminder, created_at="2026-06-11T06:00+07:00"
    )
    # The system's administrator, as in the demo: a superuser acting for the province, not named.
    s.root = MembershipFactory(
        unit=s.province, role=Role.ADMIN, user=UserFactory(is_staff=True, is_superuser=True)
    ).user
    s.secret, s.secret_task = secret, task
    return s


def leaks(body: str) -> list[str]:
    return [what for what, marker in MARKERS.items() if marker in body]


def admin_urls():
    """Every changelist (and search), object page, history and delete page of the admin, and every
    autocomplete a form of it uses. Searches use parts of the markers, as the page repeats the term."""
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        yield reverse(f"{prefix}_changelist")
        if model_admin.search_fields:
            for term in ("QXMAT", "99"):
                yield reverse(f"{prefix}_changelist") + f"?q={term}"
        for pk in model._default_manager.values_list("pk", flat=True):
            for view in ("change", "history", "delete"):
                yield reverse(f"{prefix}_{view}", args=[pk])
        for holder in [model_admin, *model_admin.inlines]:
            source = model if holder is model_admin else holder.model
            for field in getattr(holder, "autocomplete_fields", ()):
                yield reverse("admin:autocomplete") + (
                    f"?app_label={source._meta.app_label}&model_name={source._meta.model_name}"
                    f"&field_name={field}&term="
                )


def test_a_superuser_not_named_sees_nothing_of_it_anywhere_in_the_admin(w):
    client = Client()
    client.force_login(w.root)
    found = []
    for url in admin_urls():
        response = client.get(url, follow=True)
        assert response.status_code in (200, 403), (url, response.status_code)
        found += [(url, what) for what in leaks(response.content.decode())]
    assert found == []


def test_the_person_named_does_see_it_in_the_admin(w):
    """The markers above are really on the pages: the test above can fail."""
    w.secret.allowed_people.add(w.root)
    client = Client()
    client.force_login(w.root)
    pages = {
        "document subject": reverse("admin:documents_document_changelist"),
        "task": reverse("admin:tasks_task_change", args=[w.secret_task.pk]),
        "report": reverse("admin:tasks_task_change", args=[w.secret_task.pk]),
        "draft task": reverse("admin:intake_importdraft_change", args=[w.secret.import_draft.pk]),
        "direction": reverse("admin:tasks_direction_changelist") + "?q=QXMAT",
    }
    for what, url in pages.items():
        assert what in leaks(client.get(url).content.decode()), what


def document_form(document, **changes) -> dict:
    data = {
        "owner": document.owner_id,
        "direction": document.direction,
        "number": document.number,
        "symbol": document.symbol,
        "doc_type": document.doc_type,
        "issuer": document.issuer,
        "subject": document.subject,
        "text": document.text,
        "confidentiality": document.confidentiality,
        "urgency": document.urgency,
        "recipients": "[]",
        "allowed_people": [u.pk for u in document.allowed_people.all()],
        "citations-TOTAL_FORMS": 0,
        "citations-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


def test_a_superuser_cannot_add_themself_to_a_confidential_document(w):
    client = Client()
    client.force_login(w.root)
    url = reverse("admin:documents_document_change", args=[w.secret.pk])
    client.post(url, document_form(w.secret, allowed_people=[w.lead.pk, w.root.pk]))
    assert list(w.secret.allowed_people.all()) == [w.lead]


def test_only_an_admin_or_leader_of_the_owner_who_may_see_it_changes_its_readers(w):
    stranger = UserFactory(is_staff=True, is_superuser=True)  # no role in any organisation
    plain = w.task.document
    client = Client()
    client.force_login(stranger)
    url = reverse("admin:documents_document_change", args=[plain.pk])
    client.post(
        url, document_form(plain, confidentiality=Confidentiality.SECRET, allowed_people=[stranger.pk])
    )
    plain.refresh_from_db()
    assert plain.confidentiality == Confidentiality.NORMAL and not plain.allowed_people.exists()

    # The commune's leader, named on the document, may change who reads it — and it is logged.
    leader = w.leader
    leader.is_staff = leader.is_superuser = True
    leader.save()
    w.secret.allowed_people.add(leader)
    client.force_login(leader)
    url = reverse("admin:documents_document_change", args=[w.secret.pk])
    response = client.post(url, document_form(w.secret, allowed_people=[leader.pk, w.tracker.pk]))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(w.secret.allowed_people.all()) == {leader, w.tracker}
    events = AuditEvent.objects.filter(content_type__model="document", object_id=str(w.secret.pk))
    added = events.filter(note__startswith="thêm người được xem").latest("id")
    removed = events.filter(note__startswith="bỏ người được xem").latest("id")
    assert added.actor == leader and added.after == {"allowed_people": [w.tracker.pk]}
    assert removed.actor == leader and removed.after == {"allowed_people": [w.lead.pk]}


def test_a_change_from_the_persons_side_is_logged_too(w):
    def last(verb):
        events = AuditEvent.objects.filter(
            content_type__model="document",
            object_id=str(w.secret.pk),
            note=f"{verb} người được xem (văn bản mật)",
        )
        return events.latest("id").after

    w.tracker.confidential_documents.add(w.secret)
    assert last("thêm") == {"allowed_people": [w.tracker.pk]}
    w.tracker.confidential_documents.clear()
    assert last("bỏ") == {"allowed_people": [w.tracker.pk]}
    w.secret.allowed_people.clear()
    assert last("bỏ") == {"allowed_people": [w.lead.pk]}
