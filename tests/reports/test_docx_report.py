import io
import os
import shutil
import subprocess

import pytest
from docx import Document
from docx.shared import Mm, Pt

from dieuhanh.reports.docx_report import Signing, build_docx, place_of
from dieuhanh.reports.figures import build_figures
from dieuhanh.reports.issuing import draft_file, start_report
from dieuhanh.reports.periods import resolve_period
from dieuhanh.reports.scope import build_scope

pytestmark = pytest.mark.django_db


def report(june, spec="2026-06", unit=None, **kw) -> Document:
    f = build_figures(resolve_period(spec), build_scope(None, unit or june.commune), **kw)
    return Document(io.BytesIO(build_docx(f)))


def texts(container) -> list[str]:
    return [p.text for p in container.paragraphs]


def test_it_lays_out_a4_with_the_prescribed_margins(june):
    section = report(june).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    top, bottom, left, right = (
        round(m.mm)
        for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    )
    assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20


def test_it_writes_the_header_block_of_decree_30(june):
    doc = report(june)
    header = doc.tables[0]
    left, right = header.rows[0].cells
    assert texts(left)[:2] == ["UBND TỈNH HẢI DƯƠNG", "ỦY BAN NHÂN DÂN\nXÃ GIA LỘC"]
    assert not left.paragraphs[0].runs[0].bold  # the parent body is upright, not bold
    body_run = left.paragraphs[1].runs[0]
    assert body_run.bold and left.paragraphs[1].alignment == 1  # centred
    assert texts(right) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert right.paragraphs[0].runs[0].bold
    assert right.paragraphs[1].runs[0].underline
    number, date_line = header.rows[1].cells
    assert number.text.replace(" ", "") == "Số:/BC-UBND"
    assert date_line.text == "Gia Lộc, ngày 14 tháng 6 năm 2026"
    assert date_line.paragraphs[0].runs[0].italic


def test_it_titles_the_report_and_uses_times_new_roman(june):
    doc = report(june)
    paragraphs = texts(doc)
    i = paragraphs.index("BÁO CÁO")
    assert paragraphs[i + 1] == "Kết quả thực hiện nhiệm vụ được giao tháng 6/2026"
    assert doc.paragraphs[i].runs[0].bold
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    body = [r.font.size for p in doc.paragraphs if p.text.startswith("Trong kỳ báo cáo") for r in p.runs]
    assert body and all(Pt(13) <= size <= Pt(14) for size in body)


def test_it_states_the_figures_in_tables_and_embeds_a_chart(june):
    doc = report(june)
    summary = {row.cells[1].text: row.cells[2].text for row in doc.tables[1].rows[1:]}
    assert summary["Tổng số nhiệm vụ trong kỳ"] == "8"
    assert summary["Hoàn thành quá hạn"] == "2"
    assert summary["Tỷ lệ quá hạn trên số nhiệm vụ đã đến hạn"] == "20,0%"
    header = [c.text for c in doc.tables[2].rows[1].cells]
    assert header == [
        "TT",
        "Đơn vị chủ trì",
        "Tổng số",
        "Đúng hạn",
        "Quá hạn",
        "Trong hạn",
        "Quá hạn",
        "Không có thời hạn",
        "Tạm hoãn",
        "Đúng hạn",
        "Quá hạn / tổng số",
        "Quá hạn / đã đến hạn",
        "Cập nhật tiến độ",
    ]
    groups = [c.text for c in doc.tables[2].rows[0].cells]
    assert groups[2:9] == [
        "Tổng số",
        "Hoàn thành",
        "Hoàn thành",
        "Chưa hoàn thành",
        "Chưa hoàn thành",
        "Chưa hoàn thành",
        "Tạm hoãn",
    ]
    by_unit = {row.cells[1].text: [c.text for c in row.cells[2:]] for row in doc.tables[2].rows[2:]}
    assert by_unit["Phòng Kinh tế"] == ["4", "2", "1", "0", "1", "0", "0", "66,7", "25,0", "25,0", "100,0"]
    assert by_unit["Tổng cộng"] == ["8", "2", "2", "2", "1", "1", "0", "50,0", "12,5", "20,0", "50,0"]
    overdue = doc.tables[3].rows[1].cells
    assert overdue[1].text == "Nhiệm vụ số 4" and overdue[4].text == "4"
    assert "(60%): Đang thi công" in overdue[5].text and overdue[6].text == "Thời tiết mưa kéo dài"
    assert len(doc.inline_shapes) == 1
    assert "Chờ hướng dẫn của tỉnh (nguyên nhân khách quan)" in doc.tables[4].rows[1].cells[5].text
    assert doc.tables[5].rows[1].cells[4].text == "1.640"


