"""The report as an .xlsx: the same tables as the .docx, one sheet per table."""

from openpyxl import Workbook

from dieuhanh.core.xlsx import Column, Typed, add_sheet, new_workbook, workbook_bytes
from dieuhanh.reports.figures import ReportFigures, UnitRow, summary_rows
from dieuhanh.reports.formatting import vn_date, vn_int
from dieuhanh.reports.rankings import RankingRow, Rankings
from dieuhanh.reports.summary_text import report_subject, summary_paragraphs

RATE_COLUMNS = [
    Column("Tổng số", 10, "int"),
    Column("Hoàn thành đúng hạn", 12, "int"),
    Column("Hoàn thành quá hạn", 12, "int"),
    Column("Đang thực hiện trong hạn", 12, "int"),
    Column("Quá hạn", 10, "int"),
    Column("Không có thời hạn", 11, "int"),
    Column("Tỷ lệ đúng hạn", 11, "percent"),
    Column("Tỷ lệ quá hạn / tổng số", 12, "percent"),
    Column("Tỷ lệ quá hạn / đã đến hạn", 12, "percent"),
    Column("Tỷ lệ cập nhật", 11, "percent"),
]


def _rate_values(row: UnitRow) -> list:
    r = row.rates
    return [
        r.total,
        r.done_early + r.done_on_time,
        r.done_late,
        r.in_time + r.due_soon,
        r.overdue,
        r.no_deadline,
        r.on_time_rate,
        r.overdue_rate_all,
        r.overdue_rate_due,
        r.update_rate,
    ]


def _heading(f: ReportFigures, title: str) -> list[str]:
    return [
        f"{f.organisation_name} — {title}",
        f"{f.period.label}: số liệu từ {vn_date(f.period.start)} đến {vn_date(f.period.end)}",
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


def add_ranking_sheets(wb: Workbook, rankings: Rankings, heading: list[str]):
    columns = [
        Column("STT", 6, "int"),
        Column("Tên", 36),
        Column("Đơn vị", 30),
        Column("Số nhiệm vụ", 11, "int"),
        Column("Hoàn thành", 11, "int"),
        Column("Trễ hạn", 10, "int"),
        Column("Trễ hạn khách quan", 12, "int"),
        Column("Điểm", 9, "money"),
        Column("Xếp loại", 30),
        Column("Cách tính", 80),
    ]

    def rows(items: list[RankingRow]):
        for i, r in enumerate(items, start=1):
            yield [i, r.name, r.detail, r.tasks, r.done, r.late, r.forgiven, r.score, r.band, r.explanation]

    note = [*heading, rankings.formula.describe()]
    add_sheet(wb, f"Xếp loại {rankings.unit_label.lower()}", columns, rows(rankings.units), note)
    add_sheet(wb, "Xếp loại cá nhân", columns, rows(rankings.people), note)


def build_xlsx(f: ReportFigures) -> bytes:
    wb = new_workbook()
    add_sheet(
        wb,
        "Tổng hợp",
        [Column("STT", 6, "int"), Column("Nội dung", 55), Column("Số liệu", 14, "int")],
        (
            [i, label.strip(), Typed(value, kind if kind == "percent" else "int")]
            for i, (label, value, kind) in enumerate(summary_rows(f), start=1)
        ),
        _heading(f, report_subject(f)),
        notes=summary_paragraphs(f) + f.notes,
    )
    add_sheet(
        wb,
        f"Theo {f.group_label.lower()}",
        [Column("STT", 6, "int"), Column(f.group_label, 40), *RATE_COLUMNS],
        ([i, g.name, *_rate_values(g)] for i, g in enumerate(f.groups, start=1)),
        _heading(f, f"Kết quả theo {f.group_label.lower()}"),
    )
    if f.units is not f.groups:
        add_sheet(
            wb,
            "Theo đơn vị chủ trì",
            [Column("STT", 6, "int"), Column("Đơn vị chủ trì", 40), Column("Thuộc", 32), *RATE_COLUMNS],
            ([i, u.name, u.parent_name, *_rate_values(u)] for i, u in enumerate(f.units, start=1)),
            _heading(f, "Kết quả theo đơn vị chủ trì"),
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
            _heading(f, "Nhiệm vụ được gia hạn trong kỳ"),
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
    return workbook_bytes(wb)
