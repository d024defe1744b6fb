"""The report as a .docx, drawn from a Word template an office can change (docxtpl).

The default template (templates/reports/docx/bao-cao-nd30.docx, made by
scripts/build_report_template.py) is the Nghị định 30/2020 layout; an organisation may upload
its own (`models.ReportTemplate`). `template_context` is every field a template can use — the
README beside the template lists them — and the tables by unit and the summary come from
`reports.definitions`, as on the page and in the .xlsx.

Templates are rendered in Jinja's sandbox: an uploaded template is text typed by a person and
must not reach anything but the fields given to it.
"""

import datetime
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import TemplateError as JinjaError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml.etree import XMLSyntaxError

from dieuhanh.reports.charts import status_chart
from dieuhanh.reports.constants import DOCX_ROW_LIMIT
from dieuhanh.reports.definitions import (
    CONFIDENTIAL_NOTE,
    TABLE_FIGURES,
    meanings,
    period_notes,
    summary_lines,
    table_rows,
)
from dieuhanh.reports.figures import ReportFigures
from dieuhanh.reports.formatting import signing_date, vn_date, vn_decimal, vn_int, vn_money
from dieuhanh.reports.narrative import Narrative, prefill
from dieuhanh.reports.rankings import RankingRow
from dieuhanh.reports.summary_text import report_subject, summary_paragraphs

DEFAULT_TEMPLATE = Path(__file__).parent / "templates" / "reports" / "docx" / "bao-cao-nd30.docx"
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
BLANK_NUMBER = "       /BC-UBND"
SUB_INDENT = "\u00a0" * 4  # a "trong đó" line of the summary, set in under the line above


class TemplateProblem(ValueError):
    """A template that cannot be rendered; the message is in Vietnamese."""


