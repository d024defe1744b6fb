"""Scanned PDFs read by OCR: a scan made here from a sample directive comes back as its text.

The scan is made as a scanner would: the sample's text laid out on A4 pages (letterhead in two
columns), rendered to grey images, wrapped as an image-only PDF. Tesseract then reads it.
"""

import datetime
import io
import json
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from dieuhanh.extract.cli import main
from dieuhanh.extract.errors import ExtractError
from dieuhanh.extract.load import OcrSettings, load_path, page_count, render_page_png, tesseract_ready
from dieuhanh.extract.pipeline import extract
from tests.extract.fixtures_build import (
    build_pdf,
    build_pdf_image_bomb,
    build_scan_pdf,
    join_pdfs,
    printed_pages,
)

pytestmark = pytest.mark.pure

SAMPLE = next((Path(__file__).resolve().parents[2] / "sample_data" / "directives").glob("001_*.txt"))
LETTERHEAD = [
    ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("XÃ GIA LỘC", "Độc lập - Tự do - Hạnh phúc"),
    "",
    ("Số: 1087/UBND-VHXH", "Gia Lộc, ngày 22 tháng 5 năm 2026"),
    "",
]
MIXED_TEXT_PAGE = ["Trang một có lớp chữ: Công an xã rà soát dữ liệu dân cư trên địa bàn xã."]


def sample_pages() -> list[list]:
    """The sample directive as printed pages: its letterhead in two columns, then its body from
    the subject line on."""
    text = SAMPLE.read_text(encoding="utf-8")
    return printed_pages(text[text.index("V/v ") :], head=LETTERHEAD)


@pytest.fixture(scope="module")
def scan(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scan")
    printed = build_pdf(folder / "printed.pdf", sample_pages(), line_gap=0.022)
    return build_scan_pdf(folder / "scan.pdf", printed)


@pytest.fixture(scope="module")
def loaded_scan(scan, tesseract):
    return load_path(scan)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, scan) -> Path:
    """Page 1 with a text layer, page 2 the first page of the scan."""
    folder = tmp_path_factory.mktemp("mixed")
    text_page = build_pdf(folder / "text.pdf", [MIXED_TEXT_PAGE])
    scanned_page = build_scan_pdf(folder / "page.pdf", scan, pages=[1])
    return join_pdfs(folder / "mixed.pdf", [text_page, scanned_page])


@pytest.fixture
def no_tesseract(tmp_path, monkeypatch):
    """A machine without Tesseract: the program is not on the PATH."""
    monkeypatch.setenv("PATH", str(tmp_path))
    tesseract_ready.cache_clear()
    yield
    tesseract_ready.cache_clear()


def test_the_scan_has_no_text_layer(scan):
    import pdfplumber

    with pdfplumber.open(scan) as pdf:
        assert len(pdf.pages) == 2
        assert all(not page.chars for page in pdf.pages)


def test_a_scanned_directive_is_read_by_ocr_and_says_so(loaded_scan):
    assert loaded_scan.format == "pdf"
    assert loaded_scan.ocr
    assert loaded_scan.ocr_pages == (1, 2)
    assert all(page.confidence > 80 for page in loaded_scan.pages)
    assert loaded_scan.warnings[0].startswith("Văn bản nhận dạng từ ảnh quét (OCR), cần kiểm tra kỹ")
    assert unicodedata.is_normalized("NFC", loaded_scan.text)


def test_the_header_of_the_scan_is_extracted(loaded_scan):
    document = extract(loaded_scan.text).document
    assert document.number == "1087/UBND-VHXH"
    assert document.date == datetime.date(2026, 5, 22)
    assert document.issuer == "Ủy ban nhân dân xã Gia Lộc"
    assert document.signer == "Nguyễn Thị Thu"


def test_the_tasks_of_the_scan_are_those_of_the_typed_text(loaded_scan):
    typed = extract(SAMPLE.read_text(encoding="utf-8")).tasks
    scanned = extract(loaded_scan.text).tasks
    assert [t.lead for t in scanned] == [t.lead for t in typed]
    assert "Công an xã" in [t.lead for t in scanned]
    words = " ".join(t.text for t in scanned)
    for key in ("Đề án 06", "định danh điện tử", "dịch vụ công trực tuyến", "nhiệm vụ quá hạn"):
        assert key in words


def test_each_page_span_holds_that_page_text(loaded_scan):
    first, second = loaded_scan.pages
    text = loaded_scan.text
    assert text[first.start : first.end].startswith("ỦY BAN NHÂN DÂN")
    assert "Nguyễn Thị Thu" in text[second.start : second.end]
    assert "\n".join(text[p.start : p.end] for p in loaded_scan.pages) == text


