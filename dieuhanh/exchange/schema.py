"""The report package as JSON: one schema, published in the OpenAPI document and used to read a
package before anything in it is trusted."""

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FORMAT = "dieuhanh.goi-bao-cao"
VERSION = 1
Number = int | float | None


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Sender(Strict):
    code: str = Field(
        max_length=50, description="Mã đơn vị của xã, phường (trường “mã” trong danh mục đơn vị)."
    )
    name: str = Field(max_length=300)


class Period(Strict):
    spec: str = Field(max_length=20, description="2026-06, 2026-Q2, 2026-H1, 2026-9M, 2026.")
    cutoff: int = Field(ge=1, le=28, description="Ngày chốt số liệu (Nghị định 09/2019).")
    label: str = Field(max_length=100)
    start: datetime.date
    end: datetime.date


class FigureValue(Strict):
    key: str = Field(max_length=50)
    label: str = Field(max_length=300)
    kind: Literal["count", "percent"]
    value: Number


class UnitFigures(Strict):
    name: str = Field(max_length=300)
    values: dict[str, Number]


class OverdueTask(Strict):
    task_id: int
    summary: str = Field(max_length=2000)
    lead_unit: str = Field(max_length=300)
    deadline: datetime.date
    original_deadline: datetime.date | None
    days_overdue: int
    report_text: str = Field(max_length=5000)
    report_percent: int | None
    report_on: datetime.date | None
    reason: str = Field(max_length=5000)


class Payload(Strict):
    package_id: str = Field(
        max_length=64, description="Mã duy nhất của gói (UUID); một gói chỉ được nhận một lần."
    )
    signed_at: datetime.datetime
    sender: Sender
    period: Period
    as_of: datetime.date = Field(description="Số liệu tính đến ngày.")
    figures: list[FigureValue] = Field(max_length=100)
    units: list[UnitFigures] = Field(max_length=1000, description="Số liệu theo đơn vị chủ trì.")
    overdue: list[OverdueTask] = Field(max_length=5000, description="Nhiệm vụ quá hạn chưa hoàn thành.")


class Signature(Strict):
    algorithm: Literal["Ed25519"]
    key_id: str = Field(max_length=16, description="16 ký tự đầu (hex) của SHA-256 khóa công khai.")
    value: str = Field(max_length=200, description="Chữ ký Ed25519 (base64) trên dạng chuẩn của payload.")


class ReportPackage(Strict):
    """A commune's figures and overdue list for a period, signed by the commune's key: Ed25519 over the
    canonical JSON of `payload` (keys sorted, no spaces, UTF-8)."""

    format: Literal["dieuhanh.goi-bao-cao"]
    version: Literal[1]
    payload: Payload
    signature: Signature
