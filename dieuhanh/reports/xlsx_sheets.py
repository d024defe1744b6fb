"""One table per sheet with real numbers and dates: the helper behind every .xlsx the app writes."""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

DATE_FORMAT = "dd/mm/yyyy"
MONEY_FORMAT = "#,##0.###"
PERCENT_FORMAT = "0.0%"
# Whole numbers keep Excel's General format (already a number); the rest need theirs.
FORMATS = {"date": DATE_FORMAT, "money": MONEY_FORMAT, "percent": PERCENT_FORMAT}

_THIN = Side(style="thin", color="999999")
_HEAD_FONT = Font(name="Times New Roman", bold=True, size=12)
_HEAD_FILL = PatternFill("solid", fgColor="DDE7F3")
_HEAD_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_HEAD_BORDER = Border(top=_THIN, bottom=_THIN, left=_THIN, right=_THIN)
_TITLE_FONT = Font(name="Times New Roman", bold=True, size=14)
_NOTE_FONT = Font(italic=True)


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 14
    kind: str = "text"  # text | int | money | percent | date


def cell_value(value, kind: str):
    """What goes into a cell: Decimal percents (66.7) become fractions (0.667) shown as 66,7%."""
    if value is None or value == "":
        return None
    if kind == "percent":
        return float(Decimal(value) / 100)
    if kind == "money" and isinstance(value, Decimal):
        return float(value)
    if kind == "date" and isinstance(value, datetime.datetime):
        return value.date()
    return value


@dataclass(frozen=True)
class Typed:
    """A value whose kind differs from its column's (a percent in a column of counts)."""

    value: object
    kind: str


def _cell(ws, value, kind: str, font=None):
    if isinstance(value, Typed):
        value, kind = value.value, value.kind
    cell = WriteOnlyCell(ws, value=cell_value(value, kind))
    if kind in FORMATS:
        cell.number_format = FORMATS[kind]
    if font is not None:
        cell.font = font
    return cell


def add_sheet(wb: Workbook, title: str, columns: list[Column], rows, heading=None, notes=None):
    """A sheet: title lines, a bold frozen header row, column widths, typed cells, then notes.

    The workbook is write-only (rows are streamed), which keeps a 20,000-row sheet fast.
    """
    ws = wb.create_sheet(title=title[:31])
    heading = list(heading or [])
    header_row = len(heading) + 2 if heading else 1
    ws.freeze_panes = f"A{header_row + 1}"  # write-only sheets take it only before the first row
    for j, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = column.width
    for i, line in enumerate(heading):
        ws.append([_cell(ws, line, "text", _TITLE_FONT if i == 0 else _NOTE_FONT)])
    if heading:
        ws.append([])
    head = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font, cell.fill, cell.alignment, cell.border = _HEAD_FONT, _HEAD_FILL, _HEAD_ALIGN, _HEAD_BORDER
        head.append(cell)
    ws.append(head)
    last = header_row
    kinds = [c.kind for c in columns]
    for values in rows:
        ws.append(
            [
                _cell(ws, v, k) if k in FORMATS or isinstance(v, Typed) else v
                for v, k in zip(values, kinds, strict=True)
            ]
        )
        last += 1
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{last}"
    for note in notes or []:
        ws.append([None, note])
    return ws


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def workbook_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
