"""Build the default .docx template of the periodic report (Nghị định 30/2020 layout) for docxtpl.

    .venv/bin/python scripts/build_report_template.py            # rewrites the shipped template
    .venv/bin/python scripts/build_report_template.py --out x.docx

The template is shipped in dieuhanh/reports/templates/reports/docx/; an office opens it in Word,
changes the layout and uploads its own (the fields are in the README beside it). This script is
how the default is made, so a change to the default layout is a change here, reviewed as code;
tests/reports/test_docx_template.py checks that the shipped file is what this script writes.

Layout: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt body, tables
12 pt (the table by unit 10 pt); header table (issuing body and its parent | Quốc hiệu - Tiêu ngữ;
number | place and date), type and subject, body, Nơi nhận and the signing block, page numbers
from the second page; the notes that define each figure on a page of their own.
"""

import argparse
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FONT = "Times New Roman"  # the font of dieuhanh.core.docx_page
BODY_PT = 14
TABLE_PT = 12
UNIT_TABLE_PT = 10
TEXT_WIDTH_CM = 16.5
# What follows w:pBdr in w:pPr, and w:tblBorders, w:tblLayout, w:tblCellMar in w:tblPr (ECMA-376
# order): Word refuses a file whose properties come out of order.
AFTER_PBDR = [
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
]
AFTER_TBL_BORDERS = [
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
]
AFTER_TBL_LAYOUT = AFTER_TBL_BORDERS[2:]
AFTER_TBL_CELL_MAR = AFTER_TBL_BORDERS[3:]


