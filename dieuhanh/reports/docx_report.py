"""The report as a .docx laid out as Nghị định 30/2020 asks of an administrative document.

Header table (issuing body and its parent | Quốc hiệu - Tiêu ngữ; number left
blank for the văn thư | place and date), type and subject, body with tables
and one chart, Nơi nhận and the signing block. Times New Roman, 14 pt body
(tables 12 pt), A4 with margins top/bottom 20 mm, left 30 mm, right 15 mm,
page numbers from the second page.
"""

import datetime
import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell

from dieuhanh.reports.charts import status_chart
from dieuhanh.reports.constants import DOCX_ROW_LIMIT
from dieuhanh.reports.figures import ReportFigures, summary_rows
from dieuhanh.reports.formatting import signing_date, vn_date, vn_decimal, vn_int, vn_money, vn_percent
from dieuhanh.reports.summary_text import report_subject, summary_paragraphs

FONT = "Times New Roman"
TABLE_STYLE = "Bảng số liệu"
BODY_PT = 14
TABLE_PT = 12
PLACE_PREFIXES = (
    "ủy ban nhân dân thành phố",
    "ủy ban nhân dân tỉnh",
    "ủy ban nhân dân phường",
    "ủy ban nhân dân xã",
    "ủy ban nhân dân đặc khu",
    "ubnd tỉnh",
    "ubnd xã",
    "ubnd phường",
)


@dataclass
class Signing:
    """The signing block and the closing details of the report."""

    authority: list[str] = field(default_factory=lambda: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"])
    title: str = "PHÓ CHỦ TỊCH"
    name: str = ""
    issue_date: datetime.date | None = None
    recipients: list[str] | None = None


def place_of(name: str) -> str:
    """ "Ủy ban nhân dân xã Gia Lộc" → "Gia Lộc" (the place written before the date)."""
    lowered = name.lower()
    for prefix in PLACE_PREFIXES:
        if lowered.startswith(prefix):
            return name[len(prefix) :].strip()
    return name


def body_lines(name: str) -> list[str]:
    """The issuing body in capitals, "ỦY BAN NHÂN DÂN" on a line of its own as headers print it."""
    upper = name.upper()
    head = "ỦY BAN NHÂN DÂN"
    if upper.startswith(head) and len(upper) > len(head) + 1:
        return [head, upper[len(head) :].strip()]
    return [upper]


def _set_font(run, size=BODY_PT, bold=None, italic=None, underline=None):
    run.font.name = FONT
    run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if underline is not None:
        run.underline = underline
    return run


def _para(
    container,
    text="",
    size=BODY_PT,
    bold=False,
    italic=False,
    underline=False,
    align=None,
    style=None,
    space_after=0,
    space_before=0,
    indent=False,
):
    p = container.add_paragraph(style=style) if style else container.add_paragraph()
    if text:
        _set_font(p.add_run(text), size, bold, italic, underline)
    fmt = p.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(space_before)
    fmt.first_line_indent = Cm(1) if indent else Cm(0)
    if align is not None:
        p.alignment = align
    return p


def _rule(paragraph, width_cm: float, cell_width_cm: float):
    """A short centred line under a heading (the rule under the issuing body and the Tiêu ngữ)."""
    side = max((cell_width_cm - width_cm) / 2, 0)
    paragraph.paragraph_format.left_indent = Cm(side)
    paragraph.paragraph_format.right_indent = Cm(side)
    pbdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    pbdr.append(bottom)
    paragraph._p.get_or_add_pPr().append(pbdr)
    paragraph.paragraph_format.space_after = Pt(2)
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(2)


def _no_borders(table):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _fix_widths(table, widths_cm: list[float]):
    """Column widths in the grid (LibreOffice reads these) and a fixed layout (Word keeps them)."""
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)


def _clear(cell):
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)


def _setup(doc):
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.1
    cells = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cells.base_style = normal
    cells.font.size = Pt(TABLE_PT)
    cells.paragraph_format.first_line_indent = Cm(0)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(number.add_run(), 13)
    field_el = OxmlElement("w:fldSimple")
    field_el.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field_el.append(run)
    number._p.append(field_el)


