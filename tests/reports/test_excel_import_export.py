import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from openpyxl import Workbook, load_workbook

from dieuhanh.org.access import Access
from dieuhanh.org.models import Unit
from dieuhanh.reports.excel_export import export_documents, export_tasks, export_units
from dieuhanh.reports.excel_import import ImportFileError, apply_import, import_template, read_import
from dieuhanh.tasks.constants import DeadlineKind, TaskState
from dieuhanh.tasks.models import Task
from tests.factories import CommuneFactory, DocumentFactory, UnitFactory

pytestmark = pytest.mark.django_db


def sheet_rows(content: bytes, skip_id=False):
    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return [r[1:] if skip_id else r for r in rows]


def xlsx(
    rows,
    header=(
        "Nội dung nhiệm vụ",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời hạn",
        "Kinh phí",
        "Trạng thái",
        "Ngày hoàn thành",
    ),
) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH MỤC NHIỆM VỤ NĂM 2026"])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_task_export_respects_visibility(june):
    member = sheet_rows(export_tasks(Access.of(june.kt_member)))
    assert len(member) == 1 + 6  # header + Phòng Kinh tế's tasks, the cancelled and closed ones included
    tracker = sheet_rows(export_tasks(Access.of(june.tracker)))
    assert len(tracker) == 1 + 10


def test_the_task_export_imports_back_unchanged(june):
    before = export_tasks(Access.of(june.tracker))
    snapshot = list(Task.objects.order_by("pk").values())
    preview = read_import(before, june.commune)
    assert preview.is_valid, [r.errors for r in preview.invalid_rows]
    result = apply_import(preview, june.tracker)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 10)
    assert list(Task.objects.order_by("pk").values()) == snapshot
    assert sheet_rows(export_tasks(Access.of(june.tracker))) == sheet_rows(before)


def test_an_export_imports_into_another_commune_with_the_same_columns(june):
    before = export_tasks(Access.of(june.tracker))
    twin = CommuneFactory(parent=june.province, name="Ủy ban nhân dân xã Mới")
    for name in ("Phòng Kinh tế", "Phòng Văn hóa - Xã hội"):
        UnitFactory(parent=twin, name=name)
    from django.contrib.auth import get_user_model

    superuser = get_user_model().objects.create(username="qt", is_superuser=True)
    result = apply_import(read_import(before, twin), superuser)
    assert result.created == 10
    admin = Access(user=superuser)
    copied = [r for r in sheet_rows(export_tasks(admin, twin), skip_id=True)]
    assert copied == sheet_rows(before, skip_id=True)


def test_it_matches_units_by_alias_and_parses_deadline_phrases(june):
    content = xlsx(
        [
            ["Rà soát hộ nghèo", "Phòng VHXH", "Phòng KT", "Quý III/2026", "1.640", "", None],
            [
                "Báo cáo tình hình",
                "phong kinh te",
                "",
                "trước ngày 18 hằng tháng",
                None,
                "Đang thực hiện",
                None,
            ],
            [
                "Tổng kết",
                "Phòng Kinh tế",
                "",
                datetime.datetime(2026, 7, 10),
                12.5,
                "Hoàn thành",
                "05/07/2026",
            ],
        ]
    )
    preview = read_import(content, june.commune)
    assert preview.is_valid, [r.errors for r in preview.rows]
    first, second, third = (r.data for r in preview.rows)
    assert first["lead_unit_id"] == june.vhxh.pk and first["coordinators"] == [june.kt.pk]
    assert (first["deadline"], first["deadline_kind"]) == (datetime.date(2026, 9, 30), "period")
    assert first["budget"] == Decimal("1640.000")
    assert second["deadline_kind"] == DeadlineKind.RECURRING and second["is_series"]
    assert third["state"] == TaskState.DONE and third["completed_on"] == datetime.date(2026, 7, 5)


