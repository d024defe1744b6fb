"""The task list as an .xlsx: exactly the rows of the current (filtered, visible) view."""

from dieuhanh.core.templatetags.dieuhanh import vnnum
from dieuhanh.core.xlsx import Column, add_sheet, new_workbook, workbook_bytes
from dieuhanh.tasks.listing import with_document
from dieuhanh.tasks.status import Status

EXPORT_LIMIT = 20000

COLUMNS = [
    Column("STT", 6, "int"),
    Column("Nhiệm vụ", 60),
    Column("Văn bản giao", 22),
    Column("Đơn vị chủ trì", 30),
    Column("Thời hạn", 12, "date"),
    Column("Thời hạn ban đầu", 12, "date"),
    Column("Trạng thái", 22),
    Column("Tiến độ (%)", 10, "int"),
    Column("Ngày hoàn thành", 12, "date"),
    Column("Chỉ tiêu, sản phẩm", 30),
    Column("Kinh phí (trđ)", 12, "money"),
]


def _status_label(code: str) -> str:
    try:
        return Status(code).label
    except ValueError:
        return code


def export_tasks(queryset, heading: list[str]) -> bytes:
    """`queryset` must carry the `status` and `latest_percent` annotations of the task list.

    A sheet stops at EXPORT_LIMIT rows (a spreadsheet for a person, not a backup); when the
    view holds more, the heading says how many and how to get the rest.
    """
    total = queryset.count() if queryset[EXPORT_LIMIT : EXPORT_LIMIT + 1].exists() else None
    if total is not None:
        heading = [
            *heading,
            f"Chỉ xuất {vnnum(EXPORT_LIMIT)} nhiệm vụ đầu tiên trên tổng số {vnnum(total)}; "
            "lọc hẹp hơn (theo kỳ, đơn vị, trạng thái) để xuất phần còn lại.",
        ]
    rows = with_document(queryset.select_related("lead_unit"))[:EXPORT_LIMIT]
    wb = new_workbook()
    add_sheet(
        wb,
        "Nhiệm vụ",
        COLUMNS,
        (
            [
                i,
                t.summary or t.text,
                t.document.number_symbol if t.document_id else "",
                t.lead_unit.name,
                t.deadline,
                t.original_deadline,
                _status_label(t.status),
                t.latest_percent,
                t.completed_on,
                t.target,
                t.budget,
            ]
            for i, t in enumerate(rows, start=1)
        ),
        heading=heading,
    )
    return workbook_bytes(wb)
