import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dieuhanh.documents.models import Document
from dieuhanh.intake.models import ImportDraft
from dieuhanh.tasks.models import Task
from tests.intake.factories import build_org
from tests.intake.texts import COMMUNE_DIRECTIVE, data

pytestmark = pytest.mark.django_db

CLEAN = COMMUNE_DIRECTIVE.replace("4. Đội Quản lý trật tự đô thị", "4. Phòng Kinh tế")


@pytest.fixture
def org():
    return build_org()


@pytest.fixture
def staff(client, org):
    org.tracker.is_staff = org.tracker.is_superuser = True
    org.tracker.save()
    client.force_login(org.tracker)
    return client


def upload(client, org, text, name="215.txt"):
    return client.post(
        reverse("admin:intake_importdraft_add"),
        {"organisation": org.commune.pk, "file": SimpleUploadedFile(name, data(text))},
    )


def test_adding_a_draft_in_the_admin_imports_the_uploaded_file(staff, org):
    response = upload(staff, org, COMMUNE_DIRECTIVE)
    draft = ImportDraft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:intake_importdraft_change", args=[draft.pk])
    assert draft.created_by == org.tracker
    page = staff.get(response["Location"]).content.decode()
    assert "chưa xác định được đơn vị chủ trì “Đội Quản lý trật tự đô thị”" in page


def test_a_duplicate_upload_shows_the_refusal_on_the_form(staff, org):
    upload(staff, org, COMMUNE_DIRECTIVE)
    response = upload(staff, org, COMMUNE_DIRECTIVE, name="lai.txt")
    assert response.status_code == 200
    assert "đã có trong sổ văn bản" in response.content.decode()
    assert Document.objects.count() == 1


def test_the_confirm_action_creates_the_tasks(staff, org):
    upload(staff, org, CLEAN)
    draft = ImportDraft.objects.get()
    response = staff.post(
        reverse("admin:intake_importdraft_changelist"),
        {"action": "confirm", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert f"đã tạo {draft.tasks.count()} nhiệm vụ" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ImportDraft.Status.CONFIRMED
    assert Task.objects.filter(document=draft.document, series=None).count() == draft.tasks.count()


def test_a_blocked_confirm_shows_why(staff, org):
    upload(staff, org, COMMUNE_DIRECTIVE)
    draft = ImportDraft.objects.get()
    response = staff.post(
        reverse("admin:intake_importdraft_changelist"),
        {"action": "confirm", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "Chưa xác nhận được bản nháp" in response.content.decode()
    assert Task.objects.count() == 0