def test_it_reports_errors_row_by_row_in_vietnamese_and_saves_nothing(june):
    content = xlsx(
        [
            ["Nhiệm vụ tốt", "Phòng Kinh tế", "", "30/9/2026", "", "", None],
            ["", "Phòng Kinh tế", "", "", "", "", None],
            ["Nhiệm vụ lạ", "Phòng Không Có", "", "", "abc", "Xong rồi", None],
            ["Đã xong", "Phòng Kinh tế", "Phòng Kinh tế", "", "", "Hoàn thành", None],
        ]
    )
    preview = read_import(content, june.commune)
    assert [r.number for r in preview.invalid_rows] == [4, 5, 6]
    assert preview.rows[1].errors == ["Thiếu nội dung nhiệm vụ."]
    assert preview.rows[2].errors == [
        "Không tìm thấy đơn vị “Phòng Không Có” trong Ủy ban nhân dân xã Gia Lộc.",
        "Trạng thái “Xong rồi” không hợp lệ (Đang thực hiện, Hoàn thành, Tạm hoãn, Hủy).",
        "Kinh phí “abc” không phải số (triệu đồng).",
    ]
    assert "Nhiệm vụ đã hoàn thành cần có ngày hoàn thành." in preview.rows[3].errors
    assert "“Phòng Kinh tế” vừa là đơn vị chủ trì vừa là đơn vị phối hợp." in preview.rows[3].errors
    count = Task.objects.count()
    with pytest.raises(ImportFileError):
        apply_import(preview, june.tracker)
    assert Task.objects.count() == count
    result = apply_import(preview, june.tracker, valid_only=True)
    assert (result.created, result.skipped) == (1, 3)
    assert Task.objects.get(text="Nhiệm vụ tốt").owner == june.commune


def test_a_file_without_the_columns_is_refused(june):
    with pytest.raises(ImportFileError, match="Nội dung nhiệm vụ"):
        read_import(xlsx([["a", "b"]], header=("Cột 1", "Cột 2")), june.commune)
    with pytest.raises(ImportFileError, match="Không đọc được tệp"):
        read_import(b"not a workbook", june.commune)


def test_the_template_has_a_guide_and_reads_back(june):
    wb = load_workbook(io.BytesIO(import_template()))
    assert wb.sheetnames == ["Nhiệm vụ", "Hướng dẫn"]
    guide = " ".join(str(c.value) for row in wb["Hướng dẫn"].iter_rows() for c in row if c.value)
    assert "Đơn vị chủ trì" in guide and "dấu chấm phẩy" in guide
    assert wb["Nhiệm vụ"].freeze_panes == "A2"
    Unit.objects.create(parent=june.commune, name="Công an xã", code="gl-ca", kind="police")
    Unit.objects.create(parent=june.commune, name="Thôn 1", code="gl-t1", kind="village")
    preview = read_import(import_template(), june.commune)
    assert preview.is_valid, [r.errors for r in preview.rows]


def test_documents_and_units_export(june):
    DocumentFactory(owner=june.commune, number="15", symbol="KH-UBND", subject="Kế hoạch chuyển đổi số")
    docs = sheet_rows(export_documents(Access.of(june.tracker)))
    assert docs[1][1] == "15/KH-UBND" and isinstance(docs[1][3], datetime.datetime)
    assert sheet_rows(export_documents(Access.of(june.kt_member))) == [docs[0]]
    units = sheet_rows(export_units(Access.of(june.tracker)))
    assert [u[1] for u in units[1:]] == [
        "Ủy ban nhân dân xã Gia Lộc",
        "Phòng Kinh tế",
        "Phòng Văn hóa - Xã hội",
    ]
    assert units[3][5] == "Phòng VHXH"


def test_a_recurring_row_becomes_a_series_with_its_occurrences(june):
    content = xlsx([["Báo cáo tình hình", "Phòng Kinh tế", "", "trước ngày 18 hằng tháng", None, "", None]])
    preview = read_import(content, june.commune)
    with time_machine.travel("2026-07-01 09:00 +0700", tick=False):
        apply_import(preview, june.tracker)
    series = Task.objects.get(text="Báo cáo tình hình", is_series=True)
    assert [t.deadline for t in series.occurrences.order_by("deadline")][:2] == [
        datetime.date(2026, 7, 18),
        datetime.date(2026, 8, 18),
    ]
