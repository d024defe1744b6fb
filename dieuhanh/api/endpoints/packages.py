"""The commune → province report package: a commune exports its signed package; the office above it
receives packages and reads its roll-up. The package's JSON schema is `ReportPackage` below."""

import datetime

from ninja import Query, Router, Schema
from ninja import Status as Created
from pydantic import Field

from dieuhanh.api.auth import access, writing
from dieuhanh.api.endpoints.tasks import ERRORS
from dieuhanh.api.errors import ApiError, invalid, not_found
from dieuhanh.api.paging import DEFAULT_PAGE_SIZE, page_of
from dieuhanh.api.schemas import Page, UnitRef
from dieuhanh.core.form_fields import MAX_ID
from dieuhanh.exchange.package import PackageError, build_package, exporting_organisations
from dieuhanh.exchange.receiving import read_json, receive, senders
from dieuhanh.exchange.rollup import rollup_rows
from dieuhanh.exchange.schema import ReportPackage
from dieuhanh.reports.periods import PeriodError, resolve_period

router = Router(tags=["Gói báo cáo xã gửi tỉnh"])

STATUSES = {"forbidden": 403}


def _refused(exc: PackageError) -> ApiError:
    return ApiError(STATUSES.get(exc.code, 400), exc.code, str(exc))


class PeriodQuery(Schema):
    period: str = Field(max_length=20, description="Kỳ: 2026-06, 2026-Q2, 2026-H1, 2026-9M, 2026.")
    cutoff: int = Field(14, description="Ngày chốt số liệu (1–28).")


class ExportIn(PeriodQuery):
    organisation: int | None = Field(
        None, ge=1, le=MAX_ID, description="Mã số (id) xã; mặc định: xã của người gọi."
    )


class ReceivedOut(Schema):
    id: int
    unit: UnitRef
    package_id: str
    period: str
    cutoff: int
    period_label: str
    signed_at: datetime.datetime
    received_at: datetime.datetime


class RollupRow(Schema):
    unit: UnitRef
    received: ReceivedOut | None
    figures: dict[str, int | float | None] = Field(description="Số liệu của gói mới nhất, theo mã số liệu.")
    overdue_count: int


def _period(spec: str, cutoff: int) -> None:
    if not 1 <= cutoff <= 28:
        raise invalid("Ngày chốt số liệu (cutoff) phải từ 1 đến 28.")
    try:
        resolve_period(spec, cutoff_day=cutoff)
    except PeriodError as exc:
        raise invalid(str(exc)) from None


def received_out(p) -> dict:
    return {
        "id": p.pk,
        "unit": {"id": p.unit_id, "name": p.unit.name},
        "package_id": p.package_id,
        "period": p.period_spec,
        "cutoff": p.cutoff,
        "period_label": p.period_label,
        "signed_at": p.signed_at,
        "received_at": p.received_at,
    }


@router.post("/report-package", response={200: ReportPackage, **ERRORS}, summary="Xuất gói báo cáo của xã")
def export_package(request, body: ExportIn):
    """The commune's figures (as its reports count them) and overdue list for the period, signed with the
    commune's Ed25519 key (made on the first export); confidential work is left out."""
    _period(body.period, body.cutoff)
    organisations = exporting_organisations(access(request))
    organisation = (
        organisations.filter(pk=body.organisation).first() if body.organisation else organisations.first()
    )
    if organisation is None:
        acc = access(request)
        if body.organisation and not acc.visible_units().filter(pk=body.organisation).exists():
            raise not_found("xã, phường")
        raise ApiError(403, "forbidden", "Bạn không có quyền lập gói báo cáo của xã, phường này.")
    try:
        with writing(request):
            return build_package(organisation, request.auth.user, body.period, body.cutoff)
    except PackageError as exc:
        raise _refused(exc) from None


@router.post("/report-packages", response={201: ReceivedOut, **ERRORS}, summary="Nhận gói báo cáo của xã")
def receive_package(request, query: Query[PeriodQuery], package: ReportPackage):
    """Refused with a stable code: unknown_sender, unknown_key, revoked_key, bad_signature, wrong_period (the package is
    not for `period`), replay (already received, or older than the one held), invalid, forbidden."""
    _period(query.period, query.cutoff)
    try:
        document = read_json(request.body)
        with writing(request):
            received = receive(document, request.auth.user, query.period, query.cutoff)
    except PackageError as exc:
        raise _refused(exc) from None
    return Created(201, received_out(received))


class RollupQuery(PeriodQuery):
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


@router.get(
    "/report-packages", response={200: Page[RollupRow], **ERRORS}, summary="Tổng hợp gói báo cáo các xã"
)
def rollup(request, query: Query[RollupQuery]):
    """Every commune the caller receives from, by name, with the newest package it sent for the period
    (or none); in pages like the other lists."""
    _period(query.period, query.cutoff)
    page = page_of(senders(request.auth.user), query.page, query.page_size, lambda unit: unit)
    page["items"] = [
        {
            "unit": {"id": row["unit"].pk, "name": row["unit"].name},
            "received": received_out(row["package"]) if row["package"] else None,
            "figures": row["values"],
            "overdue_count": row["overdue"],
        }
        for row in rollup_rows(page["items"], query.period, query.cutoff)
    ]
    return page
