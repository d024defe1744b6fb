import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from dieuhanh.reports.excel_import import import_template
from dieuhanh.tasks.models import Task

pytestmark = pytest.mark.django_db


def test_the_report_page_needs_a_login(client, june):
    response = client.get(reverse("reports:index"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_it_downloads_the_report(client, june):
    client.force_login(june.tracker)
    response = client.get(
        reverse("reports:index"), {"period": "2026-06", "format": "docx", "cutoff": 14, "tai": 1}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="bao-cao-thang-6-2026')
    doc = Document(io.BytesIO(response.content))
    assert doc.tables[1].rows[1].cells[2].text == "8"


def test_the_province_preview_drills_down_to_a_commune(client, june):
    client.force_login(june.province_leader)
    page = client.get(
        reverse("reports:index"), {"period": "2026-06", "format": "xlsx", "cutoff": 14, "xem": 1}
    )
    body = page.content.decode()
    assert "Xã, phường" in body and f"unit={june.commune.pk}" in body
    drill = client.get(
        reverse("reports:index"),
        {"period": "2026-06", "format": "xlsx", "cutoff": 14, "unit": june.commune.pk, "xem": 1},
    )
    assert "Phòng Kinh tế" in drill.content.decode()


def test_a_bad_period_is_shown_in_the_form(client, june):
    client.force_login(june.tracker)
    page = client.get(
        reverse("reports:index"), {"period": "2026-13", "format": "docx", "cutoff": 14, "tai": 1}
    )
    assert page.status_code == 400 and "Tháng phải từ 1 đến 12" in page.content.decode()


def test_the_rankings_download(client, june):
    client.force_login(june.tracker)
    response = client.get(
        reverse("reports:index"), {"period": "2026", "format": "xlsx", "cutoff": 14, "chi-xep-loai": 1}
    )
    assert load_workbook(io.BytesIO(response.content)).sheetnames == [
        "Xếp loại đơn vị chủ trì",
        "Xếp loại cá nhân",
        "Chi tiết xếp loại",
    ]


def test_exports_respect_visibility(client, june):
    client.force_login(june.kt_member)
    response = client.get(reverse("reports:export", args=["tasks"]))
    assert load_workbook(io.BytesIO(response.content)).worksheets[0].max_row == 7
    assert client.get(reverse("reports:export", args=["people"])).status_code == 404


def test_upload_preview_then_import_valid_rows(client, june):
    client.force_login(june.tracker)
    template = import_template()
    upload = io.BytesIO(template)
    upload.name = "mau.xlsx"
    page = client.post(reverse("reports:import"), {"organisation": june.commune.pk, "file": upload})
    body = page.content.decode()
    assert "Không tìm thấy đơn vị “Công an xã”" in body
    assert Task.objects.filter(text__startswith="Rà soát, cập nhật").count() == 0
    response = client.post(reverse("reports:import_confirm"), {"valid_only": "1"}, follow=True)
    assert "Đã nhập 0 nhiệm vụ mới" in response.content.decode()


def test_a_unit_member_may_not_import(client, june):
    client.force_login(june.kt_member)
    upload = io.BytesIO(import_template())
    upload.name = "mau.xlsx"
    page = client.post(reverse("reports:import"), {"organisation": june.commune.pk, "file": upload})
    assert "Hãy chọn" in page.content.decode() or "lựa chọn" in page.content.decode()