def _header(doc, f: ReportFigures, signing: Signing):
    org = f.scope.organisation
    parent = org.parent.name if org is not None and org.parent_id else ""
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    _fix_widths(table, [6.6, 9.9])
    widths = (Cm(6.6), Cm(9.9))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            _clear(cell)
    left, right = table.rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    if parent:
        _para(left, parent.upper().replace("ỦY BAN NHÂN DÂN", "UBND"), 12, align=center)
    for line in body_lines(f.organisation_name):
        _para(left, line, 12, bold=True, align=center)
    _rule(_para(left, "", 6, align=center), 2.2, 6.6)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True, align=center)
    _para(right, "Độc lập - Tự do - Hạnh phúc", 14, bold=True, underline=True, align=center)
    number_cell, date_cell = table.rows[1].cells
    _para(number_cell, "Số:        /BC-UBND", 13, align=center, space_before=6)
    issue = signing.issue_date or f.as_of
    _para(
        date_cell,
        signing_date(place_of(f.organisation_name), issue),
        14,
        italic=True,
        align=center,
        space_before=6,
    )


def _title(doc, f: ReportFigures):
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "BÁO CÁO", 14, bold=True, align=center, space_before=18)
    _para(doc, report_subject(f), 14, bold=True, align=center)
    if (
        f.scope.unit is not None
        and f.scope.organisation is not None
        and f.scope.unit.pk != f.scope.organisation.pk
    ):
        _para(doc, f"(Đơn vị: {f.scope.unit.name})", 14, italic=True, align=center)
    _rule(_para(doc, "", 6, align=center), 3.5, 16.5)
    _para(doc, "", 6)


def _heading(doc, text):
    _para(
        doc,
        text,
        BODY_PT,
        bold=True,
        space_before=6,
        space_after=3,
        indent=True,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )


def _body(doc, text, italic=False):
    _para(doc, text, BODY_PT, italic=italic, space_after=6, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)


def _table(doc, headers: list[str], rows: list[list[str]], widths_cm: list[float], numeric_from: int = 99):
    # The style id is written straight into each paragraph: python-docx's `paragraph.style = name`
    # scans every style of the document per call.
    style_id = doc.styles[TABLE_STYLE].style_id
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fix_widths(table, widths_cm)
    head = table.rows[0]
    trpr = head._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for cell, text, width in zip(head.cells, headers, widths_cm, strict=True):
        cell.width = Cm(width)
        p = cell.paragraphs[0]
        p._p.get_or_add_pPr().style = style_id
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = True
    for values in rows:
        # Cells straight from the new row's XML: table.rows[i].cells rescans the whole table each time.
        tr = table.add_row()._tr
        for j, (tc, text) in enumerate(zip(tr.tc_lst, values, strict=True)):
            p = _Cell(tc, table).paragraphs[0]
            p._p.get_or_add_pPr().style = style_id
            if j == 0 or j >= numeric_from:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(text)
    _para(doc, "", 6)
    return table


def _summary_table(doc, f: ReportFigures):
    rows = []
    for i, (label, value, kind) in enumerate(summary_rows(f), start=1):
        shown = vn_percent(value) if kind == "percent" else vn_int(value)
        rows.append([str(i), label.strip(), shown])
    _table(doc, ["STT", "Nội dung", "Số liệu"], rows, [1.3, 11.2, 3.5], numeric_from=2)


def _group_table(doc, f: ReportFigures):
    rows = [
        [
            str(i),
            g.name,
            vn_int(g.rates.total),
            vn_int(g.rates.done_early + g.rates.done_on_time),
            vn_int(g.rates.done_late),
            vn_int(g.rates.in_time + g.rates.due_soon + g.rates.no_deadline),
            vn_int(g.rates.overdue),
            vn_decimal(g.rates.on_time_rate),
            vn_decimal(g.rates.overdue_rate_all),
        ]
        for i, g in enumerate(f.groups, start=1)
    ]
    headers = [
        "STT",
        f.group_label,
        "Tổng số",
        "HT đúng hạn",
        "HT quá hạn",
        "Đang thực hiện",
        "Quá hạn",
        "Tỷ lệ đúng hạn (%)",
        "Tỷ lệ quá hạn (%)",
    ]
    _table(doc, headers, rows, [1.3, 4.1, 1.5, 1.5, 1.5, 1.7, 1.4, 1.6, 1.6], numeric_from=2)


