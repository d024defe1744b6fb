"""The evaluation's spreadsheets and CSV: one official's sheet, a period's unit summary, the data a
personnel office imports, and the year's results.

Every text cell goes through the shared `text_cell` (core.xlsx: no text becomes a
formula); the CSV gets the same protection by a leading apostrophe. The CSV is for other
systems: UTF-8 with a BOM (Excel reads the diacritics), ISO dates, a dot before decimals.
"""

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from dieuhanh.core.xlsx import FORMULA_STARTS, Column, add_sheet, new_workbook, workbook_bytes
from dieuhanh.evaluation.constants import BAND_NONE, BANDS, Discipline, Stage
from dieuhanh.evaluation.models import Period, Sheet
from dieuhanh.evaluation.presentation import (
    general_basis,
    product_lines,
    score_rows,
    sheet_rules,
    year_rule_text,
)
from dieuhanh.evaluation.scoring import Rules
from dieuhanh.evaluation.services.scores import SCORED, unit_quota
from dieuhanh.evaluation.services.year import YearRow
from dieuhanh.org.access import Access
from dieuhanh.reports.formatting import vn_decimal

NUMBER = "number"  # a Decimal kept as a number in Excel's General format


def _local_date(moment):
    return timezone.localtime(moment).date() if moment else None


def sheet_workbook(sheet: Sheet, access: Access) -> bytes:
    rules = sheet_rules(sheet)
    wb = new_workbook()
    heading = [
        f"PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC — {sheet.period.label}",
        f"{sheet.person} — {sheet.title or 'Công chức'} — {sheet.unit.name}, {sheet.period.organisation.name}",
        f"Bước: {sheet.get_stage_display()}",
    ]
    notes = [
        f"Xếp loại: {sheet.band}" + (f" ({sheet.band_reason})" if sheet.band_reason else ""),
        general_basis(sheet),
        f"Công chức tự nhận xét: {sheet.self_notes}",
        f"Nhận xét của lãnh đạo trực tiếp: {sheet.leader_comment}",
    ]
    if sheet.discipline:
        notes.append(f"Kỷ luật trong kỳ: {Discipline(sheet.discipline).label}")
    if sheet.stage == Stage.APPROVED:
        notes.append(
            f"Phê duyệt: {sheet.approved_by} ngày {_local_date(sheet.approved_at):%d/%m/%Y}. {sheet.approval_note}"
        )
    add_sheet(
        wb,
        "Điểm đánh giá",
        [Column("Nội dung", 46), Column("Điểm tối đa", 14, NUMBER), Column("Điểm đạt", 14, NUMBER)],
        [(row.label, row.maximum, row.value) for row in score_rows(sheet, rules)],
        heading=heading,
        notes=notes,
    )
    add_sheet(
        wb,
        "Sản phẩm",
        [
            Column("STT", 6, "int"),
            Column("Sản phẩm", 60),
            Column("Thời hạn", 12, "date"),
            Column("Ngày hoàn thành", 14, "date"),
            Column("Quy đổi", 9, NUMBER),
            Column("Kết quả", 24),
            Column("Chất lượng", 16),
            Column("Tiến độ", 18),
            Column("Công chức ghi kết quả", 40),
            Column("Nguyên nhân khách quan", 40),
        ],
        [
            (
                line.number,
                line.label,
                line.deadline,
                line.completed_on,
                line.weight,
                line.result,
                line.quality,
                line.timeliness,
                line.result_note,
                line.objective_cause,
            )
            for line in product_lines(sheet, access)
        ],
        heading=heading[:2],
    )
    return workbook_bytes(wb)


def counted_sheets(sheets):
    """Sheets with their product counts, for the summary and the export."""
    return sheets.annotate(
        n_products=Count("products"),
        n_done=Count("products", filter=Q(products__done=True)),
        n_late=Count("products", filter=Q(products__late=True)),
        n_failed=Count("products", filter=Q(products__quality_failed=True)),
        n_waived=Count("products", filter=Q(products__waived=True) | Q(products__extension_objective=True)),
    ).select_related("person", "unit", "period__organisation", "reviewed_by", "approved_by")


@dataclass(frozen=True)
class Field:
    header: str
    width: float
    kind: str
    value: object  # sheet → value