def build() -> bytes:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dieuhanh.settings")
    import django

    django.setup()
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from dieuhanh.core.docx_page import set_up_page
    from dieuhanh.reports.definitions import TABLE_FIGURES, table_groups

    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    doc = Document()

    def font(run, size=BODY_PT, bold=None, italic=None, underline=None):
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

    def para(container, text="", size=BODY_PT, bold=False, italic=False, underline=False, align=None, **fmt):
        p = container.add_paragraph()
        if text:
            font(p.add_run(text), size, bold, italic, underline)
        f = p.paragraph_format
        f.space_after = Pt(fmt.get("after", 0))
        f.space_before = Pt(fmt.get("before", 0))
        f.first_line_indent = Cm(1) if fmt.get("indent") else Cm(0)
        f.keep_with_next = fmt.get("keep", False)
        if align is not None:
            p.alignment = align
        return p

    def tag(container, text):
        """A paragraph holding only a docxtpl tag ({%p ... %}): docxtpl removes the paragraph itself."""
        return para(container, text, 11)

    def rule(paragraph, width_cm, cell_width_cm):
        side = max((cell_width_cm - width_cm) / 2, 0)
        f = paragraph.paragraph_format
        f.left_indent, f.right_indent = Cm(side), Cm(side)
        pbdr = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(key), value)
        pbdr.append(bottom)
        paragraph._p.get_or_add_pPr().insert_element_before(pbdr, *AFTER_PBDR)
        f.space_after = Pt(2)
        f.line_spacing = Pt(6)

    def no_borders(table):
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:val"), "nil")
            borders.append(el)
        table._tbl.tblPr.insert_element_before(borders, *AFTER_TBL_BORDERS)

    def fix_widths(table, widths):
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        table._tbl.tblPr.insert_element_before(layout, *AFTER_TBL_LAYOUT)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)

    def cell_text(cell, text, size=TABLE_PT, bold=False, italic=False, align=None):
        p = cell.paragraphs[0]
        p.style = doc.styles["Bảng số liệu"]
        if text:
            font(p.add_run(text), size, bold, italic)
        if align is not None:
            p.alignment = align
        return p

    def narrow_margins(table, cm):
        """Cell margins narrower than Word's 1,9 mm: narrow numeric columns keep their digits on one line."""
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), str(int(cm / 2.54 * 1440)))
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        table._tbl.tblPr.insert_element_before(margins, *AFTER_TBL_CELL_MAR)

    def repeat_header(row):
        flag = OxmlElement("w:tblHeader")
        flag.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(flag)

    def keep_row_together(row):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))

    def grid(
        headers,
        fields,
        widths,
        loop,
        centred=(0,),
        size=TABLE_PT,
        group_row=None,
        head_size=None,
        margin=0.12,
    ):
        """A bordered table: a header row (two with `group_row`), then one templated row per item."""
        table = doc.add_table(rows=0, cols=len(widths))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        narrow_margins(table, margin)
        if group_row:
            top = table.add_row()
            repeat_header(top)
            col = 0
            for text, span, _ in group_row:
                cell = top.cells[col]
                if span > 1:
                    cell = cell.merge(top.cells[col + span - 1])
                cell_text(cell, text, head_size or size, bold=True, align=center)
                col += span
        head = table.add_row()
        repeat_header(head)
        for cell, text in zip(head.cells, headers, strict=True):
            cell_text(cell, text, head_size or size, bold=True, align=center)
        if group_row:
            # A column under no group spans both header rows.
            col = 0
            for _, span, grouped in group_row:
                if not grouped:
                    top_cell = table.rows[0].cells[col]
                    top_cell.merge(head.cells[col])
                    top_cell.paragraphs[-1]._p.getparent().remove(top_cell.paragraphs[-1]._p)
                col += span
        start = table.add_row()
        cell_text(start.cells[0], f"{{%tr for r in {loop} %}}", size)
        body = table.add_row()
        keep_row_together(body)
        for j, (cell, name) in enumerate(zip(body.cells, fields, strict=True)):
            cell_text(cell, f"{{{{ r.{name} }}}}", size, align=center if j in centred else None)
        end = table.add_row()
        cell_text(end.cells[0], "{%tr endfor %}", size)
        fix_widths(table, widths)
        return table

    # Page, styles, page numbers from the second page.
    set_up_page(doc, BODY_PT)
    cells = doc.styles.add_style("Bảng số liệu", WD_STYLE_TYPE.PARAGRAPH)
    cells.base_style = doc.styles["Normal"]
    cells.font.size = Pt(TABLE_PT)
    cells.paragraph_format.line_spacing = 1.0
    doc.core_properties.title = "{{ tieu_de }}"
    doc.core_properties.author = "dieuhanh"

    # Header block.
    header = doc.add_table(rows=2, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    header.autofit = False
    no_borders(header)
    fix_widths(header, [6.6, 9.9])
    for row in header.rows:
        for cell in row.cells:
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    left, right = header.rows[0].cells
    para(left, "{{ co_quan_chu_quan }}", 12, align=center)
    para(left, "{{ co_quan }}", 12, bold=True, align=center)
    rule(para(left, "", 6, align=center), 2.2, 6.6)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True, align=center)
    para(right, "Độc lập - Tự do - Hạnh phúc", 14, bold=True, underline=True, align=center)
    number_cell, date_cell = header.rows[1].cells
    para(number_cell, "Số: {{ so_van_ban }}", 13, align=center, before=6)
    para(date_cell, "{{ dia_danh_ngay }}", 14, italic=True, align=center, before=6)

    # Title.
    para(doc, "BÁO CÁO", 14, bold=True, align=center, before=18)
    para(doc, "{{ trich_yeu }}", 14, bold=True, align=center)
    tag(doc, "{%p if don_vi %}")
    para(doc, "({{ don_vi }})", 14, italic=True, align=center)
    tag(doc, "{%p endif %}")
    rule(para(doc, "", 6, align=center, before=4), 3.5, TEXT_WIDTH_CM)
    para(doc, "", 6)

    def heading(text):
        para(doc, text, BODY_PT, bold=True, before=6, after=3, indent=True, align=justify, keep=True)

    def body(text, italic=False, size=BODY_PT):
        para(doc, text, size, italic=italic, after=6, indent=True, align=justify)

    def paragraphs(name, item="doan"):
        tag(doc, f"{{%p for {item} in {name} %}}")
        body(f"{{{{ {item} }}}}")
        tag(doc, "{%p endfor %}")

    def written(name, title):
        heading(title)
        tag(doc, f"{{%p if {name} %}}")
        paragraphs(name)
        tag(doc, "{%p else %}")
        body("Không có.")
        tag(doc, "{%p endif %}")

    heading("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ")
    heading("1. Tình hình chung")
    paragraphs("tinh_hinh_chung")
    heading("2. Kết quả nổi bật")
    tag(doc, "{%p if ket_qua_noi_bat %}")
    paragraphs("ket_qua_noi_bat")
    tag(doc, "{%p else %}")
    body("Không có.")
    tag(doc, "{%p endif %}")

    heading("3. Số liệu tổng hợp")
    grid(["STT", "Nội dung", "Số liệu"], ["stt", "noi_dung", "so_lieu"], [1.3, 11.7, 3.5], "tong_hop", (0, 2))
    para(doc, "", 6)

    heading("4. Kết quả theo {{ tieu_de_bang_don_vi|lower }}")
    numeric = [f.key for f in TABLE_FIGURES]
    widths = [1.15 if f.kind == "count" else 1.2 for f in TABLE_FIGURES]
    name_width = round(TEXT_WIDTH_CM - 0.7 - sum(widths), 2)
    grid(
        ["TT", "{{ tieu_de_bang_don_vi }}", *[f.column for f in TABLE_FIGURES]],
        ["stt", "ten", *numeric],
        [0.7, name_width, *widths],
        "theo_don_vi",
        (0, *range(2, 2 + len(numeric))),
        UNIT_TABLE_PT,
        group_row=[("TT", 1, False), ("{{ tieu_de_bang_don_vi }}", 1, False), *table_groups()],
        head_size=UNIT_TABLE_PT - 1,
        margin=0.05,
    )
    para(doc, "", 6)
    tag(doc, "{%p if bieu_do %}")
    para(doc, "{{ bieu_do }}", align=center)
    para(
        doc,
        "Biểu đồ 1. Tình hình thực hiện nhiệm vụ theo {{ tieu_de_bang_don_vi|lower }}",
        12,
        italic=True,
        align=center,
        after=6,
    )
    tag(doc, "{%p endif %}")

    heading("5. Nhiệm vụ quá hạn chưa hoàn thành")
    tag(doc, "{%p if qua_han %}")
    grid(
        ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Số ngày quá hạn", "Báo cáo gần nhất", "Lý do"],
        ["stt", "nhiem_vu", "don_vi", "thoi_han", "so_ngay", "bao_cao", "ly_do"],
        [1.0, 4.0, 2.5, 2.4, 1.6, 3.0, 2.0],
        "qua_han",
        (0, 3, 4),
    )
    tag(doc, "{%p if qua_han_them %}")
    body("{{ qua_han_them }}", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    body("Không có nhiệm vụ quá hạn.")
    tag(doc, "{%p endif %}")

    heading("6. Gia hạn thực hiện nhiệm vụ")
    tag(doc, "{%p if gia_han %}")
    body("Trong kỳ, lãnh đạo đã duyệt {{ so_luot_gia_han }} lượt gia hạn:")
    grid(
        ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn cũ", "Thời hạn mới", "Lý do gia hạn"],
        ["stt", "nhiem_vu", "don_vi", "thoi_han_cu", "thoi_han_moi", "ly_do"],
        [1.0, 4.2, 2.6, 2.4, 2.4, 3.9],
        "gia_han",
        (0, 3, 4),
    )
    tag(doc, "{%p else %}")
    body("Trong kỳ không có nhiệm vụ được gia hạn.")
    tag(doc, "{%p endif %}")

    heading("7. Chỉ tiêu và kinh phí")
    tag(doc, "{%p if chi_tieu %}")
    body("{{ kinh_phi }}")
    grid(
        ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Chỉ tiêu, sản phẩm", "Kinh phí (triệu đồng)", "Tình trạng"],
        ["stt", "nhiem_vu", "don_vi", "chi_tieu", "kinh_phi", "tinh_trang"],
        [1.0, 4.5, 2.6, 3.4, 1.9, 3.1],
        "chi_tieu",
        (0, 4),
    )
    tag(doc, "{%p else %}")
    body("Trong kỳ không có nhiệm vụ có chỉ tiêu hoặc kinh phí.")
    tag(doc, "{%p endif %}")

    heading("8. Công tác đôn đốc")
    body("{{ don_doc }}")
    tag(doc, "{%p for g in ghi_chu_danh_sach %}")
    body("({{ g }})", italic=True)
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p if xep_loai_don_vi %}")
    heading("9. Kết quả xếp loại")
    body("{{ cong_thuc_xep_loai }}", italic=True, size=12)
    body("a) Xếp loại theo {{ nhan_xep_loai|lower }}:")
    ranking_fields = ["stt", "ten", "diem", "xep_loai", "cach_tinh"]
    ranking_widths = [1.0, 3.2, 1.5, 2.8, 8.0]
    grid(
        ["TT", "{{ nhan_xep_loai }}", "Điểm", "Xếp loại", "Cách tính"],
        ranking_fields,
        ranking_widths,
        "xep_loai_don_vi",
        (0, 2),
    )
    tag(doc, "{%p if xep_loai_ca_nhan %}")
    body("b) Xếp loại cá nhân được giao nhiệm vụ:")
    grid(
        ["TT", "Người được giao", "Điểm", "Xếp loại", "Cách tính"],
        ranking_fields,
        ranking_widths,
        "xep_loai_ca_nhan",
        (0, 2),
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")

    written("ton_tai_han_che", "II. TỒN TẠI, HẠN CHẾ, NGUYÊN NHÂN")
    written("nhiem_vu_trong_tam", "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI")
    written("kien_nghi", "IV. KIẾN NGHỊ, ĐỀ XUẤT")
    para(doc, "", 6)

    # Nơi nhận and the signing block.
    closing = doc.add_table(rows=1, cols=2)
    closing.autofit = False
    no_borders(closing)
    fix_widths(closing, [8.0, 8.5])
    left, right = closing.rows[0].cells
    for cell in (left, right):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    para(left, "Nơi nhận:", 12, bold=True, italic=True, before=6)
    tag(left, "{%p for n in noi_nhan %}")
    para(left, "- {{ n }}", 11)
    tag(left, "{%p endfor %}")
    tag(right, "{%p for t in tham_quyen %}")
    para(right, "{{ t }}", 14, bold=True, align=center)
    tag(right, "{%p endfor %}")
    para(right, "{{ chuc_vu }}", 14, bold=True, align=center)
    for _ in range(4):
        para(right, "", 14)
    para(right, "{{ nguoi_ky }}", 14, bold=True, align=center)

    # The notes, on a page of their own.
    breaker = para(doc, "")
    breaker.add_run().add_break(WD_BREAK.PAGE)
    para(doc, "GHI CHÚ VỀ SỐ LIỆU", 14, bold=True, align=center, after=6)
    para(
        doc,
        "(Kèm theo Báo cáo {{ trich_yeu|lower }} của {{ ten_co_quan }})",
        13,
        italic=True,
        align=center,
        after=6,
    )
    tag(doc, "{%p for g in ghi_chu_ky %}")
    para(doc, "{{ g }}", 12, after=4, indent=True, align=justify)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for g in dinh_nghia %}")
    meaning = para(doc, "{{ g.nhan }}", 12, bold=True, after=4, indent=True, align=justify)
    font(meaning.add_run(": {{ g.noi_dung }}"), 12)
    tag(doc, "{%p endfor %}")

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def main():
    from_here = ROOT / "dieuhanh" / "reports" / "templates" / "reports" / "docx" / "bao-cao-nd30.docx"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(from_here))
    args = parser.parse_args()
    Path(args.out).write_bytes(build())
    print(f"Đã ghi {args.out}")


if __name__ == "__main__":
    main()