def _overdue_table(doc, f: ReportFigures):
    rows = []
    for i, o in enumerate(f.overdue[:DOCX_ROW_LIMIT], start=1):
        report = (
            f"{vn_date(o.report_on)} ({o.report_percent}%): {o.report_text}"
            if o.report_on
            else "Chưa báo cáo"
        )
        rows.append(
            [str(i), o.summary, o.lead_unit, vn_date(o.deadline), vn_int(o.days_overdue), report, o.reason]
        )
    headers = [
        "STT",
        "Nhiệm vụ",
        "Đơn vị chủ trì",
        "Thời hạn",
        "Số ngày quá hạn",
        "Báo cáo gần nhất",
        "Lý do",
    ]
    _table(doc, headers, rows, [1.3, 3.5, 2.5, 2.4, 1.5, 3.1, 2.2])
    if f.rates.overdue > DOCX_ROW_LIMIT:
        _body(
            doc,
            f"(Danh sách đầy đủ {vn_int(f.rates.overdue)} nhiệm vụ quá hạn tại tệp Excel kèm theo.)",
            True,
        )


def _extension_table(doc, f: ReportFigures):
    rows = [
        [
            str(i),
            e.summary,
            e.lead_unit,
            vn_date(e.old_date),
            vn_date(e.new_date),
            e.reason + (" (khách quan)" if e.objective else ""),
        ]
        for i, e in enumerate(f.extensions[:DOCX_ROW_LIMIT], start=1)
    ]
    headers = ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn cũ", "Thời hạn mới", "Lý do gia hạn"]
    _table(doc, headers, rows, [1.3, 4.1, 2.6, 2.4, 2.4, 3.7])


def _target_table(doc, f: ReportFigures):
    rows = [
        [
            str(i),
            t.summary,
            t.lead_unit,
            t.target,
            vn_money(t.budget),
            t.status + (f" ({t.percent}%)" if t.percent is not None and t.percent < 100 else ""),
        ]
        for i, t in enumerate(f.targets[:DOCX_ROW_LIMIT], start=1)
    ]
    headers = [
        "STT",
        "Nhiệm vụ",
        "Đơn vị chủ trì",
        "Chỉ tiêu, sản phẩm",
        "Kinh phí (triệu đồng)",
        "Tình trạng",
    ]
    _table(doc, headers, rows, [1.3, 4.3, 2.6, 3.3, 1.9, 3.1])


def _ranking_table(doc, rows, label: str):
    body = [
        [str(i), r.name, vn_decimal(r.score), r.band, r.explanation]
        for i, r in enumerate(rows[:DOCX_ROW_LIMIT], 1)
    ]
    _table(doc, ["STT", label, "Điểm", "Xếp loại", "Cách tính"], body, [1.3, 3.5, 1.4, 3.3, 7.0])


