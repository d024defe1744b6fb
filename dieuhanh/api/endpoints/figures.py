"""A unit's figures for a period, from the reports' figures module (one definition per figure)."""

import datetime

from ninja import Query, Router, Schema
from pydantic import Field

from dieuhanh.api.auth import access
from dieuhanh.api.endpoints.tasks import ERRORS
from dieuhanh.api.errors import ApiError, invalid, not_found
from dieuhanh.api.schemas import FiguresOut, Id
from dieuhanh.reports.definitions import FIGURES, TABLE_FIGURES
from dieuhanh.reports.figures import build_figures
from dieuhanh.reports.periods import PeriodError, resolve_period
from dieuhanh.reports.scope import ScopeError, build_scope

router = Router(tags=["Số liệu"])


class FigureQuery(Schema):
    unit: Id | None = Field(None, description="Mã số (id) đơn vị; mặc định: cơ quan của người gọi.")
    period: str | None = Field(None, description="2026-06, 2026-Q2, 2026-H1, 2026-9M, 2026.")
    date_from: datetime.date | None = Field(None, description="Hoặc một khoảng ngày: từ ngày ...")
    date_to: datetime.date | None = Field(None, description="... đến ngày.")
    cutoff: int = Field(14, description="Ngày chốt số liệu (Nghị định 09/2019).")


@router.get("/figures", response={200: FiguresOut, **ERRORS}, summary="Số liệu của đơn vị trong kỳ")
def figures(request, query: Query[FigureQuery]):
    if not 1 <= query.cutoff <= 28:
        raise invalid("Ngày chốt số liệu (cutoff) phải từ 1 đến 28.")
    unit = None
    if query.unit is not None:
        unit = access(request).visible_units().filter(pk=query.unit).first()
        if unit is None:
            raise not_found("đơn vị")
    try:
        period = resolve_period(query.period, query.date_from, query.date_to, cutoff_day=query.cutoff)
        scope = build_scope(request.auth.user, unit)
    except PeriodError as exc:
        raise invalid(str(exc)) from exc
    except ScopeError as exc:
        raise ApiError(403, "forbidden", str(exc)) from exc
    f = build_figures(period, scope, include_rankings=False)
    return {
        "period": period.label,
        "start": period.start,
        "end": period.end,
        "as_of": f.as_of,
        "unit": {"id": unit.pk, "name": unit.name} if unit else None,
        "figures": [
            {"key": fig.key, "label": fig.label, "kind": fig.kind, "value": fig.value(f)} for fig in FIGURES
        ],
        "units": [
            {
                "unit_id": row.unit_id,
                "name": row.name,
                "values": {fig.key: fig.of_rates(row.rates) for fig in TABLE_FIGURES},
            }
            for row in f.units
        ],
    }
