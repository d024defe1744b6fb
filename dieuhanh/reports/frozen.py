"""A report's figures to JSON and back: an issued report keeps what it said on the day it was issued.

The figures are dataclasses of names, numbers and dates (`reports.figures`), so the JSON is read
back by their type hints; dates are ISO 8601 and Decimals strings, which keeps every digit.
"""

import dataclasses
import datetime
import types
import typing
from decimal import Decimal

from dieuhanh.reports.figures import ReportFigures

VERSION = 1


def to_data(obj):
    if dataclasses.is_dataclass(obj):
        return {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [to_data(x) for x in obj]
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, datetime.date):
        return obj.isoformat()
    return obj


def _read(kind, value):
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        [kind] = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _read(kind, value)
    if origin is list:
        [item] = typing.get_args(kind)
        return [_read(item, v) for v in value]
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(
            **{
                f.name: _read(hints[f.name], value[f.name])
                for f in dataclasses.fields(kind)
                if f.name in value
            }
        )
    if kind is Decimal:
        return Decimal(value)
    if kind is datetime.date:
        return datetime.date.fromisoformat(value)
    return value


def freeze(figures: ReportFigures) -> dict:
    return {"version": VERSION, "figures": to_data(figures)}


def thaw(data: dict) -> ReportFigures:
    return _read(ReportFigures, data["figures"])
