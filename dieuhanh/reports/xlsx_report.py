"""The report as an .xlsx: the same tables as the .docx, one sheet per table, and the notes that
define every figure (`reports.definitions`)."""

from openpyxl import Workbook

from dieuhanh.core.xlsx import Column, Typed, add_sheet, new_workbook, workbook_bytes
from dieuhanh.reports.definitions import (
    TABLE_FIGURES,
    TOTAL_LABEL,
    definition_notes,
    summary_lines,
    table_values,
)
from dieuhanh.reports.figures import ReportFigures, UnitRow
from dieuhanh.reports.formatting import vn_date, vn_int
from dieuhanh.reports.narrative import SECTIONS, Narrative
from dieuhanh.reports.rankings import RankingRow, Rankings
from dieuhanh.reports.summary_text import report_subject, summary_paragraphs

RATE_COLUMNS = [Column(f.header, 12, "percent" if f.kind == "percent" else "int") for f in TABLE_FIGURES]


def _heading(f: ReportFigures, title: str) -> list[str]:
    return [
        f"{f.organisation_name} — {title}",
        f"{f.period.label}: số liệu từ {vn_date(f.period.start)} đến {vn_date(f.period.end)}, "
        f"ngày xét {vn_date(f.as_of)}",
    ]


def _listed(heading: list[str], shown: int, total: int, what: str) -> list[str]:
    """The heading, plus a line saying so when the list stops before its end (LIST_ROW_LIMIT)."""
    if shown >= total:
        return heading
    return [
        *heading,
        f"Danh sách chỉ liệt kê {vn_int(shown)} trên tổng số {vn_int(total)} {what}; danh sách đầy đủ: "
        "xuất danh sách nhiệm vụ (trang Nhiệm vụ, lọc theo kỳ, nút Xuất Excel).",
    ]


def _unit_sheet(wb, f: ReportFigures, title: str, label: str, rows: list[UnitRow], with_parent: bool):
    parent = [Column("Thuộc", 32)] if with_parent else []
    body = [
        [i, r.name, *([r.parent_name] if with_parent else []), *table_values(r.rates)]
        for i, r in enumerate(rows, 1)
    ]
    body.append([None, TOTAL_LABEL, *([""] if with_parent else []), *table_values(f.rates)])
    add_sheet(
        wb,
        title,
        [Column("STT", 6, "int"), Column(label, 40), *parent, *RATE_COLUMNS],
        body,
        _heading(f, f"Kết quả theo {label.lower()}"),
    )


def add_ranking_sheets(wb: Workbook, rankings: Rankings, heading: list[str]):
    columns = [
        Column("STT", 6, "int"),
        Column("Tên", 36),
        Column("Đơn vị", 30),
        Column("Nhiệm vụ được tính", 11, "int"),
        Column("Hoàn thành", 11, "int"),
        Column("Trễ hạn", 10, "int"),
        Column("Trễ hạn khách quan, không trừ", 13, "int"),
        Column("Chưa tính (chưa đến hạn...)", 13, "int"),
        Column("Điểm", 9, "money"),
        Column("Xếp loại", 30),
        Column("Cách tính", 100),
    ]

    def rows(items: list[RankingRow]):
        for i, r in enumerate(items, start=1):
            yield [
                i,
                r.name,
                r.detail,
                r.counted,
                r.done,
                r.late,
                r.waived,
                r.apart,
                r.score,
                r.band,
                r.explanation,
            ]

    note = [*heading, rankings.formula.describe()]
    add_sheet(wb, f"Xếp loại {rankings.unit_label.lower()}", columns, rows(rankings.units), note)
    add_sheet(wb, "Xếp loại cá nhân", columns, rows(rankings.people), note)
    detail = [
        Column("Xếp loại của", 36),
        Column("Mã nhiệm vụ", 10, "int"),
        Column("Nhiệm vụ", 60),
        Column("Thời hạn", 12, "date"),
        Column("Ngày hoàn thành", 12, "date"),
        Column("Tình trạng", 24),
        Column("Được tính", 10),
        Column("Trễ hạn", 9),
        Column("Nguyên nhân khách quan đã duyệt", 50),
        Column("Điểm", 9, "money"),
        Column("Ghi chú", 60),
    ]

    def detail_rows():
        for r in [*rankings.units, *rankings.people]:
            for t in r.tasks:
                yield [
                    r.name,
                    t.task_id,
                    t.summary,
                    t.deadline,
                    t.completed_on,
                    t.status,
                    "Có" if t.counted else "Không",
                    "Có" if t.late else "",
                    t.waiver,
                    t.points,
                    t.note,
                ]

    add_sheet(wb, "Chi tiết xếp loại", detail, detail_rows(), [*heading, "Các nhiệm vụ sau mỗi điểm số"])


