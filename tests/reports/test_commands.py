import io
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from openpyxl import load_workbook

from dieuhanh.reports.excel_import import import_template
from dieuhanh.tasks.models import Task

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_it_writes_a_docx_report_for_a_unit(june, tmp_path):
    out = tmp_path / "bc.docx"
    assert "Đã ghi" in run(
        "report", "--period", "2026-06", "--unit", "xa-gia-loc", "--format", "docx", "--out", str(out)
    )
    doc = Document(str(out))
    assert doc.tables[1].rows[1].cells[2].text == "8"


def test_it_writes_an_xlsx_for_a_quarter_as_a_person_sees_it(june, tmp_path):
    out = tmp_path / "bc.xlsx"
    run("report", "--period", "2026-Q2", "--out", str(out), "--user", june.kt_member.username)
    ws = load_workbook(out)["Tổng hợp"]
    assert ws["C5"].value == 5  # Phòng Kinh tế: tasks 1–4 and the one closed on 02/4, inside 15/3–14/6


def test_it_accepts_a_date_range_and_rankings(june, tmp_path):
    out = tmp_path / "xl.xlsx"
    run(
        "report",
        "--from",
        "01/01/2026",
        "--to",
        "14/06/2026",
        "--rankings",
        "--out",
        str(out),
        "--unit",
        "xa-gia-loc",
    )
    wb = load_workbook(out)
    assert wb.sheetnames == ["Xếp loại đơn vị chủ trì", "Xếp loại cá nhân", "Chi tiết xếp loại"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--period", "2026-13", "--out", "x.docx"], "Tháng phải từ 1 đến 12"),
        (["--period", "tháng 6", "--out", "x.docx"], "Kỳ báo cáo không hợp lệ"),
        (["--period", "2026-06", "--out", "x.pdf"], "Định dạng phải là docx hoặc xlsx"),
        (["--period", "2026-06", "--unit", "khong-co", "--out", "x.docx"], "Không tìm thấy đơn vị"),
        (["--from", "01/06/2026", "--out", "x.docx"], "cần cả ngày bắt đầu"),
        (["--period", "2026-06"], "Thiếu tệp kết quả"),
        (["--export", "people", "--out", "x.xlsx"], "tasks, documents, units"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_with_exit_code_2(june, args, message):
    with pytest.raises(CommandError, match=message) as info:
        run("report", *args)
    assert info.value.returncode == 2


def test_the_cli_exits_2_without_a_traceback(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from dieuhanh.cli import main; main()",
            "report",
            "--period",
            "2026-99",
            "--out",
            str(tmp_path / "x.docx"),
        ],
        capture_output=True,
        text=True,
        env={"DIEUHANH_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "Tháng phải từ 1 đến 12" in done.stderr and "Traceback" not in done.stderr


def test_it_exports_lists(june, tmp_path):
    for kind in ("tasks", "documents", "units"):
        out = tmp_path / f"{kind}.xlsx"
        run("report", "--export", kind, "--out", str(out), "--user", june.tracker.username)
        assert load_workbook(out).worksheets[0].max_row >= 1
    assert load_workbook(tmp_path / "tasks.xlsx").worksheets[0].max_row == 11


def test_import_tasks_checks_then_saves(june, tmp_path):
    path = tmp_path / "mau.xlsx"
    path.write_bytes(import_template())
    with pytest.raises(CommandError, match="Chưa lưu gì") as info:
        run("import_tasks", str(path), "--unit", "xa-gia-loc", "--user", "theodoi")
    assert info.value.returncode == 2
    assert "Chạy thử" in run("import_tasks", str(path), "--unit", "xa-gia-loc", "--dry-run", "--valid-only")
    count = Task.objects.count()
    out = run("import_tasks", str(path), "--unit", "xa-gia-loc", "--valid-only", "--user", "theodoi")
    assert "0 nhiệm vụ mới" in out and Task.objects.count() == count  # the example names unknown units
