"""What the API reads and writes (the OpenAPI document is generated from these)."""

import datetime
from decimal import Decimal
from typing import Generic, Literal, TypeVar

from ninja import Schema
from pydantic import Field

T = TypeVar("T")


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
    assignees: list[int] | None = Field(None, description="Giao cho cán bộ của đơn vị chủ trì.")
    trigger_date: datetime.date | None = Field(
        None, description="Ngày xảy ra sự kiện (thời hạn theo sự kiện)."
    )
    state: Literal["paused", "open", "cancelled"] | None = Field(
        None, description="Tạm hoãn, tiếp tục, hủy (cần lý do)."
    )
    reason: str = Field("", max_length=2000)


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
    unit_id: int | None = Field(None, description="Đơn vị báo cáo; mặc định là đơn vị của người báo cáo.")


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
