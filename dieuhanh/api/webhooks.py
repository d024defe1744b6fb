"""The webhook posts in the OpenAPI document (OpenAPI 3.1 `webhooks`): one entry per event kind,
each with its envelope and `detail` as JSON Schema, from dieuhanh/notify/events.py."""

import datetime
from typing import Literal

from pydantic import BaseModel, Field, create_model

from dieuhanh.notify.events import EventKind


class WebhookTask(BaseModel):
    id: int
    number: str = Field(description="NV-<id>, với số, ký hiệu văn bản giao nếu có.")
    title: str
    url: str
    deadline: datetime.date | None
    lead_unit: str


class TaskAssigned(BaseModel):
    assigned: bool | None = Field(None, description="true: giao cho cán bộ; không có: nhiệm vụ mới.")


class ProgressReported(BaseModel):
    percent: int
    text: str
    unit: str


class CompletionRequested(BaseModel):
    claimed_on: datetime.date
    note: str


class CompletionDecided(BaseModel):
    note: str


class ExtensionRequested(BaseModel):
    new_date: datetime.date
    reason: str


class ExtensionDecided(ExtensionRequested):
    approved: bool
    note: str


class DirectionGiven(BaseModel):
    text: str


class ReminderLine(BaseModel):
    task_id: int
    kind: str
    kind_label: str
    summary: str
    deadline: datetime.date | None
    lead_unit: str
    url: str


class DeadlineReminder(BaseModel):
    organisation: str
    day: datetime.date
    text: str
    reminders: list[ReminderLine]


DETAILS = {
    EventKind.TASK_ASSIGNED: TaskAssigned,
    EventKind.PROGRESS_REPORTED: ProgressReported,
    EventKind.COMPLETION_REQUESTED: CompletionRequested,
    EventKind.COMPLETION_APPROVED: CompletionDecided,
    EventKind.COMPLETION_RETURNED: CompletionDecided,
    EventKind.EXTENSION_REQUESTED: ExtensionRequested,
    EventKind.EXTENSION_DECIDED: ExtensionDecided,
    EventKind.DIRECTION_GIVEN: DirectionGiven,
    EventKind.DEADLINE_REMINDER: DeadlineReminder,
}

HEADERS = [
    {
        "name": "X-Dieuhanh-Delivery",
        "in": "header",
        "required": True,
        "description": "Mã lượt gửi (bằng `id`): nhận lại cùng mã khi gửi lại, bỏ qua bản trùng.",
        "schema": {"type": "string", "format": "uuid"},
    },
    {
        "name": "X-Dieuhanh-Signature",
        "in": "header",
        "required": False,
        "description": "sha256=<HMAC-SHA256 của nội dung, khóa là khóa ký của webhook>, khi có khóa ký.",
        "schema": {"type": "string"},
    },
]

DESCRIPTION = (
    "Gửi ngay khi sự kiện xảy ra (nhắc việc theo thời hạn: mỗi ngày một lần), tới webhook của cơ quan "
    "theo dõi nhiệm vụ và các cơ quan cấp trên. Không bao giờ gửi sự kiện của nhiệm vụ thuộc văn bản mật. "
    "Lỗi hoặc mã trả về ngoài 2xx: gửi lại sau 1, 2, 4 … phút, tối đa 8 lần."
)


def envelope_model(kind: EventKind) -> type[BaseModel]:
    name = "Webhook" + "".join(part.title() for part in kind.value.split("_"))
    return create_model(
        name,
        event=(Literal[kind.value], ...),
        id=(str, Field(..., description="Mã lượt gửi (uuid).")),
        sent_at=(datetime.datetime, Field(..., description="Thời điểm sự kiện, ISO 8601, giờ Việt Nam.")),
        task=(WebhookTask | None, ...),
        actor=(str | None, Field(..., description="Người thực hiện; null với nhắc việc.")),
        detail=(DETAILS[kind], ...),
    )


def add_webhooks(schema: dict) -> dict:
    """Add `webhooks` and the schemas they refer to into an OpenAPI 3.1 document."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    webhooks = {}
    for kind in EventKind:
        model = envelope_model(kind)
        body = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(body.pop("$defs", {}))
        components[model.__name__] = body
        webhooks[kind.value] = {
            "post": {
                "operationId": f"webhook_{kind.value}",
                "summary": kind.label,
                "description": DESCRIPTION,
                "tags": ["Webhook"],
                "parameters": HEADERS,
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}
                    },
                },
                "responses": {"2XX": {"description": "Đã nhận."}},
            }
        }
    schema["webhooks"] = webhooks
    return schema
