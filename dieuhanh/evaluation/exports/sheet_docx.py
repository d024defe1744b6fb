"""One official's sheet as a .docx: the Nghị định 30/2020 page with the content of the evaluation form.

Header block (the organisation and the unit | Quốc hiệu - Tiêu ngữ, place and date), the title
"PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC" and the period, who is evaluated, then
I. the products, II. the points, III. the self-assessment, IV. the direct leader's review,
V. the result and approval, and the three signatures (official, direct leader, approver).
"""

import io

from django.utils import timezone
from docx import Document

from dieuhanh.evaluation.constants import Discipline, Stage
from dieuhanh.evaluation.exports import docx_parts as d
from dieuhanh.evaluation.models import Sheet
from dieuhanh.evaluation.presentation import (
    general_basis,
    product_lines,
    score_rows,
    sheet_rules,
    vn_points,
)
from dieuhanh.org.access import Access
from dieuhanh.reports.formatting import signing_date, vn_date

PLACE_PREFIXES = ("ủy ban nhân dân", "ubnd")
PLACE_KINDS = ("thành phố", "tỉnh", "phường", "xã", "đặc khu")


def place_of(name: str) -> str:
    """ "Ủy ban nhân dân xã Gia Lộc" → "Gia Lộc", the place written before the date."""
    rest = name
    for prefix in PLACE_PREFIXES:
        if rest.lower().startswith(prefix):
            rest = rest[len(prefix) :].strip()
            break
    for kind in PLACE_KINDS:
        if rest.lower().startswith(kind + " "):
            return rest[len(kind) :].strip()
    return rest


def header_lines(sheet: Sheet) -> tuple[str, list[str]]:
    organisation = sheet.period.organisation
    short = organisation.name.upper().replace("ỦY BAN NHÂN DÂN", "UBND")
    if sheet.unit_id != organisation.pk:
        return short, [sheet.unit.name.upper()]
    upper = organisation.name.upper()
    if upper.startswith("ỦY BAN NHÂN DÂN "):
        return "", ["ỦY BAN NHÂN DÂN", upper[len("ỦY BAN NHÂN DÂN ") :]]
    return "", [upper]


def signed_on(sheet: Sheet):
    for moment in (sheet.approved_at, sheet.reviewed_at, sheet.submitted_at):
        if moment is not None:
            return timezone.localtime(moment).date()
    return None


def place_date(sheet: Sheet) -> str:
    place = place_of(sheet.period.organisation.name)
    day = signed_on(sheet)
    return signing_date(place, day) if day else f"{place}, ngày …… tháng …… năm {sheet.period.year}"


