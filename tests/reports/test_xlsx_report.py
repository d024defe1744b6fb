import datetime
import io

import pytest
from openpyxl import load_workbook

from dieuhanh.reports.figures import build_figures
from dieuhanh.reports.periods import resolve_period
from dieuhanh.reports.scope import build_scope
from dieuhanh.reports.xlsx_report import build_xlsx

pytestmark = pytest.mark.django_db


def workbook(june, spec="2026-06", unit=None):
    f = build_figures(resolve_period(spec), build_scope(None, unit or june.commune))
    return load_workbook(io.BytesIO(build_xlsx(f)))


def test_it_writes_one_sheet_per_table(june):
    assert workbook(june).sheetnames == [
        "Tổng hợp",
        "Theo đơn vị chủ trì",
        "Quá hạn",
        "Gia hạn",
        "Chỉ tiêu, kinh phí",
        "Ghi chú",
    ]
    assert "Xếp loại cá nhân" in workbook(june, "2026").sheetnames
    assert "Theo xã, phường" in workbook(june, unit=june.province).sheetnames


def test_it_writes_real_numbers_and_percent_formats(june):
    ws = workbook(june)["Tổng hợp"]
    rows = {r[1]: r[2] for r in ws.iter_rows(min_row=5, max_row=16, values_only=True)}
    assert rows["Tổng số nhiệm vụ trong kỳ"] == 8
    assert rows["Tỷ lệ quá hạn trên số nhiệm vụ đã đến hạn"] == pytest.approx(0.2)
    assert ws["C16"].number_format == "0.0%"
    assert ws.freeze_panes == "A5"
    assert ws.column_dimensions["B"].width == 55


def test_it_writes_real_dates_in_the_overdue_sheet(june):
    ws = workbook(june)["Quá hạn"]
    header = [c.value for c in ws[4]]
    row = dict(zip(header, [c for c in ws[5]], strict=True))
    assert row["Thời hạn"].value == datetime.datetime(2026, 6, 10)
    assert row["Thời hạn"].number_format == "dd/mm/yyyy"
    assert row["Số ngày quá hạn"].value == 4
    assert row["Lý do"].value == "Thời tiết mưa kéo dài"
    assert ws.freeze_panes == "A5"


def test_the_budget_is_a_number_in_trieu_dong(june):
    ws = workbook(june)["Chỉ tiêu, kinh phí"]
    budgets = sorted(r[5] for r in ws.iter_rows(min_row=5, values_only=True))
    assert budgets == [12.5, 1640]


def test_the_province_sheet_drills_down_by_lead_unit(june):
    wb = workbook(june, unit=june.province)
    communes = {r[1]: r[2] for r in wb["Theo xã, phường"].iter_rows(min_row=5, values_only=True)}
    assert communes == {"Ủy ban nhân dân xã Gia Lộc": 8, "Ủy ban nhân dân xã Cẩm Giang": 1, "Tổng cộng": 9}
    units = [(r[1], r[2], r[3]) for r in wb["Theo đơn vị chủ trì"].iter_rows(min_row=5, values_only=True)]
    assert ("Phòng Kinh tế", "Ủy ban nhân dân xã Cẩm Giang", 1) in units


def _sheet_text(ws) -> str:
    return "\n".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None)


def test_a_list_cut_at_the_row_limit_says_so_in_its_sheet_and_on_the_summary(june, monkeypatch):
    assert "chỉ liệt kê" not in _sheet_text(workbook(june)["Chỉ tiêu, kinh phí"])
    from dieuhanh.reports import figures

    monkeypatch.setattr(figures, "LIST_ROW_LIMIT", 1)
    f = build_figures(resolve_period("2026-06"), build_scope(None, june.commune))
    assert len(f.targets) == 1 < f.budget.targets == 2
    wb = load_workbook(io.BytesIO(build_xlsx(f)))
    assert "Danh sách chỉ liệt kê 1 trên tổng số 2 nhiệm vụ" in _sheet_text(wb["Chỉ tiêu, kinh phí"])
    assert "chỉ gồm 1/2 dòng đầu" in _sheet_text(wb["Tổng hợp"])