def test_it_closes_with_the_recipients_and_the_signing_block(june):
    doc = report(june)
    recipients, signing = doc.tables[-1].rows[0].cells
    assert texts(recipients)[0] == "Nơi nhận:"
    assert "- Ủy ban nhân dân tỉnh Hải Dương (để báo cáo);" in texts(recipients)
    assert texts(signing)[:3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_the_annual_report_carries_the_rankings(june):
    doc = report(june, spec="2026")
    assert "9. Kết quả xếp loại" in texts(doc)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Nguyễn Văn An" in cells
    assert any(
        c.startswith("Tính 3 nhiệm vụ đến hạn hoặc hoàn thành trong kỳ (2 hoàn thành); 2 trễ hạn")
        for c in cells
    )


def test_the_written_sections_and_the_notes_follow_the_figures(june):
    paragraphs = texts(report(june))
    for heading in (
        "II. TỒN TẠI, HẠN CHẾ, NGUYÊN NHÂN",
        "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
    ):
        assert heading in paragraphs
    assert any(
        p.startswith("- Còn 1 nhiệm vụ quá hạn chưa hoàn thành (20,0% số nhiệm vụ đã đến hạn)")
        for p in paragraphs
    )
    notes = paragraphs[paragraphs.index("GHI CHÚ VỀ SỐ LIỆU") :]
    assert any(
        p.startswith("Tháng 6/2026: số liệu từ ngày 15/05/2026 đến hết ngày 14/06/2026") for p in notes
    )
    assert any(
        p.startswith("Hoàn thành đúng hạn (kể cả trước hạn): đã hoàn thành, được lãnh đạo xác nhận")
        for p in notes
    )


def test_the_signing_block_can_be_changed(june):
    f = build_figures(resolve_period("2026-06"), build_scope(None, june.commune))
    signing = Signing(authority=["TM. ỦY BAN NHÂN DÂN"], title="CHỦ TỊCH", name="Nguyễn Văn Minh")
    doc = Document(io.BytesIO(build_docx(f, signing)))
    cell = doc.tables[-1].rows[0].cells[1]
    assert texts(cell)[:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] and texts(cell)[-1] == "Nguyễn Văn Minh"


@pytest.mark.parametrize(
    "name, place",
    [
        ("Ủy ban nhân dân xã Gia Lộc", "Gia Lộc"),
        ("Ủy ban nhân dân tỉnh Tuyên Quang", "Tuyên Quang"),
        ("Sở Y tế", "Sở Y tế"),
    ],
)
def test_it_takes_the_place_from_the_body_name(name, place):
    assert place_of(name) == place


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
@pytest.mark.parametrize("spec", ["2026-06", "2026"])
def test_libreoffice_renders_the_report(june, tmp_path, spec):
    """Converts the monthly and the annual report to PDF (and PNG with poppler) for a person to look
    at: REPORT_RENDER_DIR keeps them."""
    out_dir = os.environ.get("REPORT_RENDER_DIR") or str(tmp_path)
    report = start_report(june.tracker, resolve_period(spec), june.commune)
    path = os.path.join(out_dir, f"bao-cao-{spec}.docx")
    with open(path, "wb") as fh:
        fh.write(draft_file(report, "docx").content)
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            out_dir,
            path,
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = os.path.join(out_dir, f"bao-cao-{spec}.pdf")
    assert os.path.getsize(pdf) > 10_000
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", pdf, os.path.join(out_dir, f"trang-{spec}")], check=True
        )
