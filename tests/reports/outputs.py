"""Read the figures back out of the three outputs — the page, the .docx and the .xlsx — as numbers.

Each reader returns the summary as [(label, value)] and the table by unit as [(name, [values])],
values as int, Decimal (percents, one decimal place) or None, so the outputs compare cell by cell.
"""

import io
from decimal import Decimal
from html.parser import HTMLParser

from docx import Document
from openpyxl import load_workbook

from dieuhanh.reports.definitions import FIGURES


def number(text: str):
    """ "1.234" → 1234, "66,7%" or "66,7" → Decimal("66.7"), "—" → None."""
    text = text.strip().rstrip("%")
    if text in ("—", ""):
        return None
    if "," in text:
        return Decimal(text.replace(".", "").replace(",", "."))
    return int(text.replace(".", ""))


def cell_number(value, percent: bool):
    """An .xlsx cell: percents are stored as fractions (0,667 shown as 66,7%)."""
    if value is None:
        return None
    if percent:
        return Decimal(str(round(value * 100, 1)))
    return int(value)


class _Tables(HTMLParser):
    """The body rows of every <table data-testid=...> of a page, as lists of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table = self._row = self._cell = None
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("data-testid"):
            self._table = self.tables.setdefault(attrs["data-testid"], [])
        elif self._table is not None and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self._row = []
        elif self._row is not None and tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def from_page(html: str) -> tuple[list, list]:
    parser = _Tables()
    parser.feed(html)
    summary = [(label, number(value)) for _, label, value in parser.tables["report-summary"]]
    units = [(row[1], [number(v) for v in row[2:]]) for row in parser.tables["report-units"]]
    return summary, units


def from_docx(content: bytes) -> tuple[list, list]:
    tables = Document(io.BytesIO(content)).tables
    first = next(
        i for i, t in enumerate(tables) if [c.text for c in t.rows[0].cells] == ["STT", "Nội dung", "Số liệu"]
    )
    summary = [(row.cells[1].text.strip(), number(row.cells[2].text)) for row in tables[first].rows[1:]]
    units = [
        (row.cells[1].text, [number(c.text) for c in row.cells[2:]]) for row in tables[first + 1].rows[2:]
    ]
    return summary, units


def from_xlsx(content: bytes, unit_sheet: str) -> tuple[list, list]:
    wb = load_workbook(io.BytesIO(content))
    # The summary's lines, then the notes: as many lines as the report defines figures.
    lines = wb["Tổng hợp"].iter_rows(min_row=5, max_row=4 + len(FIGURES), values_only=True)
    summary = [(row[1], cell_number(row[2], row[1].startswith("Tỷ lệ"))) for row in lines]
    sheet = wb[unit_sheet]
    header = [c.value for c in sheet[4]]
    percent = [str(h).startswith("Tỷ lệ") for h in header]
    units = [
        (row[1], [cell_number(v, p) for v, p in zip(row[2:], percent[2:], strict=True)])
        for row in sheet.iter_rows(min_row=5, values_only=True)
    ]
    return summary, units
