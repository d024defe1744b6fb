"""Evidence files: checked by content, kept as what they are, streamed to disk, capped per request."""

import io
import tracemalloc
import zipfile

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from dieuhanh.tasks.models import ProgressAttachment, ProgressReport
from dieuhanh.tasks.views.detail import task_action

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(50)
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200)


def post_report(client, task, *files):
    return client.post(
        f"/nhiem-vu/{task.pk}/bao-cao/",
        {"text": "Đã triển khai", "percent": "50", "evidence": list(files)},
    )


def test_a_png_named_pdf_is_stored_and_served_as_a_png(s, login):
    client = login(s.lead)
    response = post_report(client, s.task, SimpleUploadedFile("bien-ban.pdf", PNG))
    assert response.status_code == 302
    attachment = ProgressAttachment.objects.get()
    assert attachment.name == "bien-ban.png"
    assert attachment.file.name.endswith(".png")
    download = client.get(f"/nhiem-vu/{s.task.pk}/minh-chung/{attachment.pk}/")
    assert download["Content-Type"] == "image/png"
    assert 'filename="bien-ban.png"' in download["Content-Disposition"]


def test_a_real_docx_keeps_its_name(s, login):
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", "<w:document/>")
    post_report(login(s.lead), s.task, SimpleUploadedFile("ke-hoach.docx", content.getvalue()))
    assert ProgressAttachment.objects.get().name == "ke-hoach.docx"


@pytest.mark.parametrize(
    "name, content", [("bao-cao.pdf", EXE), ("anh.jpg", b"\x7fELF\x02\x01\x01" + bytes(100))]
)
def test_an_executable_is_refused_whatever_its_name(s, login, name, content):
    response = post_report(login(s.lead), s.task, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert f"Tệp “{name}” không phải loại tệp minh chứng được nhận" in response.content.decode()
    assert not ProgressReport.objects.exists() and not ProgressAttachment.objects.exists()


def test_a_request_over_the_total_cap_is_refused_before_its_files_are_read(s, login, settings):
    settings.UPLOAD_MAX_REQUEST_BYTES = 1024 * 1024
    big = b"%PDF-1.4\n" + bytes(600 * 1024)
    response = post_report(
        login(s.lead), s.task, SimpleUploadedFile("a.pdf", big), SimpleUploadedFile("b.pdf", big)
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "vượt giới hạn 1 MB cho một lần gửi" in body
    assert not ProgressReport.objects.exists()


def test_large_evidence_is_streamed_not_read_into_memory(s, settings):
    """Three 6 MB files: the view's own peak allocation stays far below their 18 MB."""
    settings.FILE_UPLOAD_TEMP_DIR = None
    size = 6 * 1024 * 1024
    files = [SimpleUploadedFile(f"so-lieu-{i}.txt", b"so lieu, " * (size // 9)) for i in range(3)]
    request = RequestFactory().post(
        f"/nhiem-vu/{s.task.pk}/bao-cao/", {"text": "Đã nộp số liệu", "percent": "60", "evidence": files}
    )
    request.user = s.lead
    request.session = {}
    request._messages = FallbackStorage(request)
    request._dont_enforce_csrf_checks = True
    tracemalloc.start()
    try:
        response = task_action(request, pk=s.task.pk, action="bao-cao")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 302
    assert ProgressAttachment.objects.count() == 3
    assert peak < 3 * size / 2, f"peak {peak / 1024 / 1024:.1f} MB while handling 18 MB of evidence"


def test_a_19_mb_text_is_taken_as_evidence_without_a_500(s, login):
    text = ("Báo cáo số liệu hộ nghèo, cập nhật đến tháng 6.\n" * 400_000).encode()[: 19 * 1024 * 1024]
    response = post_report(login(s.lead), s.task, SimpleUploadedFile("so-lieu.txt", text))
    assert response.status_code == 302
    attachment = ProgressAttachment.objects.get()
    assert attachment.name == "so-lieu.txt" and attachment.file.size == len(text)
