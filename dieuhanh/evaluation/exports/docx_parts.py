"""The pieces of a Nghị định 30/2020 page in python-docx: A4, margins, Times New Roman, the header
block (issuing body | Quốc hiệu - Tiêu ngữ, place and date), ruled headings, tables, signatures."""

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from dieuhanh.core.docx_page import FONT, TEXT_WIDTH_CM, set_up_page

BODY_PT = 13
TABLE_PT = 11
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def setup(doc) -> None:
    set_up_page(doc, BODY_PT)


def font(run, size=BODY_PT, bold=None, italic=None):
    run.font.name = FONT
    run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    return run


def para(
    container,
    text="",
    size=BODY_PT,
    *,
    bold=False,
    italic=False,
    align=None,
    before=0,
    after=0,
    indent=False,
    keep=False,
):
    """A paragraph of one run; `keep` keeps it on the page of what follows (a heading, a signed result)."""
    p = container.add_paragraph()
    if text:
        font(p.add_run(text), size, bold, italic)
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.first_line_indent = Cm(1) if indent else Cm(0)
    fmt.keep_with_next = keep or None
    if align is not None:
        p.alignment = align
    return p


def labelled(container, label: str, value: str, size=BODY_PT):
    """ "Họ và tên: Lê Thị Hoa" with the label plain and the value bold."""
    p = para(container, size=size, after=2)
    font(p.add_run(f"{label}: "), size)
    font(p.add_run(value), size, bold=True)
    return p


def rule(paragraph, width_cm: float, cell_width_cm: float) -> None:
    """A short centred line under a heading (under the issuing body and the Tiêu ngữ)."""
    side = max((cell_width_cm - width_cm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Cm(side), Cm(side)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)
    fmt.space_after = Pt(2)
    fmt.line_spacing = Pt(2)


def no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def fix_widths(table, widths_cm: list[float]) -> None:
    """Column widths in the grid (LibreOffice reads these) and a fixed layout (Word keeps them)."""
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def narrow_margins(table, cm: float = 0.1) -> None:
    """Cell padding of `cm` left and right (Word's default 0,19 cm wraps a date in a narrow column)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(round(cm * 567)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    table._tbl.tblPr.append(margins)


def empty_cell(cell):
    """The cell without its first (empty) paragraph, ready for `para`."""
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return cell


def header_block(doc, parent: str, body: list[str], place_date: str) -> None:
    """Issuing body (its parent above it, plain) | Quốc hiệu and Tiêu ngữ; the place and date under them."""
    table = doc.add_table(rows=2, cols=2)
    no_borders(table)
    fix_widths(table, [6.6, 9.9])
    left, right = (empty_cell(c) for c in table.rows[0].cells)
    if parent:
        para(left, parent, 12, align=CENTER)
    for line in body:
        para(left, line, 12, bold=True, align=CENTER)
    rule(para(left, "", 6, align=CENTER), 2.2, 6.6)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True, align=CENTER)
    para(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True, align=CENTER)
    rule(para(right, "", 6, align=CENTER), 5.6, 9.9)
    para(empty_cell(table.rows[1].cells[1]), place_date, 13, italic=True, align=CENTER, before=6)


def grid(doc, headers: list[str], rows: list[list], widths_cm: list[float], centred=(), size=TABLE_PT):
    """A bordered table with a bold repeated header row; a cell given as a list is several lines,
    the first plain and the others italic (a product and the notes under it)."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    narrow_margins(table)
    head = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    head._tr.get_or_add_trPr().append(repeat)
    for cell, text in zip(head.cells, headers, strict=True):
        p = cell.paragraphs[0]
        p.alignment = CENTER
        font(p.add_run(text), size, bold=True)
    for values in rows:
        cells = table.add_row().cells
        for j, (cell, value) in enumerate(zip(cells, values, strict=True)):
            lines = value if isinstance(value, list) else [value]
            p = cell.paragraphs[0]
            if j in centred:
                p.alignment = CENTER
            font(p.add_run(lines[0]), size)
            for extra in lines[1:]:
                font(cell.add_paragraph().add_run(extra), size - 1, italic=True)
    fix_widths(table, widths_cm)
    return table


def signatures(doc, columns: list[tuple[str, str]]) -> None:
    """The signing blocks side by side: title, "(Ký, ghi rõ họ tên)", room to sign, the name."""
    table = doc.add_table(rows=1, cols=len(columns))
    no_borders(table)
    fix_widths(table, [TEXT_WIDTH_CM / len(columns)] * len(columns))
    cant_split = OxmlElement("w:cantSplit")
    table.rows[0]._tr.get_or_add_trPr().append(cant_split)
    for cell, (title, name) in zip(table.rows[0].cells, columns, strict=True):
        empty_cell(cell)
        para(cell, title, 12, bold=True, align=CENTER, before=12, keep=True)
        para(cell, "(Ký, ghi rõ họ tên)", 12, italic=True, align=CENTER, after=44, keep=True)
        para(cell, name, 13, bold=True, align=CENTER)