def build_xlsx(f: ReportFigures, narrative: Narrative | None = None) -> bytes:
    wb = new_workbook()
    add_sheet(
        wb,
        "Tổng hợp",
        [Column("STT", 6, "int"), Column("Nội dung", 55), Column("Số liệu", 14, "int")],
        (
            [
                int(line.number) if line.number else None,
                line.figure.label,
                Typed(line.value, "percent" if line.figure.kind == "percent" else "int"),
            ]
            for line in summary_lines(f)
        ),
        _heading(f, report_subject(f)),
        notes=summary_paragraphs(f) + f.notes,
    )
    _unit_sheet(wb, f, f"Theo {f.group_label.lower()}", f.group_label, f.groups, with_parent=False)
    if f.is_province:
        _unit_sheet(wb, f, "Theo đơn vị chủ trì", "Đơn vị chủ trì", f.units, with_parent=True)
    if narrative is not None:
        add_sheet(
            wb,
            "Nội dung báo cáo",
            [Column("Phần", 34), Column("Nội dung", 120)],
            ([title, getattr(narrative, key)] for key, title in SECTIONS),
            _heading(f, "Nội dung báo cáo"),
        )
    add_sheet(
        wb,
        "Quá hạn",
        [
            Column("STT", 6, "int"),
            Column("Mã nhiệm vụ", 10, "int"),
            Column("Nhiệm vụ", 60),
            Column("Đơn vị chủ trì", 30),
            Column("Cơ quan theo dõi", 30),
            Column("Thời hạn", 12, "date"),
            Column("Thời hạn ban đầu", 12, "date"),
            Column("Số ngày quá hạn", 10, "int"),
            Column("Ngày báo cáo gần nhất", 12, "date"),
            Column("Tiến độ (%)", 9, "int"),
            Column("Nội dung báo cáo gần nhất", 50),
            Column("Lý do", 40),
        ],
        (
            [
                i,
                o.task_id,
                o.summary,
                o.lead_unit,
                o.owner,
                o.deadline,
                o.original_deadline,
                o.days_overdue,
                o.report_on,
                o.report_percent,
                o.report_text,
                o.reason,
            ]
            for i, o in enumerate(f.overdue, start=1)
        ),
        _listed(_heading(f, "Nhiệm vụ quá hạn chưa hoàn thành"), len(f.overdue), f.rates.overdue, "nhiệm vụ"),
    )
    add_sheet(
        wb,
        "Gia hạn",
        [
            Column("STT", 6, "int"),
            Column("Mã nhiệm vụ", 10, "int"),
            Column("Nhiệm vụ", 60),
            Column("Đơn vị chủ trì", 30),
            Column("Thời hạn cũ", 12, "date"),
            Column("Thời hạn mới", 12, "date"),
            Column("Lý do", 40),
            Column("Khách quan", 10),
            Column("Ngày duyệt", 12, "date"),
        ],
        (
            [
                i,
                e.task_id,
                e.summary,
                e.lead_unit,
                e.old_date,
                e.new_date,
                e.reason,
                "Có" if e.objective else "Không",
                e.decided_on,
            ]
            for i, e in enumerate(f.extensions, start=1)
        ),
        _listed(
            _heading(f, "Lượt gia hạn được duyệt trong kỳ"),
            len(f.extensions),
            f.extensions_total,
            "lượt gia hạn",
        ),
    )
    add_sheet(
        wb,
        "Chỉ tiêu, kinh phí",
        [
            Column("STT", 6, "int"),
            Column("Mã nhiệm vụ", 10, "int"),
            Column("Nhiệm vụ", 60),
            Column("Đơn vị chủ trì", 30),
            Column("Chỉ tiêu, sản phẩm", 40),
            Column("Kinh phí (triệu đồng)", 14, "money"),
            Column("Nguồn kinh phí", 24),
            Column("Tình trạng", 26),
            Column("Tiến độ (%)", 9, "int"),
        ],
        (
            [i, t.task_id, t.summary, t.lead_unit, t.target, t.budget, t.funding_source, t.status, t.percent]
            for i, t in enumerate(f.targets, start=1)
        ),
        _listed(_heading(f, "Chỉ tiêu và kinh phí"), len(f.targets), f.budget.targets, "nhiệm vụ"),
    )
    if f.rankings is not None:
        add_ranking_sheets(wb, f.rankings, _heading(f, "Xếp loại"))
    add_sheet(
        wb,
        "Ghi chú",
        [Column("Cách tính số liệu", 160)],
        ([line] for line in definition_notes(f)),
        _heading(f, "Ghi chú về số liệu"),
    )
    return workbook_bytes(wb)
