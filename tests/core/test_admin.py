import datetime

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from dieuhanh.core.models import AuditEvent
from dieuhanh.org.constants import Role
from tests.factories import (
    DocumentFactory,
    MembershipFactory,
    ProgressReportFactory,
    TaskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MODELS = list(admin.site._registry)


@pytest.fixture
def objects():
    task = TaskFactory(document=DocumentFactory())
    report = ProgressReportFactory(task=task)
    task.deadline_changes.create(new_date=datetime.date(2026, 8, 1), reason="Chờ kinh phí")
    MembershipFactory(unit=task.lead_unit)
    return task, report


@pytest.fixture
def admin_client(client):
    client.user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(client.user)
    return client


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_admin_page_loads_for_an_admin(admin_client, objects, model):
    assert admin_client.get(url(model, "changelist")).status_code == 200
    obj = model._default_manager.first()
    if obj is not None:
        assert admin_client.get(url(model, "change", obj.pk)).status_code == 200
    # What the application alone writes (audit log, axes' attempts, evaluation periods) has no add page.
    request = RequestFactory().get("/")
    request.user = admin_client.user
    if admin.site._registry[model].has_add_permission(request):
        assert admin_client.get(url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_admin_pages_are_refused_to_a_member(client, objects, model):
    member = MembershipFactory(role=Role.MEMBER).user
    client.force_login(member)
    response = client.get(url(model, "changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_admin_speaks_vietnamese(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "Nhiệm vụ" in page and "Đơn vị" in page.replace("đơn vị", "Đơn vị")


def test_a_change_through_the_admin_is_audited(admin_client, objects):
    task, _ = objects
    form = {
        "owner": task.owner_id,
        "text": task.text,
        "summary": "Tóm tắt mới",
        "lead_unit": task.lead_unit_id,
        "deadline_kind": "date",
        "deadline": "10/07/2026",
        "state": "open",
        "deadline_text": "trước ngày 10/7/2026",
        "reports-TOTAL_FORMS": 0,
        "reports-INITIAL_FORMS": 0,
        "deadline_changes-TOTAL_FORMS": 0,
        "deadline_changes-INITIAL_FORMS": 0,
    }
    response = admin_client.post(url(type(task), "change", task.pk), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.filter(object_id=str(task.pk), action="update").latest("id")
    assert event.actor == admin_client.user
    assert event.before["summary"] == task.summary
    assert event.after["summary"] == "Tóm tắt mới"
    assert event.after["deadline"] == "2026-07-10"


def test_the_audit_log_cannot_be_edited(objects):
    event = AuditEvent.objects.first()
    event.note = "sửa"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
