"""What the API reads and writes (the OpenAPI document is generated from these)."""

import datetime
from decimal import Decimal
from typing import Annotated, Generic, Literal, TypeVar

from ninja import Path, Schema
from pydantic import Field

from dieuhanh.core.form_fields import MAX_ID

T = TypeVar("T")

# An id as the databases hold it (64-bit): a bigger number names nothing, and SQLite cannot even
# bind it. Declared in the OpenAPI document; out of range in a body or query it is a 400 `invalid`,
# in a path a 404 `not_found` like any id that does not exist (errors.py).
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]


class Error(Schema):
    code: str = Field(description="Mã lỗi ổn định: invalid, unauthorized, forbidden, not_found, refused.")
    message: str = Field(description="Thông báo bằng tiếng Việt.")


class Page(Schema, Generic[T]):
    count: int
    page: int
    page_size: int
    items: list[T]


class UnitRef(Schema):
    id: int
    name: str


class DocumentRef(Schema):
    id: int
    number_symbol: str
    subject: str


class TaskOut(Schema):
    id: int
    summary: str
    text: str
    status: str = Field(description="in_time, due_soon, overdue, no_deadline, done_early, ...")
    status_label: str
    state: str
    deadline: datetime.date | None
    original_deadline: datetime.date | None
    deadline_text: str
    period_label: str
    completed_on: datetime.date | None
    starred: bool
    latest_percent: int | None
    owner: UnitRef
    lead_unit: UnitRef
    document: DocumentRef | None
    target: str
    budget: Decimal | None


class TaskDetail(TaskOut):
    coordinators: list[UnitRef]
    assignees: list[int]
    series_id: int | None
    recurrence: str


class TaskPatch(Schema):
    """Each field is changed through the service the task page uses, with its checks."""

    starred: bool | None = Field(None, description="Ưu tiên (cơ quan theo dõi).")
    assignees: list[Id] | None = Field(
        None, max_length=200, description="Giao cho cán bộ (id) của đơn vị chủ trì."
    )
    trigger_date: datetime.date | None = Field(
        None, description="Ngày xảy ra sự kiện (thời hạn theo sự kiện)."
    )
    state: Literal["paused", "open", "cancelled"] | None = Field(
        None, description="Tạm hoãn, tiếp tục, hủy (cần lý do)."
    )
    reason: str = Field("", max_length=2000)


class TaskIn(Schema):
    """A task as one row of the Excel task import: units by name, short name, code or alias."""

    organisation: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="Mã số (id) cơ quan; bắt buộc khi người gọi theo dõi nhiều cơ quan.",
    )
    text: str = Field(max_length=5000, description="Nội dung nhiệm vụ.")
    summary: str = Field("", max_length=300)
    lead_unit: str = Field(max_length=300, description="Đơn vị chủ trì: tên, tên ngắn, mã hoặc tên gọi khác.")
    coordinators: list[str] = Field([], max_length=50, description="Đơn vị phối hợp, mỗi phần tử một đơn vị.")
    deadline: str = Field(
        "",
        max_length=300,
        description="Ngày (dd/mm/yyyy) hoặc như văn bản ghi: “Quý III/2026”, “trước ngày 18 hằng tháng”.",
    )
    target: str = Field("", max_length=300)
    budget: Decimal | None = Field(None, ge=0, max_digits=15, decimal_places=3, description="Triệu đồng.")
    funding_source: str = Field("", max_length=200)


class ReportOut(Schema):
    id: int
    task_id: int
    unit: UnitRef
    author: str
    reported_on: datetime.date
    text: str
    percent: int
    attachments: list[str]


class ReportIn(Schema):
    text: str = Field(max_length=5000)
    percent: int = Field(ge=0, le=100)
    unit_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Đơn vị báo cáo; mặc định là đơn vị của người báo cáo."
    )


class UnitNode(Schema):
    id: int
    name: str
    short_name: str
    code: str
    kind: str
    kind_label: str
    children: list["UnitNode"]


