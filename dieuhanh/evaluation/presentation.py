"""A sheet as people read it — on the page, in the .docx and the .xlsx alike: its product lines
(confidential ones without their text for people not named on the document), the score table
and the rules that were applied."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from dieuhanh.evaluation.access import product_label, readable_product_ids
from dieuhanh.evaluation.constants import Discipline, Stage, YearRule
from dieuhanh.evaluation.models import Product, Sheet
from dieuhanh.evaluation.rules import rules_for, rules_from_snapshot
from dieuhanh.evaluation.scoring import HUNDRED, Rules
from dieuhanh.org.access import Access
from dieuhanh.reports.formatting import vn_decimal


def vn_points(value) -> str:
    """Points as printed: 27,5 — 80,13 — 30 (no trailing zeros), an em dash for none."""
    if value is None:
        return "—"
    text = vn_decimal(value, 2)
    return text.rstrip("0").rstrip(",") if "," in text else text


@dataclass(frozen=True)
class ProductLine:
    product: Product
    number: int
    label: str
    hidden: bool
    deadline: datetime.date | None
    completed_on: datetime.date | None
    result: str
    quality: str
    timeliness: str
    weight: Decimal
    result_note: str
    objective_cause: str


def product_result(p: Product) -> str:
    if not p.done:
        return "Chưa hoàn thành (quá hạn)"
    text = "Hoàn thành trễ hạn" if p.late else "Hoàn thành đúng hạn"
    return f"{text} (chờ xác nhận)" if p.awaiting_approval else text


def product_quality(p: Product) -> str:
    if not p.done:
        return "—"
    if not p.quality_failed:
        return "Đạt"
    return "Không đạt (miễn trừ)" if p.forgiven else "Không đạt"


def product_timeliness(p: Product) -> str:
    if not p.late:
        return "Đúng hạn"
    return "Trễ hạn (miễn trừ)" if p.forgiven else "Trễ hạn"


def product_lines(sheet: Sheet, access: Access) -> list[ProductLine]:
    products = list(sheet.products.all())
    readable = readable_product_ids(access, products)
    lines = []
    for number, p in enumerate(products, start=1):
        hidden = p.pk not in readable
        lines.append(
            ProductLine(
                product=p,
                number=number,
                label=product_label(p, readable),
                hidden=hidden,
                deadline=p.deadline,
                completed_on=p.completed_on,
                result=product_result(p),
                quality=product_quality(p),
                timeliness=product_timeliness(p),
                weight=p.weight,
                result_note="" if hidden else p.result_note,
                objective_cause="" if hidden else p.objective_cause,
            )
        )
    return lines


def sheet_rules(sheet: Sheet) -> Rules:
    """The rules an approved sheet was scored by; the organisation's current ones before that."""
    if sheet.stage == Stage.APPROVED and sheet.rules:
        return rules_from_snapshot(sheet.rules)
    return rules_for(sheet.period.organisation)


@dataclass(frozen=True)
class ScoreRow:
    label: str
    maximum: Decimal
    value: Decimal | None


def score_rows(sheet: Sheet, rules: Rules) -> list[ScoreRow]:
    """The rows of the score table: general criteria, the three criteria (and the unit), totals."""
    personal = (HUNDRED - rules.leader_unit_percent) / HUNDRED if sheet.is_head else Decimal(1)
    rows = [
        ScoreRow("I. Tiêu chí chung", rules.general_points, sheet.general_points),
        ScoreRow("II. Kết quả thực hiện nhiệm vụ", rules.task_points, sheet.task_points),
        ScoreRow("1. Số lượng sản phẩm", rules.quantity_points * personal, sheet.quantity_points),
        ScoreRow("2. Chất lượng sản phẩm", rules.quality_points * personal, sheet.quality_points),
        ScoreRow("3. Tiến độ sản phẩm", rules.timeliness_points * personal, sheet.timeliness_points),
    ]
    if sheet.is_head:
        rows.append(
            ScoreRow(
                "4. Kết quả của đơn vị được giao phụ trách",
                rules.task_points * rules.leader_unit_percent / HUNDRED,
                sheet.unit_points,
            )
        )
    rows.append(ScoreRow("Tổng điểm", rules.general_points + rules.task_points, sheet.total))
    return rows


def general_basis(sheet: Sheet) -> str:
    """Whose general criteria score the total carries, as a sentence."""
    if sheet.leader_general is not None:
        return "Tổng điểm tính theo điểm tiêu chí chung do lãnh đạo trực tiếp chấm."
    if sheet.self_general is not None:
        return "Tổng điểm tạm tính theo điểm tiêu chí chung công chức tự chấm (lãnh đạo chưa chấm)."
    return "Chưa chấm điểm tiêu chí chung: chưa có tổng điểm."


def year_rule_text(rules: Rules) -> str:
    text = (
        f"Cách tính: {YearRule(rules.year_rule).label.lower()} (kỳ không có sản phẩm không tính); "
        f"từ {vn_decimal(rules.excellent_min, 0)} điểm: xuất sắc, từ {vn_decimal(rules.good_min, 0)}: tốt, "
        f"từ {vn_decimal(rules.pass_min, 0)}: hoàn thành, dưới {vn_decimal(rules.pass_min, 0)}: không hoàn thành"
    )
    if rules.discipline_floor:
        floor = Discipline(rules.discipline_floor).label.lower()
        text += f"; bị kỷ luật từ {floor} trở lên trong năm: không hoàn thành nhiệm vụ"
    return text + "."
