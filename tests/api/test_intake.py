"""A directive through the API: upload → import draft → its proposals → confirm, with the import
page's checks (who may import, type, size, archive limits, duplicates, confidentiality)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dieuhanh.core.models import AuditEvent
from dieuhanh.documents.models import Document
from dieuhanh.intake.models import ImportDraft
from dieuhanh.tasks.models import Task

pytestmark = pytest.mark.django_db

DIRECTIVE = """ỦY BAN NHÂN DÂN
XÃ AN

Số: 31/KH-UBND                    Xã An, ngày 04 tháng 5 năm 2026

KẾ HOẠCH
Rà soát dữ liệu dân cư năm 2026

1. Phòng Văn hóa - Xã hội chủ trì rà soát dữ liệu dân cư, hoàn thành trước ngày 30/6/2026.

CHỦ TỊCH
Nguyễn Văn A
"""


def upload(client, content: bytes = DIRECTIVE.encode(), name: str = "kh.txt", **data):
    return client.post("/api/v1/documents/upload", {"file": SimpleUploadedFile(name, content), **data})


def test_a_tracker_uploads_reads_the_draft_and_confirms_it(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = world.client("tracker")
    response = upload(client)
    assert response.status_code == 201, response.content
    draft = response.json()
    assert draft["status"] == "pending" and draft["organisation"]["id"] == world.units["a"].pk
    assert draft["document"]["number_symbol"] == "31/KH-UBND"
    [proposal] = [p for p in draft["proposals"] if not p["dropped"]]
    assert proposal["lead_unit"]["id"] == world.units["lead"].pk
    assert proposal["deadline"] == "2026-06-30"
    assert client.get(f"/api/v1/drafts/{draft['id']}").json() == draft
    assert [d["id"] for d in client.get("/api/v1/drafts").json()] == [draft["id"]]
    event = AuditEvent.objects.get(content_type__model="document", object_id=str(draft["document"]["id"]))
    assert "Mã của tracker" in event.note

    confirmed = client.post(f"/api/v1/drafts/{draft['id']}/confirm")
    assert confirmed.status_code == 200, confirmed.content
    assert confirmed.json()["status"] == "confirmed"
    task = Task.objects.get(document_id=draft["document"]["id"])
    assert task.lead_unit == world.units["lead"] and task.created_by == world.people["tracker"]


@pytest.mark.parametrize("role", ["viewer", "member", "outsider"])
def test_those_who_do_not_import_here_cannot_upload_read_or_confirm_drafts(world, role, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = upload(world.client("tracker")).json()
    before = Document.objects.count()
    client = world.client(role)
    response = upload(client, DIRECTIVE.replace("31/KH", "32/KH").encode(), organisation=world.units["a"].pk)
    assert response.status_code in (400, 403), response.content
    assert client.get(f"/api/v1/drafts/{draft['id']}").status_code == 404
    assert client.post(f"/api/v1/drafts/{draft['id']}/confirm").status_code == 404
    assert client.get("/api/v1/drafts").json() == []
    assert Document.objects.count() == before
    assert not Task.objects.filter(document_id=draft["document"]["id"]).exists()


def test_an_outsider_may_not_import_into_another_commune(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = upload(world.client("outsider"), organisation=world.units["a"].pk)
    assert response.status_code == 400
    assert "Nhập vào sổ văn bản của" in response.json()["message"]
    assert not Document.objects.filter(owner=world.units["a"], number="31").exists()


def bomb() -> bytes:
    """A .docx whose document.xml says it inflates past the 32 MB a member may have."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as xml:
            for _ in range(33):
                xml.write(bytes(1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("ke-hoach.exe", b"MZ" + bytes(100), "chưa hỗ trợ định dạng .exe"),
        ("bom.docx", None, "giải nén lớn bất thường"),
        ("rong.pdf", b"%PDF-1.4\n%%EOF", "pdf"),
    ],
)
def test_a_bad_file_is_refused_in_vietnamese_and_nothing_is_kept(
    world, settings, tmp_path, name, content, words
):
    settings.MEDIA_ROOT = tmp_path
    before = Document.objects.count()
    response = upload(world.client("tracker"), bomb() if content is None else content, name)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid" and words.lower() in body["message"].lower()
    assert Document.objects.count() == before


def test_a_file_over_the_size_limit_is_refused(world, settings, tmp_path):
    settings.MEDIA_ROOT, settings.FILE_UPLOAD_MAX_BYTES = tmp_path, 1024
    response = upload(world.client("tracker"), DIRECTIVE.encode() * 20)
    assert response.status_code == 400 and "vượt giới hạn" in response.json()["message"]


def test_a_request_over_the_total_cap_is_a_json_400(world, settings, tmp_path):
    settings.MEDIA_ROOT, settings.UPLOAD_MAX_REQUEST_BYTES = tmp_path, 1024
    response = upload(world.client("tracker"), DIRECTIVE.encode() * 20)
    assert response.status_code == 400 and "cho một lần gửi" in response.json()["message"]


def test_a_duplicate_is_a_409_naming_the_document_only_to_those_who_see_it(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    first = upload(world.client("tracker")).json()
    again = upload(world.client("tracker"))
    assert again.status_code == 409 and again.json()["code"] == "duplicate"
    assert f"mã {first['document']['id']}" in again.json()["message"]
    # A confidential document: the leader, not named on it, learns only that it exists.
    Document.objects.filter(pk=first["document"]["id"]).update(confidentiality="Mật")
    hidden = upload(world.client("leader"))
    assert hidden.status_code == 409
    assert "Bạn chưa được phân quyền xem" in hidden.json()["message"]
    assert "31/KH" not in hidden.json()["message"]


def test_a_confidential_draft_is_seen_only_by_those_named(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    secret = DIRECTIVE.replace("KẾ HOẠCH", "MẬT\n\nKẾ HOẠCH")
    draft = upload(world.client("tracker"), secret.encode()).json()
    document = Document.objects.get(pk=draft["document"]["id"])
    assert document.is_confidential and world.people["tracker"] in document.allowed_people.all()
    assert world.client("leader").get(f"/api/v1/drafts/{draft['id']}").status_code == 404
    assert world.client("leader").post(f"/api/v1/drafts/{draft['id']}/confirm").status_code == 404
    assert ImportDraft.objects.get(pk=draft["id"]).status == "pending"


def test_a_draft_with_a_blocking_problem_is_refused_with_its_reason(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    text = DIRECTIVE.replace("Phòng Văn hóa - Xã hội chủ trì", "Phòng Không Có chủ trì")
    draft = upload(world.client("tracker"), text.encode()).json()
    assert any(p["blocking"] for p in draft["problems"])
    response = world.client("tracker").post(f"/api/v1/drafts/{draft['id']}/confirm")
    assert response.status_code == 400 and response.json()["code"] == "refused"
    assert "Chưa xác nhận được bản nháp" in response.json()["message"]
    assert not Task.objects.filter(document_id=draft["document"]["id"]).exists()
