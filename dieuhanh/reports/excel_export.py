"""Lists exported to .xlsx — tasks, documents, units — limited to what an `Access` may see.

The task sheet uses the columns of the import template (`TASK_COLUMNS`), so an
exported file imports back unchanged: the "Mã" column ties a row to its task.
"""

from django.db.models import Count, Prefetch
from django.utils import timezone

from dieuhanh.core.xlsx import Column, add_sheet, new_workbook, workbook_bytes
from dieuhanh.org.access import Access
from dieuhanh.org.models import Unit
from dieuhanh.tasks.access import visible_documents, visible_tasks
from dieuhanh.tasks.listing import DOCUMENT_BODY, with_document
from dieuhanh.tasks.status import Status, annotate_status

TASK_SHEET = "Nhiệm vụ"
TASK_COLUMNS = [
    Column("Mã", 8, "int"),
    Column("Nội dung nhiệm vụ", 70),
    Column("Tóm tắt", 40),
    Column("Đơn vị chủ trì", 30),
    Column("Đơn vị phối hợp", 30),
    Column("Thời hạn", 12, "date"),
    Column("Thời hạn (nguyên văn)", 26),
    Column("Chỉ tiêu, sản phẩm", 30),
    Column("Kinh phí (triệu đồng)", 14, "money"),
    Column("Nguồn kinh phí", 20),
    Column("Trạng thái", 18),
    Column("Ngày hoàn thành", 13, "date"),
    Column("Thời hạn ban đầu", 13, "date"),
    Column("Văn bản giao", 22),
    Column("Tình trạng", 24),
]


def export_tasks(access: Access, unit: Unit | None = None) -> bytes:
    qs = visible_tasks(access).trackable()
    if unit is not None:
        qs = qs.filter(owner__path__startswith=unit.path)
    qs = with_document(annotate_status(qs, timezone.localdate()).select_related("lead_unit"))
    qs = qs.prefetch_related(Prefetch("coordinators", queryset=Unit.objects.only("name"))).order_by("id")
    rows = (
        [
            t.pk,
            t.text,
            t.summary,
            t.lead_unit.name,
            "; ".join(sorted(u.name for u in t.coordinators.all())),
            t.deadline,
            t.deadline_text,
            t.target,
            t.budget,
            t.funding_source,
            t.get_state_display(),
            t.completed_on,
            t.original_deadline,
            t.document.number_symbol if t.document_id else "",
            Status(t.status).label,
        ]
        for t in qs.iterator(chunk_size=2000)
    )
    wb = new_workbook()
    add_sheet(wb, TASK_SHEET, TASK_COLUMNS, rows)
    return workbook_bytes(wb)


def export_documents(access: Access, unit: Unit | None = None) -> bytes:
    qs = visible_documents(access)
    if unit is not None:
        qs = qs.filter(owner__path__startswith=unit.path)
    qs = qs.annotate(task_count=Count("tasks")).select_related("owner").defer(*DOCUMENT_BODY)
    qs = qs.order_by("-issued_date", "id")
    columns = [
        Column("Mã", 8, "int"),
        Column("Số, ký hiệu", 22),
        Column("Loại văn bản", 14),
        Column("Ngày ban hành", 13, "date"),
        Column("Cơ quan ban hành", 34),
        Column("Trích yếu", 70),
        Column("Người ký", 24),
        Column("Độ mật", 10),
        Column("Độ khẩn", 12),
        Column("Cơ quan quản lý", 30),
        Column("Số nhiệm vụ", 10, "int"),
    ]
    rows = (
        [
            d.pk,
            d.number_symbol,
            d.doc_type,
            d.issued_date,
            d.issuer,
            d.subject,
            d.signer,
            d.get_confidentiality_display(),
            d.get_urgency_display(),
            d.owner.name,
            d.task_count,
        ]
        for d in qs.iterator(chunk_size=2000)
    )
    wb = new_workbook()
    add_sheet(wb, "Văn bản", columns, rows)
    return workbook_bytes(wb)


def export_units(access: Access, unit: Unit | None = None) -> bytes:
    qs = access.visible_units()
    if unit is not None:
        qs = qs.filter(path__startswith=unit.path)
    qs = qs.select_related("parent").prefetch_related("aliases").order_by("path")
    columns = [
        Column("Mã", 22),
        Column("Tên đơn vị", 44),
        Column("Tên ngắn", 20),
        Column("Loại", 26),
        Column("Đơn vị cấp trên", 40),
        Column("Tên gọi khác", 44),
        Column("Đang hoạt động", 12),
    ]
    rows = (
        [
            u.code,
            u.name,
            u.short_name,
            u.get_kind_display(),
            u.parent.name if u.parent_id else "",
            "; ".join(a.name for a in u.aliases.all()),
            "Có" if u.is_active else "Không",
        ]
        for u in qs
    )
    wb = new_workbook()
    add_sheet(wb, "Đơn vị", columns, rows)
    return workbook_bytes(wb)


EXPORTS = {"tasks": export_tasks, "documents": export_documents, "units": export_units}
EXPORT_NAMES = {"tasks": "nhiem-vu", "documents": "van-ban", "units": "don-vi"}
