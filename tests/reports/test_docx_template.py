"""The .docx from a Word template an office can change (issue 15, part 4): the default template's
round trip, an office's own template, templates that are refused, and the documented fields."""

import datetime
import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document

from dieuhanh.reports.docx_report import DEFAULT_TEMPLATE, Signing, TemplateProblem, render, template_context
from dieuhanh.reports.figures import build_figures
from dieuhanh.reports.issuing import draft_file, issue_report, start_report
from dieuhanh.reports.layouts import default_template, remove_template, template_of, upload_template
from dieuhanh.reports.narrative import Narrative
from dieuhanh.reports.periods import resolve_period
from dieuhanh.reports.scope import build_scope
from scripts.build_report_template import build

pytestmark = pytest.mark.django_db
JUNE = resolve_period("2026-06")
README = DEFAULT_TEMPLATE.parent / "README.md"


def figures(june, unit=None):
    return build_figures(JUNE, build_scope(None, unit or june.commune))


def texts(content: bytes) -> list[str]:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return [p.text for p in doc.paragraphs] + cells


def test_the_default_template_renders_every_field(june):
    content = render(
        None,
        figures(june),
        Narrative(highlights="Đường giao thông xong.", proposals="Hỗ trợ kinh phí."),
        Signing(name="Nguyễn Văn Minh", number="15/BC-UBND", issue_date=datetime.date(2026, 6, 16)),
    )
    doc = Document(io.BytesIO(content))
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs][:2] == ["UBND TỈNH HẢI DƯƠNG", "ỦY BAN NHÂN DÂN\nXÃ GIA LỘC"]
    number, date_line = doc.tables[0].rows[1].cells
    assert (number.text, date_line.text) == ("Số: 15/BC-UBND", "Gia Lộc, ngày 16 tháng 6 năm 2026")
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[paragraphs.index("2. Kết quả nổi bật") + 1] == "Đường giao thông xong."
    assert paragraphs[paragraphs.index("IV. KIẾN NGHỊ, ĐỀ XUẤT") + 1] == "Hỗ trợ kinh phí."
    assert "Nguyễn Văn Minh" in doc.tables[-1].rows[0].cells[1].text
    assert len(doc.inline_shapes) == 1
    assert doc.core_properties.title == "Báo cáo Kết quả thực hiện nhiệm vụ được giao tháng 6/2026"
    leftovers = [t for t in texts(content) if "{{" in t or "{%" in t]
    assert leftovers == []


def test_the_shipped_template_is_what_the_build_script_writes():
    built, shipped = zipfile.ZipFile(io.BytesIO(build())), zipfile.ZipFile(DEFAULT_TEMPLATE)
    for part in ("word/document.xml", "word/styles.xml", "word/header1.xml"):
        assert built.read(part) == shipped.read(part), f"{part}: run scripts/build_report_template.py"


def modified_template() -> bytes:
    """The default template changed in "Word": a retitled report and a line of the office's own."""
    doc = Document(io.BytesIO(default_template()))
    title = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")
    title.runs[0].text = "BÁO CÁO NHANH"
    doc.add_paragraph("Người tổng hợp: Văn phòng {{ ten_co_quan }}, số liệu đến ngày {{ ngay_xet }}.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_an_office_renders_its_reports_with_its_own_template(june):
    before = issue_report(start_report(june.tracker, JUNE, june.commune), june.tracker)
    upload_template(june.commune, june.tracker, modified_template(), "mau-xa.docx")
    assert template_of(june.kt).organisation == june.commune  # its units' reports too
    for unit in (june.commune, june.kt):
        paragraphs = texts(draft_file(start_report(june.tracker, JUNE, unit), "docx").content)
        assert "BÁO CÁO NHANH" in paragraphs and "BÁO CÁO" not in paragraphs
        assert (
            "Người tổng hợp: Văn phòng Ủy ban nhân dân xã Gia Lộc, số liệu đến ngày 14/06/2026." in paragraphs
        )
    with before.docx_file.open("rb") as fh:
        assert "BÁO CÁO NHANH" not in texts(fh.read())  # issued before the change: kept as issued
    assert template_of(june.other) is None
    remove_template(june.commune, june.tracker)
    assert "BÁO CÁO" in texts(draft_file(start_report(june.tracker, JUNE, june.commune), "docx").content)


def template_with(text: str) -> bytes:
    doc = Document(io.BytesIO(default_template()))
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not a zip", "không phải tệp Word"),
        (template_with("{{ ten_co_quan "), "lỗi ở trường trộn"),
        (template_with("{{ ten_co_quan.__class__.__mro__ }}"), "lỗi ở trường trộn"),
        (template_with("{{ tinh_hinh_chung.append('x') }}"), "lỗi ở trường trộn"),
    ],
)
def test_a_template_that_cannot_serve_is_refused_with_a_reason(june, content, message):
    with pytest.raises(TemplateProblem, match=message):
        upload_template(june.commune, june.tracker, content, "mau.docx")
    assert template_of(june.commune) is None


def test_only_the_office_changes_its_template(june):
    with pytest.raises(TemplateProblem, match="không có quyền"):
        upload_template(june.commune, june.kt_member, modified_template(), "mau.docx")
    with pytest.raises(TemplateProblem, match="không có quyền"):
        upload_template(june.other, june.tracker, modified_template(), "mau.docx")


def test_every_field_of_the_context_is_documented(june):
    context = template_context(figures(june), Narrative(), Signing())
    documented = set(re.findall(r"`(\w+)`", README.read_text(encoding="utf-8")))
    assert set(context) - documented == set()
    row_fields = set(context["theo_don_vi"][0]) | set(context["qua_han"][0]) | set(context["dinh_nghia"][0])
    assert row_fields - documented == set()


def test_the_readme_quotes_each_definition_word_for_word(june):
    from dieuhanh.reports.definitions import meanings

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    flat = " ".join(readme.replace("**", "").split())
    missing = [label for label, meaning in meanings(7) if f"{label}: {meaning}" not in flat]
    assert missing == []


def test_the_template_page_uploads_lists_and_resets(june, client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(june.tracker)
    page = client.get(reverse("reports:layouts")).content.decode()
    assert "Mẫu mặc định (Nghị định 30/2020)" in page and "Tải lên mẫu riêng" in page
    upload = SimpleUploadedFile("mau-xa.docx", modified_template())
    response = client.post(reverse("reports:layouts"), {"organisation": june.commune.pk, "file": upload})
    assert response.status_code == 302 and template_of(june.commune).name == "mau-xa.docx"
    assert "mau-xa.docx" in client.get(reverse("reports:layouts")).content.decode()
    downloaded = client.get(reverse("reports:layout_file", args=[june.commune.pk])).content
    assert "BÁO CÁO NHANH" in texts(downloaded)
    bad = SimpleUploadedFile("hong.docx", template_with("{%p if %}"))
    page = client.post(reverse("reports:layouts"), {"organisation": june.commune.pk, "file": bad})
    assert "Mẫu báo cáo có lỗi ở trường trộn" in page.content.decode()
    client.post(reverse("reports:reset_layout", args=[june.commune.pk]))
    assert template_of(june.commune) is None
    default = client.get(reverse("reports:default_layout"))
    assert default.content == default_template()