def _content(doc, f: ReportFigures):
    _heading(doc, "I. TÌNH HÌNH CHUNG")
    for text in summary_paragraphs(f):
        _body(doc, text)
    _heading(doc, "II. SỐ LIỆU TỔNG HỢP")
    _summary_table(doc, f)
    _heading(doc, f"III. KẾT QUẢ THEO {'XÃ, PHƯỜNG' if f.scope.is_province else 'ĐƠN VỊ CHỦ TRÌ'}")
    if f.groups:
        _group_table(doc, f)
        picture = status_chart(f.groups, f"Tình hình thực hiện nhiệm vụ — {f.period.label}")
        doc.add_picture(io.BytesIO(picture), width=Cm(15))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _para(
            doc,
            f"Biểu đồ 1. Tình hình thực hiện nhiệm vụ theo {f.group_label.lower()}",
            12,
            italic=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            space_after=6,
        )
    else:
        _body(doc, "Không có số liệu.")
    _heading(doc, "IV. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH")
    if f.overdue:
        _overdue_table(doc, f)
    else:
        _body(doc, "Không có nhiệm vụ quá hạn.")
    _heading(doc, "V. GIA HẠN THỰC HIỆN NHIỆM VỤ")
    if f.extensions:
        _body(doc, f"Trong kỳ, lãnh đạo đã đồng ý gia hạn {vn_int(f.extensions_total)} nhiệm vụ:")
        _extension_table(doc, f)
    else:
        _body(doc, "Trong kỳ không có nhiệm vụ được gia hạn.")
    _heading(doc, "VI. CHỈ TIÊU VÀ KINH PHÍ")
    if f.targets:
        _body(
            doc,
            f"{vn_int(f.targets_total)} nhiệm vụ có chỉ tiêu hoặc kinh phí; tổng kinh phí "
            f"{vn_money(f.budget.total) or '0'} triệu đồng, trong đó của các nhiệm vụ đã hoàn thành "
            f"{vn_money(f.budget.done_total) or '0'} triệu đồng.",
        )
        _target_table(doc, f)
    else:
        _body(doc, "Trong kỳ không có nhiệm vụ có chỉ tiêu hoặc kinh phí.")
    _heading(doc, "VII. CÔNG TÁC ĐÔN ĐỐC")
    if f.reminders_sent is None:
        _body(doc, "Hệ thống chưa ghi nhận việc đôn đốc (chức năng nhắc việc chưa được bật).")
    else:
        _body(doc, f"Trong kỳ đã gửi {vn_int(f.reminders_sent)} lượt đôn đốc các đơn vị thực hiện nhiệm vụ.")
    for note in f.notes:
        _body(doc, f"({note})", italic=True)
    if f.rankings is not None:
        _heading(doc, "VIII. KẾT QUẢ XẾP LOẠI")
        _body(doc, f.rankings.formula.describe(), italic=True)
        _body(doc, f"1. Xếp loại theo {f.rankings.unit_label.lower()}:")
        _ranking_table(doc, f.rankings.units, f.rankings.unit_label)
        if f.rankings.people:
            _body(doc, "2. Xếp loại cá nhân được giao nhiệm vụ:")
            _ranking_table(doc, f.rankings.people, "Người được giao")


def _default_recipients(f: ReportFigures) -> list[str]:
    org = f.scope.organisation
    recipients = []
    if org is not None and org.parent_id:
        recipients.append(f"{org.parent.name} (để báo cáo);")
    recipients += [
        "Thường trực Đảng ủy, HĐND (để báo cáo);",
        "Chủ tịch, các Phó Chủ tịch UBND;",
        "Lưu: VT, VP.",
    ]
    return recipients


def _closing(doc, f: ReportFigures, signing: Signing):
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    _fix_widths(table, [8.0, 8.5])
    left, right = table.rows[0].cells
    left.width, right.width = Cm(8.0), Cm(8.5)
    _clear(left)
    _clear(right)
    _para(left, "Nơi nhận:", 12, bold=True, italic=True, space_before=6)
    for line in signing.recipients or _default_recipients(f):
        _para(left, f"- {line}", 11)
    center = WD_ALIGN_PARAGRAPH.CENTER
    first = True
    for line in signing.authority:
        _para(right, line, 14, bold=True, align=center, space_before=6 if first else 0)
        first = False
    _para(right, signing.title, 14, bold=True, align=center)
    for _ in range(4):
        _para(right, "", 14)
    _para(right, signing.name, 14, bold=True, align=center)


def build_docx(f: ReportFigures, signing: Signing | None = None) -> bytes:
    signing = signing or Signing()
    doc = Document()
    _setup(doc)
    doc.core_properties.title = f"Báo cáo {report_subject(f)}"
    doc.core_properties.author = f.organisation_name
    _header(doc, f, signing)
    _title(doc, f)
    _content(doc, f)
    _closing(doc, f, signing)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