FIELDS = [
    Field("Họ và tên", 26, "text", lambda s: str(s.person)),
    Field("Chức vụ", 22, "text", lambda s: s.title),
    Field("Đơn vị", 30, "text", lambda s: s.unit.name),
    Field("Bước", 22, "text", lambda s: s.get_stage_display()),
    Field("Số sản phẩm", 10, "int", lambda s: s.n_products),
    Field("Hoàn thành", 10, "int", lambda s: s.n_done),
    Field("Trễ hạn", 9, "int", lambda s: s.n_late),
    Field("Không đạt chất lượng", 11, "int", lambda s: s.n_failed),
    Field("Miễn trừ (nguyên nhân khách quan)", 13, "int", lambda s: s.n_waived),
    Field("Tiêu chí chung", 10, NUMBER, lambda s: s.general_points),
    Field("Số lượng", 9, NUMBER, lambda s: s.quantity_points),
    Field("Chất lượng", 9, NUMBER, lambda s: s.quality_points),
    Field("Tiến độ", 9, NUMBER, lambda s: s.timeliness_points),
    Field("Kết quả của đơn vị", 10, NUMBER, lambda s: s.unit_points),
    Field("Kết quả thực hiện nhiệm vụ", 11, NUMBER, lambda s: s.task_points),
    Field("Tổng điểm", 9, NUMBER, lambda s: s.total),
    Field("Xếp loại", 30, "text", lambda s: s.band),
]
PERSONNEL_FIELDS = [
    Field("Tên đăng nhập", 16, "text", lambda s: s.person.username),
    Field("Thư điện tử", 26, "text", lambda s: s.person.email),
    *FIELDS[:3],
    Field("Mã đơn vị", 18, "text", lambda s: s.unit.code),
    Field("Cơ quan", 30, "text", lambda s: s.period.organisation.name),
    Field("Kỳ đánh giá", 14, "text", lambda s: s.period.label),
    Field("Từ ngày", 12, "date", lambda s: s.period.start),
    Field("Đến ngày", 12, "date", lambda s: s.period.end),
    *FIELDS[3:],
    Field("Lý do xếp loại", 24, "text", lambda s: s.band_reason),
    Field("Kỷ luật", 14, "text", lambda s: Discipline(s.discipline).label if s.discipline else ""),
    Field("Tự chấm tiêu chí chung", 10, NUMBER, lambda s: s.self_general),
    Field("Lãnh đạo chấm tiêu chí chung", 10, NUMBER, lambda s: s.leader_general),
    Field("Người đánh giá", 24, "text", lambda s: str(s.reviewed_by or "")),
    Field("Ngày đánh giá", 12, "date", lambda s: _local_date(s.reviewed_at)),
    Field("Người phê duyệt", 24, "text", lambda s: str(s.approved_by or "")),
    Field("Ngày phê duyệt", 12, "date", lambda s: _local_date(s.approved_at)),
]


def summary_workbook(period: Period, sheets, rules: Rules) -> bytes:
    """The unit summary: one row per official, unit by unit, with the counts by band and the quota."""
    rows = list(counted_sheets(sheets))
    notes = []
    units: dict = {}
    for sheet in rows:
        units.setdefault(sheet.unit, []).append(sheet)
    for unit, unit_rows in units.items():
        scored = [s for s in unit_rows if s.stage in SCORED]
        counts = "; ".join(f"{band}: {sum(1 for s in scored if s.band == band)}" for band in BANDS)
        q = unit_quota(unit_rows, rules)
        state = "vượt tỷ lệ" if q.exceeded else "trong tỷ lệ"
        share = f"{vn_decimal(q.percent)}%" if q.percent is not None else "—"
        notes.append(
            f"{unit.name}: {len(unit_rows)} phiếu, {len(scored)} đã được lãnh đạo đánh giá — {counts}. "
            f"Xuất sắc/tốt trở lên: {q.excellent}/{q.good_or_better} ({share}), {state} "
            f"{vn_decimal(q.limit_percent, 0)}%."
        )
    wb = new_workbook()
    add_sheet(
        wb,
        "Tổng hợp",
        [Column("STT", 6, "int")] + [Column(f.header, f.width, f.kind) for f in FIELDS],
        [(i, *(f.value(s) for f in FIELDS)) for i, s in enumerate(rows, start=1)],
        heading=[
            f"TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÔNG CHỨC — {period.label}",
            period.organisation.name,
        ],
        notes=notes,
    )
    return workbook_bytes(wb)


def personnel_rows(sheets) -> tuple[list[Field], list[list]]:
    rows = counted_sheets(sheets).order_by("unit__path", "-is_head", "person__full_name", "id")
    return PERSONNEL_FIELDS, [[f.value(s) for f in PERSONNEL_FIELDS] for s in rows]


def personnel_workbook(period: Period, sheets) -> bytes:
    fields, rows = personnel_rows(sheets)
    wb = new_workbook()
    add_sheet(
        wb,
        "Dữ liệu đánh giá",
        [Column(f.header, f.width, f.kind) for f in fields],
        rows,
        heading=[f"DỮ LIỆU ĐÁNH GIÁ, XẾP LOẠI CÔNG CHỨC — {period.label}", period.organisation.name],
    )
    return workbook_bytes(wb)


def safe_csv(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def personnel_csv(sheets) -> bytes:
    fields, rows = personnel_rows(sheets)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([f.header for f in fields])
    for row in rows:
        writer.writerow([safe_csv(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def year_workbook(organisation, year: int, rules: Rules, rows: list[YearRow]) -> bytes:
    prefix = "T" if rules.periods_per_year == 12 else "Quý "
    numbers = range(1, rules.periods_per_year + 1)
    columns = [Column("STT", 6, "int"), Column("Họ và tên", 26), Column("Chức vụ", 22), Column("Đơn vị", 30)]
    columns += [Column(f"{prefix}{n}", 8, NUMBER) for n in numbers]
    columns += [
        Column("Số kỳ đã phê duyệt", 10, "int"),
        Column("Điểm bình quân", 10, NUMBER),
        Column("Xếp loại năm", 30),
        Column("Ghi chú", 36),
    ]
    body = []
    for i, row in enumerate(rows, start=1):
        r = row.result
        note = [] if r.complete else [f"tạm tính ({r.counted}/{r.expected} kỳ đã phê duyệt)"]
        if r.reason:
            note.append(r.reason)
        body.append(
            (
                i,
                str(row.person),
                row.title,
                row.unit.name,
                *(s.total if s else None for s in row.periods),
                r.counted,
                r.score,
                r.band if r.band != BAND_NONE else "Chưa xếp loại",
                "; ".join(note),
            )
        )
    wb = new_workbook()
    add_sheet(
        wb,
        f"Năm {year}",
        columns,
        body,
        heading=[f"KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÔNG CHỨC NĂM {year}", organisation.name],
        notes=[year_rule_text(rules)],
    )
    return workbook_bytes(wb)
