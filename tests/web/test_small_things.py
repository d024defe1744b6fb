"""Small things people notice (issue 14, item 11), one test each."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from dieuhanh.core.form_fields import VnDateField
from dieuhanh.core.sizes import megabytes, megabytes_limit
from dieuhanh.documents.models import Citation
from dieuhanh.intake.models import ImportDraft
from dieuhanh.intake.services.importing import duplicate_error
from dieuhanh.vn.deadline_builders import recurrence_label
from dieuhanh.vn.deadlines import parse_deadline
from tests.factories import DocumentFactory, UserFactory
from tests.web.test_import import TEXT, directive, upload

pytestmark = pytest.mark.django_db


def errors(field, value) -> list[str]:
    with pytest.raises(Exception) as caught:
        field.clean(value)
    return caught.value.messages


def test_a_date_that_does_not_exist_is_told_so_not_a_wrong_format():
    assert errors(VnDateField(), "31/02/2026") == ["Ngày 31/02/2026 không tồn tại."]
    assert errors(VnDateField(), "29/02/2027") == ["Ngày 29/02/2027 không tồn tại."]
    assert errors(VnDateField(), "12/13/2026") == ["Tháng 13 không tồn tại."]
    assert "dạng ngày/tháng/năm" in errors(VnDateField(), "hôm qua")[0]


def test_a_two_digit_year_is_this_century():
    assert VnDateField().clean("31/12/26") == datetime.date(2026, 12, 31)
    assert VnDateField().clean("1.7.27") == datetime.date(2027, 7, 1)


def test_recurrences_are_named_in_vietnamese():
    assert recurrence_label("yearly") == "hằng năm"
    assert recurrence_label("monthly:18") == "ngày 18 hằng tháng"
    assert recurrence_label("semiannual,yearly") == "6 tháng một lần, hằng năm"
    assert recurrence_label("yearly:12-15") == "ngày 15/12 hằng năm"
    reason = parse_deadline("định kỳ hằng năm").reason
    assert "hằng năm" in reason and "yearly" not in reason
    assert "periodic" not in parse_deadline("báo cáo định kỳ").reason


def test_the_admin_says_skip_to_content_and_toggle_theme_in_vietnamese(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    body = client.get("/admin/").content.decode()
    assert "Chuyển đến nội dung chính" in body
    assert "Skip to main content" not in body and "Toggle theme" not in body


def test_a_short_password_is_refused_in_vietnamese(s, login):
    r = login(s.tracker).post(
        "/doi-mat-khau/", {"old_password": "matkhau@123", "new_password1": "ab1", "new_password2": "ab1"}
    )
    body = r.content.decode()
    assert "Mật khẩu quá ngắn" in body and "too short" not in body


def test_the_duplicate_message_cuts_the_subject_on_a_word(s):
    subject = "Triển khai " + "nhiệm vụ chuyển đổi số quốc gia " * 12
    document = DocumentFactory(owner=s.commune, subject=subject)
    message = str(duplicate_error(document, None))
    quoted = message.split("“")[1].split("”")[0]
    assert quoted.endswith("…")
    last = quoted.rstrip("…").split()[-1]
    assert last in subject.split()


def test_a_batch_upload_names_the_bad_file_and_imports_the_rest(s, login):
    client = login(s.tracker)
    bad = SimpleUploadedFile("chuong-trinh.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    r = upload(client, directive("kh.txt"), bad)
    assert r.status_code == 302
    assert ImportDraft.objects.count() == 1
    shown = [str(m) for m in get_messages(r.wsgi_request)]
    assert any("chuong-trinh.exe" in m and "chưa hỗ trợ định dạng .exe" in m for m in shown)
    r = upload(client, bad)  # nothing left to import: the form is refused
    assert r.status_code == 400


def test_sizes_have_a_decimal_comma(s, login, settings):
    assert megabytes(26_214_400) == "25,0 MB"
    assert megabytes(1_572_864) == "1,5 MB"
    assert megabytes_limit(25 * 1024 * 1024) == "25 MB"
    settings.FILE_UPLOAD_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("lon.txt", (TEXT * 2000).encode(), content_type="text/plain")
    body = upload(login(s.tracker), big).content.decode()
    assert "MB, vượt giới hạn 1 MB" in body and "," in body.split("dung lượng ")[1][:6]


def test_pages_have_a_favicon(s, login):
    assert 'rel="icon"' in login(s.tracker).get("/", follow=True).content.decode()
    r = login(s.tracker).get("/favicon.ico")
    assert r.status_code == 301 and r["Location"].endswith("favicon.svg")


def test_logging_out_says_so(s, login):
    r = login(s.tracker).post("/dang-xuat/", follow=True)
    assert "Bạn đã đăng xuất" in r.content.decode()
    assert "Đăng nhập" in r.content.decode()


def test_the_document_page_lists_each_cited_document_once(s, login):
    document = s.task.document
    cited = DocumentFactory(owner=s.commune, number="977", symbol="UBND-NC")
    for text in ("Công văn số 977/UBND-NC ngày 21/5/2026", "Công văn số 977/UBND-NC"):
        Citation.objects.create(document=document, cited_document=cited, text=text, number="977/UBND-NC")
    for text in ("Quyết định số 12/QĐ-TTg", "Quyết định 12/QĐ-TTg ngày 3/1/2026"):
        Citation.objects.create(document=document, text=text, number="12/QĐ-TTg")
    body = login(s.tracker).get(f"/van-ban/{document.pk}/").content.decode()
    listed = body.split('data-testid="citations"')[1].split("</ul>")[0]
    assert listed.count("<li>") == 2
