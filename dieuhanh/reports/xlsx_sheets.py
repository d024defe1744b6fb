"""One table per sheet with real numbers and dates: the helper behind every .xlsx the app writes."""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

DATE_FORMAT = "dd/mm/yyyy"
INT_FORMAT = "#,##0"
MONEY_FORMAT = "#,##0.###"
PERCENT_FORMAT = "0.0%"
FORMATS = {"date": DATE_FORMAT, "int": INT_FORMAT, "money": MONEY_FORMAT, "percent": PERCENT_FORMAT}

_THIN = Side(style="thin", color="999999")
_HEAD_FONT = Font(name="Times New Roman", bold=True, size=12)
_HEAD_FILL = PatternFill("solid", fgColor="DDE7F3")
_HEAD_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_HEAD_BORDER = Border(top=_THIN, bottom=_THIN, left=_THIN, right=_THIN)
_TITLE_FONT = Font(name="Times New Roman", bold=True, size=14)


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


def add_sheet(wb: Workbook, title: str, columns: list[Column], rows, heading: list[str] | None = None):
    """A sheet with optional title lines, a bold frozen header row, column widths and typed cells."""
    ws = wb.create_sheet(title=title[:31])
    for line in heading or []:
        ws.append([line])
        ws.cell(row=ws.max_row, column=1).font = _TITLE_FONT if ws.max_row == 1 else Font(italic=True)
    if heading:
        ws.append([])
    ws.append([c.header for c in columns])
    header_row = ws.max_row
    for j, column in enumerate(columns, start=1):
        cell = ws.cell(row=header_row, column=j)
        cell.font, cell.fill, cell.alignment, cell.border = _HEAD_FONT, _HEAD_FILL, _HEAD_ALIGN, _HEAD_BORDER
        ws.column_dimensions[get_column_letter(j)].width = column.width
    ws.row_dimensions[header_row].height = 32
    ws.freeze_panes = f"A{header_row + 1}"
    typed = [(j, FORMATS[c.kind]) for j, c in enumerate(columns) if c.kind in FORMATS]
    for values in rows:
        ws.append([cell_value(v, c.kind) for v, c in zip(values, columns, strict=True)])
        if typed:
            r = ws.max_row
            for j, fmt in typed:
                ws.cell(row=r, column=j + 1).number_format = fmt
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{max(ws.max_row, header_row)}"
    return ws


def new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def workbook_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
