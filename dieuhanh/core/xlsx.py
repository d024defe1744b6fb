"""One table per sheet with real numbers and dates: the helper behind every .xlsx the app writes.

Every string goes into its cell as text (`text_cell`), never as a formula: task texts, names
and reports are typed by people, and a text starting with "=" would otherwise be a live
formula (`=HYPERLINK(...)`) in the file a leader opens.
"""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
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
# What a spreadsheet (or a CSV made from it) may read as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def text_cell(ws, text: str):
    """`text` as a string cell whatever it starts with.

    Control characters that an .xlsx cannot hold are dropped (they would abort the file). A
    text that looks like a formula becomes a string cell, quote-prefixed so that it stays
    text when edited; any other text is returned as it is (openpyxl stores it as a string),
    which keeps a 20,000-row export fast.
    """
    if ILLEGAL_CHARACTERS_RE.search(text):
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if not text.startswith(FORMULA_STARTS):
        return text
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _cell(ws, value, kind: str, font=None):
    if isinstance(value, Typed):
        value, kind = value.value, value.kind
    value = cell_value(value, kind)
    if isinstance(value, str):
        value = text_cell(ws, value)
    cell = value if isinstance(value, Cell) else WriteOnlyCell(ws, value=value)
    if kind in FORMATS:
        cell.number_format = FORMATS[kind]
    if font is not None:
        cell.font = font
    return cell


def _value(ws, value, kind: str):
    """What a row gives `ws.append` for one value: text made safe, typed values formatted, the rest as is."""
    if isinstance(value, str):
        return text_cell(ws, value)
    if kind in FORMATS or isinstance(value, Typed):
        return _cell(ws, value, kind)
    return value


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
        ws.append([_value(ws, v, k) for v, k in zip(values, kinds, strict=True)])
        last += 1
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{last}"
    for note in notes or []:
        ws.append([None, _cell(ws, note, "text")])
    return ws


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def workbook_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