def sheet_docx(sheet: Sheet, access: Access) -> bytes:
    rules = sheet_rules(sheet)
    doc = Document()
    d.setup(doc)
    parent, body = header_lines(sheet)
    d.header_block(doc, parent, body, place_date(sheet))

    d.para(doc, "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC", 14, bold=True, align=d.CENTER, before=12)
    d.para(doc, sheet.period.label.replace("/", " năm "), 14, bold=True, align=d.CENTER)
    d.para(doc, "(theo Nghị định số 335/2025/NĐ-CP)", 13, italic=True, align=d.CENTER, after=12)

    d.labelled(doc, "Họ và tên", str(sheet.person))
    d.labelled(doc, "Chức vụ, chức danh", sheet.title or "Công chức")
    d.labelled(doc, "Đơn vị công tác", f"{sheet.unit.name} — {sheet.period.organisation.name}")

    lines = product_lines(sheet, access)
    d.para(doc, "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO (SẢN PHẨM)", bold=True, before=8, after=4)
    if lines:
        rows = []
        for line in lines:
            cell = [line.label]
            if line.result_note:
                cell.append(f"Kết quả: {line.result_note}")
            if line.objective_cause:
                cell.append(f"Nguyên nhân khách quan: {line.objective_cause}")
            rows.append(
                [
                    str(line.number),
                    cell,
                    vn_date(line.deadline) or "—",
                    vn_date(line.completed_on) or "—",
                    vn_points(line.weight),
                    line.result,
                    line.quality,
                    line.timeliness,
                ]
            )
        d.grid(
            doc,
            ["STT", "Sản phẩm", "Thời hạn", "Ngày hoàn thành", "Quy đổi", "Kết quả", "Chất lượng", "Tiến độ"],
            rows,
            [1.0, 4.4, 2.2, 2.2, 1.1, 2.2, 1.6, 1.8],
            centred=(0, 2, 3, 4),
        )
        as_of = vn_date(sheet.products_as_of) or vn_date(sheet.period.end)
        d.para(doc, f"Danh sách sản phẩm tính đến ngày {as_of}.", 11, italic=True, before=3)
    else:
        d.para(doc, "Không có sản phẩm đến hạn hoặc hoàn thành trong kỳ.", italic=True, indent=True)

    d.para(doc, "II. ĐIỂM ĐÁNH GIÁ", bold=True, before=8, after=4)
    d.grid(
        doc,
        ["Nội dung", "Điểm tối đa", "Điểm đạt"],
        [[row.label, vn_points(row.maximum), vn_points(row.value)] for row in score_rows(sheet, rules)],
        [10.5, 3, 3],
        centred=(1, 2),
        size=12,
    )
    d.para(
        doc,
        f"Tiêu chí chung: công chức tự chấm {vn_points(sheet.self_general)}; lãnh đạo trực tiếp chấm "
        f"{vn_points(sheet.leader_general)}. {general_basis(sheet)}",
        11,
        italic=True,
        before=3,
    )

    d.para(doc, "III. CÔNG CHỨC TỰ NHẬN XÉT, ĐÁNH GIÁ", bold=True, before=8, after=2)
    d.para(doc, sheet.self_notes or "……………………………………………………", indent=True, align=d.JUSTIFY)

    d.para(doc, "IV. NHẬN XÉT, ĐÁNH GIÁ CỦA LÃNH ĐẠO TRỰC TIẾP", bold=True, before=8, after=2)
    d.para(doc, sheet.leader_comment or "……………………………………………………", indent=True, align=d.JUSTIFY)
    if sheet.discipline:
        d.para(doc, f"Kỷ luật trong kỳ: {Discipline(sheet.discipline).label}.", indent=True)

    # The result stays on the page of the signatures under it.
    d.para(doc, "V. KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG", bold=True, before=8, after=2, keep=True)
    total = f"Tổng điểm: {vn_points(sheet.total)} điểm" if sheet.total is not None else "Chưa có tổng điểm"
    result = d.para(doc, indent=True, keep=True)
    d.font(result.add_run(f"{total}. Xếp loại: "))
    d.font(result.add_run(sheet.band), bold=True)
    d.font(result.add_run(f" ({sheet.band_reason})." if sheet.band_reason else "."))
    if sheet.stage == Stage.APPROVED:
        d.para(doc, f"Đã phê duyệt ngày {vn_date(signed_on(sheet))}.", indent=True, keep=True)
        if sheet.approval_note:
            d.para(doc, f"Ý kiến phê duyệt: {sheet.approval_note}", indent=True, align=d.JUSTIFY, keep=True)
        if sheet.quota_warning:
            d.para(
                doc,
                f"Phê duyệt khi đã có cảnh báo tỷ lệ: {sheet.quota_warning}",
                11,
                italic=True,
                indent=True,
                keep=True,
            )
    else:
        d.para(
            doc,
            f"Kết quả tạm tính — {sheet.get_stage_display().lower()}.",
            italic=True,
            indent=True,
            keep=True,
        )

    d.signatures(
        doc,
        [
            ("NGƯỜI TỰ ĐÁNH GIÁ", str(sheet.person)),
            ("LÃNH ĐẠO TRỰC TIẾP", str(sheet.reviewed_by or "")),
            ("NGƯỜI PHÊ DUYỆT", str(sheet.approved_by or "")),
        ],
    )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
