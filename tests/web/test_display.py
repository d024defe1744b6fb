"""How pages show documents and tasks: numbers a văn thư expects, titles cut on a word, the
converter's markdown hidden (the stored text and the span offsets untouched), the period shown."""

import datetime

import pytest
from django.urls import reverse

from dieuhanh.core.templatetags.dieuhanh import doclabel, docnumber, plain, shorten
from dieuhanh.documents.models import Document
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db
D = datetime.date

SUBJECT = (
    "triển khai kết luận của Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, "
    "đổi mới sáng tạo, chuyển đổi số và Đề án 06"
)


def test_a_document_without_a_number_says_so():
    assert docnumber(Document(number="1087", symbol="UBND-VHXH")) == "1087/UBND-VHXH"
    assert docnumber(Document(number="", symbol="UBND-VHXH")) == "Chưa có số (…/UBND-VHXH)"
    assert docnumber(Document(number="", symbol="")) == "Chưa có số"


def test_titles_are_cut_on_a_word_with_an_ellipsis():
    label = doclabel(Document(number="1087", symbol="UBND-VHXH", doc_type="Công văn", subject=SUBJECT))
    assert label.startswith("Công văn 1087/UBND-VHXH — triển khai kết luận")
    assert label.endswith("…") and len(label) <= 120
    last_word = label[:-1].split()[-1]
    assert last_word in SUBJECT.replace(",", "").split()
    assert shorten("ngắn", 80) == "ngắn"


def test_the_converter_markdown_is_hidden():
    assert plain("**ỦY BAN NHÂN DÂN  \nXÃ GIA LỘC**") == "ỦY BAN NHÂN DÂN  \nXÃ GIA LỘC"
    assert plain("*Gia Lộc, ngày 22 tháng 5 năm 2026*") == "Gia Lộc, ngày 22 tháng 5 năm 2026"
    assert plain("Đề án 06 (*gửi kèm*), dòng\\\ntiếp") == "Đề án 06 (gửi kèm), dòng\ntiếp"
    assert plain("3 * 4 = 12") == "3 * 4 = 12"


def test_the_document_page_hides_markdown_but_keeps_the_spans(s, login):
    doc = s.task.document
    doc.text = "**ỦY BAN NHÂN DÂN**\n*Gia Lộc, ngày 22/5/2026*\n**2.** Phòng Văn hóa chủ trì rà soát."
    doc.save()
    start = doc.text.index("Phòng")
    s.task.span_start, s.task.span_end = start, len(doc.text)
    s.task.save()
    body = login(s.tracker).get(f"/van-ban/{doc.pk}/").content.decode()
    assert "**" not in body and "*Gia Lộc" not in body
    assert "ỦY BAN NHÂN DÂN\nGia Lộc, ngày 22/5/2026\n2. " in body
    assert f'<mark class="span" id="span-{start}" data-span="1">' in body
    assert "Phòng Văn hóa chủ trì rà soát.</mark>" in body
    doc.refresh_from_db()
    assert doc.text.startswith("**ỦY BAN")


def test_the_documents_list_shows_a_missing_number_in_words(s, login):
    DocumentFactory(owner=s.commune, number="", symbol="UBND-VHXH", subject="Không số")
    body = login(s.tracker).get("/van-ban/").content.decode()
    assert "Chưa có số (…/UBND-VHXH)" in body
    assert ">/UBND-VHXH<" not in body


def test_the_dashboard_select_shows_the_period_it_counts(s, login):
    client = login(s.leader)
    r = client.get("/tong-quan/")
    assert r.context["board"].start == D(2026, 1, 1)
    assert '<option value="year" selected>' in r.content.decode()
    r = client.get("/tong-quan/?period=month")
    assert '<option value="month" selected>' in r.content.decode()
    assert r.context["board"].start == D(2026, 6, 1)


def test_the_nav_shows_the_notifications_link(s, login):
    body = login(s.leader).get("/tong-quan/").content.decode()
    assert 'data-testid="nav-notifications"' in body and 'href="/thong-bao/"' in body


def test_the_report_period_is_chosen_in_words(s, login):
    from dieuhanh.reports.forms import ReportForm

    page = login(s.tracker).get(reverse("reports:index")).content.decode()
    assert '<option value="2026-Q2">Quý 2/2026</option>' in page
    assert '<option value="2026-06" selected>Tháng 6/2026</option>' in page
    data = {"period": "2026-06", "date_from": "01/01/2026", "date_to": "31/03/2026", "cutoff": 14}
    form = ReportForm({**data, "format": "docx"}, units=s.commune.__class__.objects.none())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["report_period"].start == D(2026, 1, 1)
    empty = ReportForm({"cutoff": 14, "format": "docx"}, units=s.commune.__class__.objects.none())
    assert not empty.is_valid() and "Chưa chọn kỳ báo cáo" in str(empty.errors)
