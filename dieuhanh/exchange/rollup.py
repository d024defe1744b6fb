"""The province's roll-up of what its communes sent for a period: one row per commune."""

from decimal import Decimal

from dieuhanh.exchange.receiving import latest_packages
from dieuhanh.reports.definitions import FIGURES, shown

# The columns of the roll-up: the counts and rates a province reads first.
COLUMNS = [
    f
    for f in FIGURES
    if f.key
    in (
        "tong_so",
        "hoan_thanh_dung_han",
        "hoan_thanh_qua_han",
        "trong_han",
        "qua_han",
        "ty_le_dung_han",
        "ty_le_qua_han",
    )
]


def _cell(value, kind: str) -> str:
    return shown(Decimal(str(value)) if isinstance(value, float) else value, kind)


def rollup_rows(communes, spec: str, cutoff: int) -> list[dict]:
    """Each of `communes` (one page of what the user receives from), with the figures of its newest
    package for the period (None when nothing came):
    {"unit", "package", "values": {figure key: value}, "cells", "overdue"}."""
    communes = list(communes)
    latest = latest_packages(communes, spec, cutoff)
    rows = []
    for unit in communes:
        package = latest.get(unit.pk)
        payload = package.payload if package else {}
        values = {f["key"]: f["value"] for f in payload.get("figures", [])}
        rows.append(
            {
                "unit": unit,
                "package": package,
                "values": values,
                "cells": [_cell(values.get(f.key), f.kind) if package else "" for f in COLUMNS],
                "overdue": len(payload.get("overdue", [])),
            }
        )
    return rows