def test_a_mixed_pdf_ocrs_only_its_scanned_page(mixed, tesseract):
    loaded = load_path(mixed)
    text_page, scanned_page = loaded.pages
    assert (text_page.ocr, text_page.confidence) == (False, None)
    assert scanned_page.ocr and scanned_page.confidence > 80
    assert loaded.text[text_page.start : text_page.end] == MIXED_TEXT_PAGE[0]
    assert "Số: 1087/UBND-VHXH" in loaded.text[scanned_page.start : scanned_page.end]
    assert loaded.warnings[0].startswith("Trang 2 nhận dạng từ ảnh quét (OCR), cần kiểm tra kỹ")


def test_a_page_scanned_sideways_is_read_the_right_way_up(scan, tmp_path, tesseract):
    sideways = build_scan_pdf(tmp_path / "ngang.pdf", scan, pages=[1], turn=90)
    loaded = load_path(sideways)
    assert loaded.ocr
    assert "Số: 1087/UBND-VHXH" in loaded.text
    assert "Công an xã chủ trì theo dõi" in loaded.text


def test_too_many_scanned_pages_are_refused_before_any_ocr(scan, tesseract):
    with pytest.raises(ExtractError) as caught:
        load_path(scan, ocr=OcrSettings(max_pages=1))
    assert str(caught.value) == (
        "Tệp scan.pdf có 2 trang ảnh quét cần nhận dạng (OCR), quá giới hạn 1 trang; "
        "hãy tách tệp thành các phần nhỏ hơn hoặc nạp bản có lớp chữ."
    )


def test_ocr_past_the_time_limit_is_stopped(scan, tesseract):
    with pytest.raises(ExtractError) as caught:
        load_path(scan, ocr=OcrSettings(max_seconds=0.5))
    assert str(caught.value) == (
        "Nhận dạng chữ (OCR) tệp scan.pdf quá lâu (trên 0,5 giây, mới xong 0/2 trang); đã dừng. "
        "Hãy tách tệp thành các phần nhỏ hơn hoặc nạp bản có lớp chữ."
    )


def test_an_image_declaring_billions_of_pixels_is_refused(tmp_path, tesseract):
    bomb = build_pdf_image_bomb(tmp_path / "bom.pdf", width=100_000, height=100_000)
    with pytest.raises(ExtractError) as caught:
        load_path(bomb)
    assert str(caught.value) == (
        "Tệp bom.pdf có ảnh lớn bất thường (10000 triệu điểm ảnh, giới hạn 80 triệu); "
        "có thể là tệp độc hại nên không đọc."
    )


def test_without_tesseract_a_scan_names_what_to_install(scan, no_tesseract):
    with pytest.raises(ExtractError) as caught:
        load_path(scan)
    message = str(caught.value)
    assert message.startswith("Tệp PDF scan.pdf là ảnh quét, không có lớp chữ; máy chủ chưa cài Tesseract")
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in message


def test_without_tesseract_a_mixed_pdf_keeps_its_text_pages_and_warns(mixed, no_tesseract):
    loaded = load_path(mixed)
    assert loaded.text.strip() == MIXED_TEXT_PAGE[0]
    assert not loaded.ocr
    assert loaded.warnings[0].startswith("Trang 2 là ảnh quét, không được đọc: máy chủ chưa cài Tesseract")


def test_ocr_can_be_turned_off(scan, mixed):
    with pytest.raises(ExtractError, match="là ảnh quét, không có lớp chữ; chưa nhận dạng chữ"):
        load_path(scan, ocr=None)
    assert load_path(mixed, ocr=None).text.strip() == MIXED_TEXT_PAGE[0]


def test_a_text_pdf_is_not_ocr(tmp_path):
    loaded = load_path(build_pdf(tmp_path / "kh.pdf", [MIXED_TEXT_PAGE, ["Trang hai có lớp chữ đầy đủ."]]))
    assert not loaded.ocr
    assert [(p.number, p.ocr) for p in loaded.pages] == [(1, False), (2, False)]
    assert not loaded.warnings


def test_a_page_image_renders_for_the_review_page(scan):
    data = scan.read_bytes()
    assert page_count(data) == 2
    image = Image.open(io.BytesIO(render_page_png(data, 2)))
    assert image.format == "PNG"
    assert image.size == pytest.approx((1241, 1754), abs=1)  # A4 at 150 dpi
    with pytest.raises(ExtractError, match="Tệp PDF có 2 trang, không có trang 3."):
        render_page_png(data, 3)
    with pytest.raises(ExtractError, match="Không mở được tệp PDF"):
        render_page_png(b"%PDF-1.7 broken", 1)


def test_the_cli_says_the_text_came_from_ocr(mixed, tesseract, capsys):
    assert main(["--json", str(mixed)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ocr"] is True
    assert [(p["number"], p["ocr"]) for p in data["pages"]] == [(1, False), (2, True)]
    assert data["document"]["number"] == "1087/UBND-VHXH"
    assert data["warnings"][0].startswith("Trang 2 nhận dạng từ ảnh quét (OCR)")
    assert main([str(mixed)]) == 0
    assert "Lưu ý: Trang 2 nhận dạng từ ảnh quét (OCR), cần kiểm tra kỹ" in capsys.readouterr().out
