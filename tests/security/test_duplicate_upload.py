"""Issue 11 §5: uploading a document that is already registered, as a confidential document
someone else handles, must not tell the uploader anything about it (number, symbol, subject,
id, link) — only that an identical document exists and whom to ask."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from dieuhanh.documents.models import Document
from dieuhanh.documents.services.registry import DocumentError
from dieuhanh.intake.services.importing import import_document
from dieuhanh.org.constants import Role
from tests.intake.factories import build_org, person
from tests.intake.texts import COMMUNE_DIRECTIVE

pytestmark = pytest.mark.django_db

SECRET = COMMUNE_DIRECTIVE.replace("Số: 215/UBND-VP", "MẬT\n\nSố: 215/UBND-VP")
# What the refusal must not show to someone not named on the document.
REVEALING = ["215", "UBND-VP", "chuyển đổi số", "/van-ban/"]


@pytest.fixture
def org():
    org = build_org()
    org.colleague = person(org.commune, Role.TRACKER)  # same office, not named on the document
    return org


@pytest.fixture
def secret(org):
    draft = import_document(org=org.commune, data=SECRET.encode(), filename="215.txt", actor=org.tracker)
    assert draft.document.is_confidential
    assert list(draft.document.allowed_people.all()) == [org.tracker]
    return draft.document


def assert_discreet(message: str, document: Document):
    for word in [*REVEALING, f"mã {document.pk}"]:
        assert word not in message, (word, message)
    assert "đã có" in message
    assert message.endswith(f"hãy liên hệ bộ phận văn thư, theo dõi văn bản của {document.owner.name}.")


def test_the_service_refusal_names_nothing_to_a_person_not_named(org, secret):
    with pytest.raises(DocumentError) as refused:
        import_document(org=org.commune, data=SECRET.encode(), filename="lai.txt", actor=org.colleague)
    assert_discreet(str(refused.value), secret)
    assert refused.value.existing is None
    assert Document.objects.count() == 1


def test_the_person_named_still_gets_the_full_reference_cut_on_a_word(org, secret):
    with pytest.raises(DocumentError) as refused:
        import_document(org=org.commune, data=SECRET.encode(), filename="lai.txt", actor=org.tracker)
    message = str(refused.value)
    assert "215/UBND-VP" in message and f"mã {secret.pk}" in message
    assert "triển khai nhiệm vụ chuyển đổi số tháng 7 năm 2026" in message
    assert refused.value.existing == secret


def test_the_upload_page_shows_no_link_nor_number(org, secret):
    client = Client()
    client.force_login(org.colleague)
    upload = SimpleUploadedFile("ban-sao.txt", SECRET.encode(), content_type="text/plain")
    client.post("/van-ban/nhap/", {"uploads": [upload]})
    body = client.get("/van-ban/nhap/").content.decode()
    assert "đã có trong sổ văn bản" in body
    assert f"/van-ban/{secret.pk}/" not in body and "215/UBND-VP" not in body


def test_the_import_command_tells_the_same(org, secret, tmp_path):
    path = tmp_path / "215.txt"
    path.write_text(SECRET, encoding="utf-8")
    err = StringIO()
    with pytest.raises(SystemExit):
        call_command(
            "import_documents",
            str(path),
            unit=org.commune.code,
            user=org.colleague.username,
            stdout=StringIO(),
            stderr=err,
        )
    assert_discreet(err.getvalue().split(": ", 1)[1].strip(), secret)