class DocumentOut(Schema):
    id: int
    number_symbol: str
    doc_type: str
    issuer: str
    issued_date: datetime.date | None
    subject: str
    confidentiality: str
    urgency: str
    owner: UnitRef
    task_count: int


class DocumentDetail(DocumentOut):
    signer: str
    recipients: list
    text: str


class FigureValue(Schema):
    key: str
    label: str
    kind: str
    value: Decimal | int | None


class UnitFigures(Schema):
    unit_id: int
    name: str
    values: dict[str, Decimal | int | None]


class FiguresOut(Schema):
    period: str
    start: datetime.date
    end: datetime.date
    as_of: datetime.date
    unit: UnitRef | None
    figures: list[FigureValue]
    units: list[UnitFigures]


class NotificationOut(Schema):
    id: int
    kind: str
    message: str
    task_id: int | None
    created_at: datetime.datetime
    read_at: datetime.datetime | None


class DraftOut(Schema):
    id: int
    status: str = Field(description="pending, confirmed, discarded.")
    status_label: str
    organisation: UnitRef
    document: DocumentRef
    created_at: datetime.datetime


class ProblemOut(Schema):
    proposal_id: int | None
    code: str
    message: str
    blocking: bool = Field(description="true: phải xử lý (trên trang rà soát) trước khi xác nhận.")


class ProposalOut(Schema):
    id: int
    number: int | None = Field(description="Số thứ tự trong các nhiệm vụ được giữ; null nếu đã bỏ.")
    text: str
    summary: str
    lead_name: str = Field(description="Đơn vị chủ trì như văn bản ghi.")
    lead_unit: UnitRef | None
    coordinators: list[UnitRef]
    coordinator_names: list
    fan_out: bool
    deadline_kind: str
    deadline_text: str
    deadline: datetime.date | None
    recurrence: str
    target: str
    budget: Decimal | None
    funding_source: str
    dropped: bool
    reasons: dict[str, str]


class DraftDetail(DraftOut):
    warnings: list[str]
    problems: list[ProblemOut]
    proposals: list[ProposalOut]


class Decided(Schema):
    id: int
    task_id: int
    status: str = Field(description="requested (chờ duyệt), approved (đã duyệt), rejected (không duyệt).")
    status_label: str
    requested_by: str
    requested_at: datetime.datetime
    decided_by: str
    decided_at: datetime.datetime | None
    decision_note: str


class CompletionOut(Decided):
    claimed_on: datetime.date
    note: str


class CompletionIn(Schema):
    claimed_on: datetime.date | None = Field(None, description="Ngày hoàn thành; mặc định hôm nay.")
    note: str = Field(max_length=5000, description="Kết quả, sản phẩm (bắt buộc).")


class CompletionDecisionIn(Schema):
    decision: Literal["approve", "return"] = Field(description="approve: xác nhận; return: trả lại.")
    note: str = Field("", max_length=5000, description="Ý kiến; bắt buộc khi trả lại.")


class ExtensionOut(Decided):
    old_date: datetime.date | None
    new_date: datetime.date
    reason: str
    objective: bool


class ExtensionIn(Schema):
    new_date: datetime.date = Field(description="Thời hạn mới đề nghị.")
    reason: str = Field(max_length=5000)


class ExtensionDecisionIn(Schema):
    decision: Literal["grant", "refuse"] = Field(description="grant: đồng ý; refuse: không đồng ý.")
    note: str = Field("", max_length=5000, description="Ý kiến; bắt buộc khi không đồng ý.")
    objective: bool = Field(False, description="Nguyên nhân khách quan (khi xếp loại).")


class DirectionOut(Schema):
    id: int
    task_id: int
    author: str
    text: str
    created_at: datetime.datetime


class DirectionIn(Schema):
    text: str = Field(max_length=5000)


class PersonUnit(Schema):
    id: int
    name: str
    title: str
    role: str | None = Field(description="Vai trò; chỉ người quản trị thấy (như trang Đơn vị, người dùng).")
    role_label: str | None


class PersonOut(Schema):
    id: int
    name: str
    units: list[PersonUnit]
