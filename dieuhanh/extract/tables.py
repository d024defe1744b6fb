"""Appendix tables: find them in the text, rebuild rows, map columns by header meaning.

Three layouts reach us: one ``| a | b |`` line per row (docx loader, markdown),
one cell per line between ``|`` lines (web crawls), and tables flattened by PDF
extraction to one cell fragment per line. Columns are named by what their
header says (nội dung, chủ trì, phối hợp, thời gian, mục tiêu, kinh phí,
nguồn); a table without a task and a lead column is not a task list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from dieuhanh.extract.normalize import CleanText, Line, PhysicalLine, clean_raw, join_lines
from dieuhanh.vn.fold import fold_key

_new = tuple.__new__  # builds a named tuple without its Python-level ``__new__``

# Header words → column role; the first role whose pattern matches wins ("đơn vị phối hợp" is a
# coordinator column before it could be a lead one, "nội dung thực hiện" a task column).
_ROLES = (
    ("tt", re.compile(r"^(?:s?tt|so tt|thu tu)$")),
    ("coord", re.compile(r"phoi hop")),
    (
        "task",
        re.compile(r"^(?:noi dung|ten (?:nhiem vu|cong viec|hoat dong|de an|du an)|nhiem vu|cong viec)"),
    ),
    (
        "lead",
        re.compile(r"chu tri|(?:don vi|co quan)\b[^/]{0,20}(?:thuc hien|trach nhiem)|^thuc hien$|phan cong"),
    ),
    ("source", re.compile(r"^nguon|nguon (?:kinh phi|von|ngan sach)")),
    ("budget", re.compile(r"kinh phi|du toan|tong muc|trieu dong")),
    ("time", re.compile(r"thoi gian|thoi han|tien do|hoan thanh")),
    ("result", re.compile(r"muc tieu|san pham|ket qua|chi tieu")),
    # Not a bare "Tên …": "Tên thông tin thống kê", "Tên tài sản" head catalogues of things.
    ("task", re.compile(r"noi dung|nhiem vu|cong viec|hoat dong|de an|du an|giai phap")),
)
# A header naming a person ("Lãnh đạo/Người đứng đầu chịu trách nhiệm") gives no lead column.
_PERSON_COLUMN = re.compile(r"lanh dao|nguoi dung dau|nguoi thuc hien|ca nhan")
# A list of people ("Họ và tên", "Chức vụ") is no task list either.
_PEOPLE_HEADER = re.compile(r"\bho (?:va )?ten\b")
# Catalogues of administrative procedures and their process steps list no duties of a unit.
_PROCEDURE_HEADER = re.compile(r"thu tuc|tthc|\bbuoc\b|thu tu cong viec|le phi|ma so|dich vu cong")
_STEP = re.compile(r"(?:Bước|BƯỚC)\s+\d")
_PROGRESS_HEADER = re.compile(r"ket qua thuc hien|tinh hinh thuc hien|ket qua dat duoc")
# A header cell is a short label; a longer cell is a data row or running text.
_HEADER_CELL_MAX = 100
# A row number: "7", "7.", "2.1" (a sub-row of a numbered group).
_ROW_NUMBER = re.compile(r"^((?:[IVX]{1,5}\.)?\d{1,3}(?:\.\d{1,3}){0,3})\.?$")
_GROUP = re.compile(r"^(?:[IVX]{1,5}|[A-Z])\.?(?:\s|$)")
_TIME_START = re.compile(
    r"^(?:Quý|Quí|QUÝ|Tháng|tháng|Năm|năm|Thường|Hằng|Hàng|hằng|hàng|Trước|trước|Từ|từ|Trong|trong|"
    r"Giai|Định|Đến|đến|Sau|Khi|Ngay|Theo|\d)"
)
_TIME_FRAGMENT = re.compile(r"\d|^(?:[IVX]{1,4}\b|Quý|Quí|Tháng|Năm|năm|Thường|Hằng|Hàng|xuyên|[-–])")
_AMOUNT = re.compile(r"^\d{1,3}(?:\.\d{3})*(?:,\d+)?$")
_SOURCE_START = re.compile(r"^(?:Ngân|Nguồn|Chi |Vốn|Xã hội hóa|NS)")


class Cell(NamedTuple):
    """One table cell in clean form, with its original span.

    A named tuple (immutable like the frozen dataclass it was): a table has hundreds of cells, and
    a named tuple is built several times faster."""

    text: str
    start: int
    end: int

    @classmethod
    def from_line(cls, line: Line) -> Cell:
        """The cell of ``line``: its text and the span of ``Line.start`` to ``Line.end``."""
        text, runs, _ = line
        if not runs:
            return _new(cls, (text, 0, 0))
        _, orig, length = runs[-1]
        return _new(cls, (text, runs[0][1], orig + length))


@dataclass(frozen=True)
class TableRow:
    """A row of a task table with its cells named by role (empty string when absent)."""

    number: str
    cells: dict[str, Cell]
    start: int
    end: int
    group: str = ""
    inherited: tuple[str, ...] = ()

    def get(self, role: str) -> str:
        cell = self.cells.get(role)
        return cell.text if cell else ""


@dataclass(frozen=True)
class Table:
    """A table found in the text. ``roles`` maps column index → role; ``rows`` are data rows."""

    start: int
    end: int
    header: tuple[str, ...]
    roles: tuple[str, ...]
    rows: tuple[TableRow, ...]
    layout: str

    @property
    def is_task_list(self) -> bool:
        return "task" in self.roles and "lead" in self.roles


def column_roles(header: list[str]) -> tuple[str, ...]:
    """The role of each header cell, "" when the header says nothing we use."""
    roles = []
    for cell in header:
        key = fold_key(cell)
        role = ""
        for name, rx in _ROLES:
            if rx.search(key) and name not in roles:
                role = name
                break
        if role == "lead" and _PERSON_COLUMN.search(key):
            role = ""
        roles.append(role)
    return tuple(roles)


def _is_header(cells: list[str]) -> bool:
    """A header row of a task list: short labels naming a lead column and a task or time column,
    and not the columns of a catalogue of administrative procedures."""
    if not cells or any(len(c) > _HEADER_CELL_MAX for c in cells):
        return False
    key = fold_key(" ".join(cells))
    if _PROCEDURE_HEADER.search(key) or _PEOPLE_HEADER.search(key):
        return False
    roles = column_roles(cells)
    return "lead" in roles and ("task" in roles or "time" in roles)


def _is_progress_report(header: list[str]) -> bool:
    """A table reporting how earlier tasks went ("Kết quả thực hiện", "Tình hình thực hiện"
    columns): it assigns nothing new."""
    return _PROGRESS_HEADER.search(fold_key(" ".join(header))) is not None


def _header_start(cells: list[str]) -> int:
    """Where the header row starts: a crawl glues the caption or signature cell before it to the
    same row ("…của UBND tỉnh)", "TT", "Nội dung", …), and such cells come before the "TT" one."""
    for i, cell in enumerate(cells):
        if i and _ROLES[0][1].search(fold_key(cell)):
            return i
    return 0


def _find_header(raw_rows) -> tuple[int, int] | None:
    """The index of the header row and of its first header cell."""
    for i, row in enumerate(raw_rows):
        texts = [c.text for c in row]
        at = _header_start(texts)
        if _is_header(texts[at:]):
            return i, at
    return None


def _rows_to_table(
    raw_rows: list[list[Cell]] | list[list[_CellLines]],
    layout: str,
    start: int,
    end: int,
    clean: CleanText | None = None,
) -> Table:
    """The table of ``raw_rows``. With ``clean``, the rows hold ``_CellLines``: only the rows under a
    header become data rows, and only their cells get a span."""
    found = _find_header(raw_rows)
    if found is None:
        header = [c.text for c in raw_rows[0]] if raw_rows else []
        return Table(start, end, tuple(header), (), (), layout)
    header_at, first_cell = found
    header = [c.text for c in raw_rows[header_at][first_cell:]]
    data = raw_rows[header_at + 1 :]
    if data and _is_sub_header([c.text for c in data[0]]):
        header = _with_sub_header(header, [c.text for c in data[0]], data[1:])
        data = data[1:]
    steps = sum(1 for row in data if row and _STEP.match(row[0].text))
    # A progress report, or the steps of a procedure ("Bước 1 | Tiếp nhận hồ sơ | Bộ phận một cửa |
    # 0,5 ngày"), assigns nothing new.
    roles = () if _is_progress_report(header) or steps >= 2 else column_roles(header)
    if clean is not None:
        data = [[_spanned(clean, c) for c in row] for row in data]
    rows = _assign(data, header, roles)
    return Table(start, end, tuple(header), roles, tuple(rows), layout)


def _is_sub_header(cells: list[str]) -> bool:
    """The second row of a two-level header ("Chủ trì | Phối hợp" under "Cơ quan thực hiện",
    "Bắt đầu | Hoàn thành" under "Thời gian"): short labels that each name a column role."""
    if not 2 <= len(cells) <= 4 or _ROW_NUMBER.match(cells[0]):
        return False
    roles = column_roles(cells)
    return all(roles) and all(len(c.split()) <= 4 for c in cells)


def _with_sub_header(header: list[str], sub: list[str], data) -> list[str]:
    """The header with the cell that spans the sub-header replaced by the sub-header's cells: the
    cell whose role the sub-header's first cell shares ("Cơ quan thực hiện" over "Chủ trì"), else
    the first cell without a role. Kept as it is when the data rows do not have that width."""
    widths = [len(row) for row in data if row and _ROW_NUMBER.match(row[0].text)]
    if not widths or max(set(widths), key=widths.count) != len(header) - 1 + len(sub):
        return header
    roles = column_roles(header)
    first = column_roles(sub)[0]
    if first in roles:
        at = roles.index(first)
    elif "" in roles[1:]:
        at = roles.index("", 1)
    else:
        return header
    return [*header[:at], *sub, *header[at + 1 :]]


def _assign(raw_rows: list[list[Cell]], header: list[str], roles: tuple[str, ...]) -> list[TableRow]:
    rows: list[TableRow] = []
    last_numbered: dict[str, Cell] = {}
    group = ""
    task_col = roles.index("task") if "task" in roles else 1
    header_key = [fold_key(h) for h in header]
    for raw in _unglued(raw_rows):
        texts = [c.text for c in raw if c.text]
        if not texts:
            continue
        first = raw[0].text
        numbered = bool(_ROW_NUMBER.match(first))
        if not numbered and len(raw) >= 3:
            cell_texts = [c.text for c in raw]
            if [fold_key(t) for t in cell_texts] == header_key:
                continue  # the header repeated at a page break
            if _is_header(cell_texts):
                # Another table follows without a break: its own header names its columns.
                header_key = [fold_key(t) for t in cell_texts]
                roles = () if _is_progress_report(cell_texts) else column_roles(cell_texts)
                task_col = roles.index("task") if "task" in roles else 1
                last_numbered, group = {}, ""
                continue
        if not roles:
            continue  # the rows of a progress report
        if not numbered and len(texts) <= 2 and _GROUP.match(first):
            group = " ".join(texts)
            continue
        if numbered:
            # The header may have no "TT" cell over the row numbers (merged with the one above).
            row_roles = roles if roles[0] == "tt" else ("tt", *roles)
            row_task = row_roles.index("task") if "task" in row_roles else 1
            cells = _numbered_cells(raw, row_roles, row_task, last_numbered)
            # Cells merged with the row above are missing from this one: the lead too ("Sở X"
            # spanning two rows), when the row has cells after its task (not a group title).
            filled = sum(1 for c in raw if c.text)
            spans = len(raw) < len(row_roles) and (filled > row_task + 1 or "lead" in cells)
            for role in ("lead", "coord", "time", "result", "source", "budget"):
                if role not in cells and role in roles and role in last_numbered and spans:
                    cells[role] = last_numbered[role]
            last_numbered = dict(cells)
            inherited: tuple[str, ...] = ()
            number = _ROW_NUMBER.match(first).group(1)
        else:
            cells = {}
            for i, c in enumerate(raw):
                col = task_col + i
                if col < len(roles) and roles[col] and c.text:
                    cells[roles[col]] = c
            inherited = tuple(
                r for r in ("coord", "time", "result", "source") if r not in cells and r in last_numbered
            )
            for role in inherited:
                cells[role] = last_numbered[role]
            number = ""
        if "task" not in cells or len(cells["task"].text.split()) < 3:
            continue  # no duty in a cell of one or two words ("Bước 1", "A")
        span_cells = [c for c in raw if c.text]
        rows.append(
            TableRow(number, cells, span_cells[0].start, span_cells[-1].end, group, inherited),
        )
    return rows


def _unglued(raw_rows: list[list[Cell]]) -> list[list[Cell]]:
    """The rows with a header glued to the end of the row before it cut in two."""
    out = []
    for raw in raw_rows:
        at = _header_start([c.text for c in raw])
        if at and _is_header([c.text for c in raw[at:]]):
            out.extend((raw[:at], raw[at:]))
        else:
            out.append(raw)
    return out


def _numbered_cells(
    raw: list[Cell], roles: tuple[str, ...], task_col: int, above: dict[str, Cell] | None = None
) -> dict[str, Cell]:
    """The cells of a numbered row by role. A row with fewer cells than the header lost the cells
    merged with the row above (the same lead, coordinators or time for a block of rows). Each
    place of the missing run after the task is tried, from the right end to the task, and the
    reading that puts a unit in the lead column and a time in the time column wins; the first
    tried wins a tie."""
    left = {roles[i]: c for i, c in enumerate(raw[: len(roles)]) if roles[i] and c.text}
    if len(raw) >= len(roles) or len(raw) <= task_col + 1:
        return left
    shift = len(roles) - len(raw)
    best, best_fit = left, _fit(left, above or {})
    for gap in range(len(raw) - 1, task_col, -1):  # the missing run starts at column ``gap``
        cells = {roles[i]: c for i, c in enumerate(raw[:gap]) if roles[i] and c.text}
        for i in range(gap, len(raw)):
            if roles[i + shift] and raw[i].text:
                cells[roles[i + shift]] = raw[i]
        fit = _fit(cells, above or {})
        if fit > best_fit:
            best, best_fit = cells, fit
    return best


_COLLECTIVE = re.compile(r"(?:[Cc]ác|[Cc]ơ quan, đơn vị|[Đđ]ơn vị) ")


def _fit(cells: dict[str, Cell], above: dict[str, Cell]) -> float:
    """How well cells fit their roles: a unit in the lead column and a time in the time column; a
    time in a unit column counts against. The row's own named unit fits best, then a lead merged
    from the row above, then the row's own collective ("Các sở, ngành", which fills coordinator
    columns more often than lead ones)."""
    from dieuhanh.extract.units import starts_with_unit

    lead, time = cells.get("lead"), cells.get("time")
    misplaced = sum(1 for role in ("lead", "coord") if role in cells and _TIME_START.match(cells[role].text))
    lead_fit = 0.0
    if lead is not None and starts_with_unit(lead.text):
        lead_fit = 1.0 if _COLLECTIVE.match(lead.text) else 1.5
    elif lead is None and "lead" in above and starts_with_unit(above["lead"].text):
        lead_fit = 1.25
    return lead_fit + (time is not None and bool(_TIME_START.match(time.text))) - misplaced


def _split_pipe_line(raw: str, start: int) -> list[Cell]:
    """The cells of a ``| a | b |`` row: the pieces between its bars."""
    pieces = []
    pos = raw.find("|") + 1
    while True:
        nxt = raw.find("|", pos)
        if nxt < 0:
            break
        pieces.append(Cell.from_line(clean_raw(raw[pos:nxt], start + pos)))
        pos = nxt + 1
    return pieces


def _is_separator_row(cells: list[Cell]) -> bool:
    return all(re.fullmatch(r":?-{2,}:?", c.text.replace(" ", "")) or not c.text for c in cells)


def find_tables(lines: list[PhysicalLine], cleaned: list[Line] | None = None) -> list[tuple[int, int, Table]]:
    """Tables in a list of physical lines as (first line index, end index, table).

    ``cleaned`` (the lines already passed through ``clean_line``) saves cleaning them twice."""
    raws = [p.raw for p in lines]
    starts = [p.start for p in lines]
    if cleaned is None:
        return find_line_tables(CleanText(raws, starts))
    return find_line_tables(CleanText.from_lines(raws, starts, cleaned))


def find_line_tables(clean: CleanText) -> list[tuple[int, int, Table]]:
    """``find_tables`` of the lines of ``split_lines`` with their clean text.

    Tables come in order and do not overlap: each one starts at or after the end of the previous."""
    raws, starts = clean.raws, clean.starts
    out: list[tuple[int, int, Table]] = []
    i = 0
    n = len(raws)
    while i < n:
        raw = raws[i]
        if "|" not in raw and "TT" not in raw:
            i += 1  # neither a pipe row, a bar between cells, nor a "TT"/"STT" header
            continue
        stripped = raw.strip()
        if stripped.startswith("|") and stripped.count("|") >= 3:
            j = i
            raw_rows = []
            while j < n and raws[j].strip().startswith("|") and raws[j].strip().count("|") >= 2:
                cells = _split_pipe_line(raws[j], starts[j])
                if not _is_separator_row(cells):
                    raw_rows.append(cells)
                j += 1
            out.append((i, j, _rows_to_table(raw_rows, "pipe-rows", starts[i], starts[j - 1])))
            i = j
            continue
        if stripped == "|":
            j, rows = _read_cell_lines(clean, i)
            for first, last, run in _table_runs(rows):
                end = starts[last - 1] + len(raws[last - 1])
                out.append((first, last, _rows_to_table(run, "pipe-cells", starts[first], end, clean)))
            i = j
            continue
        if _FLAT_HEADER.match(stripped):
            found = _read_flat(clean, i)
            if found:
                j, table = found
                out.append((i, j, table))
                i = j
                continue
        i += 1
    return out


class _CellLines(NamedTuple):
    """A cell of a web-crawl table before its span is looked up: its text and its first and last
    lines. Finding the span costs more than the text, and most cells never need one: a table
    without a header row has no data rows (a long layout table can have thousands of cells)."""

    text: str
    first: int
    last: int


def _cell(clean: CleanText, parts: list[int]) -> _CellLines:
    """The text of lines ``parts`` (which all have text) joined as ``join_lines`` does."""
    first = parts[0]
    if len(parts) == 1:
        text = clean.texts[first]
    else:
        texts = clean.texts
        text = " ".join([texts[i] for i in parts])
    return _new(_CellLines, (text, first, parts[-1]))


def _spanned(clean: CleanText, cell: _CellLines) -> Cell:
    """``Cell.from_line(join_lines(...))`` of the lines of ``cell``."""
    text, first, last = cell
    return _new(Cell, (text, clean.start(first), clean.end(last)))


def _read_cell_lines(clean: CleanText, i: int) -> tuple[int, list[tuple[int, int, list[_CellLines]]]]:
    """Rows of a web-crawl table: cells between ``|`` lines, ``|`` twice in a row ends a row.

    Returns the index after the region and the rows as (first line, end line, cells)."""
    raws, texts = clean.raws, clean.texts
    rows: list[tuple[int, int, list[_CellLines]]] = []
    row: list[_CellLines] = []
    row_start = i
    cell: list[int] = []  # the lines of the cell being read
    prev_bar = False
    j = i
    n = len(raws)
    while j < n:
        text = texts[j]
        if text and not text.isspace():
            # A line with other text than whitespace is neither a bar nor a blank line (a clean
            # text holds no "|"): no need to strip the raw line.
            cell.append(j)
            prev_bar = False
            j += 1
            continue
        stripped = raws[j].strip()
        if stripped == "|":
            if cell:
                row.append(_cell(clean, cell))
                cell = []
            elif prev_bar:
                if row:
                    rows.append((row_start, j, row))
                row = []
                row_start = j
            prev_bar = True
            j += 1
            continue
        if not stripped:
            if prev_bar and (j + 1 >= n or raws[j + 1].strip() != "|"):
                break
            j += 1
            continue
        if text:
            cell.append(j)
        prev_bar = False
        j += 1
    if cell:
        row.append(_cell(clean, cell))
    if row:
        rows.append((row_start, j, row))
    return j, rows


def _table_runs(rows: list[tuple[int, int, list[_CellLines]]]):
    """Runs of rows that form a table; one-cell rows of running text (layout debris) end a run."""
    run: list[tuple[int, int, list[_CellLines]]] = []

    def close():
        if sum(len(r[2]) >= 3 for r in run) >= 2:
            yield run[0][0], run[-1][1], [r[2] for r in run]

    for row in rows:
        cells = row[2]
        # A cell holding whole paragraphs of running text means the bars only drew the page layout.
        wide = len(cells) >= 2 and max(len(c.text) for c in cells) <= 1200
        short_title = len(cells) == 1 and len(cells[0].text) <= 150 and run
        if wide or short_title:
            run.append(row)
            continue
        yield from close()
        run = []
    yield from close()


# Flattened PDF tables: a header that starts with "TT"/"STT", then row numbers on their own lines.
_FLAT_HEADER = re.compile(r"^(?:S?TT|Số TT|STT\.)(?:\s|$)")
# A flattened row starts with its whole number on a line of its own or before the task text.
_FLAT_NUMBER = re.compile(r"^(\d{1,3})\.?$")
_FLAT_HEADER_WORDS = re.compile(r"chu tri|phoi hop|thoi gian|kinh phi|nguon")


def _read_flat(clean: CleanText, i: int) -> tuple[int, Table] | None:
    starts, texts = clean.starts, clean.texts
    header_lines: list[str] = []
    j = i
    n = len(starts)
    while j < n and len(header_lines) < 30:
        text = texts[j]
        if text:
            if _FLAT_NUMBER.match(text.split(" ", 1)[0]) or _GROUP.match(text) and header_lines:
                break
            header_lines.append(text)
        j += 1
    header_text = fold_key(" ".join(header_lines))
    if not ("chu tri" in header_text and _FLAT_HEADER_WORDS.search(header_text.replace("chu tri", ""))):
        return None
    order = []
    for role, rx in _ROLES[1:]:
        m = rx.search(header_text)
        if m:
            order.append((m.start(), role))
    roles = ("tt", *(r for _, r in sorted(order)))
    header_sig = header_text
    rows: list[TableRow] = []
    fragments: list[Line] = []
    number = ""
    expected = 1
    start = starts[j] if j < n else starts[-1]
    end = start
    k = j
    while k < n:
        text = texts[k]
        k += 1
        if not text:
            continue
        head = text.split(" ", 1)
        m = _FLAT_NUMBER.match(head[0])
        if m and int(m.group(1)) == expected:
            if number:
                rows.append(_flat_row(number, fragments, roles))
            number = m.group(1)
            expected += 1
            fragments = []
            if len(head) > 1:
                fragments.append(clean.line(k - 1).slice(len(head[0]) + 1))
            end = clean.end(k - 1)
            continue
        if _FLAT_HEADER.match(text) and fold_key(text) and fold_key(text) in header_sig:
            # Header repeated at a page break: skip its lines.
            skip = len(header_lines) - 1
            while skip > 0 and k < n:
                if texts[k]:
                    skip -= 1
                k += 1
            continue
        if number:
            fragments.append(clean.line(k - 1))
            end = clean.end(k - 1)
    if number:
        rows.append(_flat_row(number, fragments, roles))
    table = Table(start, end, tuple(header_lines), roles, tuple(r for r in rows if r), "flat")
    return k, table


def _is_time_fragment(text: str) -> bool:
    return len(text) <= 24 and bool(_TIME_FRAGMENT.search(text))


def _flat_row(number: str, fragments: list[Line], roles: tuple[str, ...]) -> TableRow | None:
    """Cut a flattened row into cells: task, result, time, lead, coordinators, amount, source."""
    from dieuhanh.extract.units import starts_with_unit

    if not fragments:
        return None
    texts = [f.text for f in fragments]

    def unit_from(idx: int) -> bool:
        return starts_with_unit(" ".join(texts[idx : idx + 3]))

    lead_at = next(
        (i for i in range(1, len(texts)) if _is_time_fragment(texts[i - 1]) and unit_from(i)),
        None,
    )
    if lead_at is None:
        lead_at = next((i for i in range(2, len(texts)) if unit_from(i)), len(texts))
    time_at = lead_at
    while time_at - 1 > 0 and _is_time_fragment(texts[time_at - 1]):
        time_at -= 1
    if time_at < lead_at and not _TIME_START.match(texts[time_at]):
        while time_at < lead_at and not _TIME_START.match(texts[time_at]):
            time_at += 1
    before = fragments[:time_at]
    result_at = len(before)
    if "result" in roles:
        for idx in range(1, len(before)):
            widest = max(len(b.text) for b in before[:idx])
            if len(before[idx].text) > 1.3 * widest and len(before[idx].text) >= 30:
                result_at = idx
                break
    cells: dict[str, Cell] = {}

    def put(role: str, part: list[Line]) -> None:
        if part:
            cells[role] = Cell.from_line(join_lines(part))

    put("task", before[:result_at])
    put("result", before[result_at:])
    put("time", fragments[time_at:lead_at])
    after = fragments[lead_at:]
    amount_at = next((idx for idx, f in enumerate(after) if _AMOUNT.match(f.text)), None)
    source_at = next((idx for idx, f in enumerate(after) if _SOURCE_START.match(f.text)), None)
    units_end = min(x for x in (amount_at, source_at, len(after)) if x is not None)
    put("lead", after[:units_end])
    if amount_at is not None:
        put("budget", [after[amount_at]])
    if source_at is not None:
        tail = after[source_at:]
        cut = next((idx for idx, f in enumerate(tail) if idx and f.text[:1].isupper()), len(tail))
        put("source", tail[:cut])
    span = (fragments[0].start, fragments[-1].end)
    return TableRow(number, cells, span[0], span[1], "", ())