@dataclass
class Signing:
    """The signing block and the closing details of the report."""

    authority: list[str] = field(default_factory=lambda: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"])
    title: str = "PHÓ CHỦ TỊCH"
    name: str = ""
    issue_date: datetime.date | None = None
    recipients: list[str] | None = None
    number: str = ""  # "15/BC-UBND" once the văn thư numbers it


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


def default_recipients(f: ReportFigures) -> list[str]:
    recipients = [f"{f.parent_name} (để báo cáo);"] if f.parent_name else []
    return recipients + [
        "Thường trực Đảng ủy, HĐND (để báo cáo);",
        "Chủ tịch, các Phó Chủ tịch UBND;",
        "Lưu: VT, VP.",
    ]


def _rankings(rows: list[RankingRow]) -> list[dict]:
    return [
        {
            "stt": i,
            "ten": r.name,
            "diem": vn_decimal(r.score),
            "xep_loai": r.band,
            "cach_tinh": r.explanation,
        }
        for i, r in enumerate(rows[:DOCX_ROW_LIMIT], 1)
    ]


def template_context(
    f: ReportFigures, narrative: Narrative, signing: Signing, chart: InlineImage | str = ""
) -> dict:
    """Every field a .docx template can use (documented in templates/reports/docx/README.md)."""
    overdue = [
        {
            "stt": i,
            "nhiem_vu": o.summary,
            "don_vi": o.lead_unit,
            "thoi_han": vn_date(o.deadline),
            "so_ngay": vn_int(o.days_overdue),
            "bao_cao": (
                f"{vn_date(o.report_on)} ({o.report_percent}%): {o.report_text}"
                if o.report_on
                else "Chưa báo cáo"
            ),
            "ly_do": o.reason,
        }
        for i, o in enumerate(f.overdue[:DOCX_ROW_LIMIT], 1)
    ]
    extensions = [
        {
            "stt": i,
            "nhiem_vu": e.summary,
            "don_vi": e.lead_unit,
            "thoi_han_cu": vn_date(e.old_date),
            "thoi_han_moi": vn_date(e.new_date),
            "ly_do": e.reason + (" (nguyên nhân khách quan)" if e.objective else ""),
        }
        for i, e in enumerate(f.extensions[:DOCX_ROW_LIMIT], 1)
    ]
    targets = [
        {
            "stt": i,
            "nhiem_vu": t.summary,
            "don_vi": t.lead_unit,
            "chi_tieu": t.target,
            "kinh_phi": vn_money(t.budget),
            "tinh_trang": t.status
            + (f" ({t.percent}%)" if t.percent is not None and t.percent < 100 else ""),
        }
        for i, t in enumerate(f.targets[:DOCX_ROW_LIMIT], 1)
    ]
    keys = [figure.key for figure in TABLE_FIGURES]
    by_unit = [
        {"stt": row.number, "ten": row.name, **dict(zip(keys, row.texts, strict=True))}
        for row in table_rows(f)
    ]
    reminders = (
        "Hệ thống chưa ghi nhận việc đôn đốc (chức năng nhắc việc chưa được bật)."
        if f.reminders_sent is None
        else f"Trong kỳ đã gửi {vn_int(f.reminders_sent)} lượt đôn đốc các đơn vị thực hiện nhiệm vụ."
    )
    rankings = f.rankings
    return {
        "tieu_de": f"Báo cáo {report_subject(f)}",
        "ten_co_quan": f.organisation_name,
        "co_quan_chu_quan": f.parent_name.upper().replace("ỦY BAN NHÂN DÂN", "UBND"),
        "co_quan": "\n".join(body_lines(f.organisation_name)),
        "so_van_ban": signing.number or BLANK_NUMBER,
        "dia_danh_ngay": signing_date(place_of(f.organisation_name), signing.issue_date or f.as_of),
        "trich_yeu": report_subject(f),
        "don_vi": f"Đơn vị: {f.unit_name}" if f.sub_unit else "",
        "ky_bao_cao": f.period.label,
        "tu_ngay": vn_date(f.period.start),
        "den_ngay": vn_date(f.period.end),
        "ngay_xet": vn_date(f.as_of),
        "tinh_hinh_chung": summary_paragraphs(f),
        "tong_hop": [
            {
                "stt": line.number,
                "noi_dung": SUB_INDENT * line.figure.sub + line.figure.label,
                "so_lieu": line.text,
            }
            for line in summary_lines(f)
        ],
        "tieu_de_bang_don_vi": f.group_label,
        "theo_don_vi": by_unit,
        "bieu_do": chart,
        "qua_han": overdue,
        "qua_han_them": (
            f"Danh sách đầy đủ {vn_int(f.rates.overdue)} nhiệm vụ quá hạn tại tệp Excel kèm theo."
            if f.rates.overdue > len(overdue)
            else ""
        ),
        "gia_han": extensions,
        "so_luot_gia_han": vn_int(f.extensions_total),
        "chi_tieu": targets,
        "kinh_phi": (
            f"{vn_int(f.targets_total)} nhiệm vụ có chỉ tiêu hoặc kinh phí; tổng kinh phí "
            f"{vn_money(f.budget.total) or '0'} triệu đồng, trong đó của các nhiệm vụ đã hoàn thành "
            f"{vn_money(f.budget.done_total) or '0'} triệu đồng."
        ),
        "don_doc": reminders,
        "ghi_chu_danh_sach": f.notes,
        "ket_qua_noi_bat": narrative.paragraphs("highlights"),
        "ton_tai_han_che": narrative.paragraphs("shortcomings"),
        "nhiem_vu_trong_tam": narrative.paragraphs("next_focus"),
        "kien_nghi": narrative.paragraphs("proposals"),
        "nhan_xep_loai": rankings.unit_label if rankings else "",
        "cong_thuc_xep_loai": rankings.formula.describe() if rankings else "",
        "xep_loai_don_vi": _rankings(rankings.units) if rankings else [],
        "xep_loai_ca_nhan": _rankings(rankings.people) if rankings else [],
        "ghi_chu_ky": period_notes(f) + ([] if f.holds_confidential else [CONFIDENTIAL_NOTE]),
        "dinh_nghia": [{"nhan": label, "noi_dung": meaning} for label, meaning in meanings(f.soon_days)],
        "noi_nhan": signing.recipients or default_recipients(f),
        "tham_quyen": signing.authority,
        "chuc_vu": signing.title,
        "nguoi_ky": signing.name,
    }


def render(
    template: bytes | None,
    f: ReportFigures,
    narrative: Narrative | None = None,
    signing: Signing | None = None,
) -> bytes:
    """The report rendered with `template` (the default layout when None)."""
    source = io.BytesIO(template) if template is not None else DEFAULT_TEMPLATE
    try:
        tpl = DocxTemplate(source)
        chart = ""
        if f.groups:
            picture = status_chart(f.groups, f"Tình hình thực hiện nhiệm vụ — {f.period.label}")
            chart = InlineImage(tpl, io.BytesIO(picture), width=Cm(15))
        context = template_context(f, narrative or prefill(f), signing or Signing(), chart)
        tpl.render(context, jinja_env=ImmutableSandboxedEnvironment(), autoescape=True)
        out = io.BytesIO()
        tpl.save(out)
    except JinjaError as exc:
        raise TemplateProblem(f"Mẫu báo cáo có lỗi ở trường trộn: {exc}.") from exc
    except XMLSyntaxError as exc:
        raise TemplateProblem(
            "Mẫu báo cáo có trường trộn đặt sai chỗ (ví dụ {%tr %} ngoài một dòng bảng), tệp Word tạo ra bị hỏng."
        ) from exc
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise TemplateProblem("Tệp mẫu không phải tệp Word (.docx) hợp lệ.") from exc
    return out.getvalue()


def build_docx(f: ReportFigures, signing: Signing | None = None, narrative: Narrative | None = None) -> bytes:
    """The report in the default layout."""
    return render(None, f, narrative, signing)
