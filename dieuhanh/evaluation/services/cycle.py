"""The steps of a sheet: self-assessment → the direct leader's review → approval; returns at each step.

Each step checks the person's right again (the page may be stale), locks the sheet row, and is
written to the audit log under a note naming the step.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from dieuhanh.core.audit import acting_as
from dieuhanh.evaluation.access import can_approve, can_review, can_self_assess, is_direct_leader
from dieuhanh.evaluation.constants import Discipline, Stage
from dieuhanh.evaluation.models import Sheet
from dieuhanh.evaluation.rules import rules_for, rules_snapshot
from dieuhanh.evaluation.services.errors import EvaluationError
from dieuhanh.evaluation.services.products import sync_products
from dieuhanh.evaluation.services.scores import quota_check, refresh_scores
from dieuhanh.org.access import Access
from dieuhanh.reports.formatting import vn_decimal

MIN_WEIGHT, MAX_WEIGHT = Decimal("0.1"), Decimal(100)


@dataclass(frozen=True)
class OfficialEntry:
    """What the official writes on one product."""

    result_note: str = ""
    objective_cause: str = ""


@dataclass(frozen=True)
class LeaderEntry:
    """What the direct leader decides on one product."""

    weight: Decimal = Decimal(1)
    quality_failed: bool = False
    waived: bool = False


def _locked(sheet: Sheet) -> Sheet:
    return Sheet.objects.select_for_update().select_related("period__organisation", "unit").get(pk=sheet.pk)


def _general(value, sheet: Sheet) -> Decimal:
    top = rules_for(sheet.period.organisation).general_points
    if value is None:
        raise EvaluationError("Cần chấm điểm tiêu chí chung.")
    value = Decimal(value)
    if not 0 <= value <= top:
        raise EvaluationError(f"Điểm tiêu chí chung phải từ 0 đến {vn_decimal(top, 0)}.")
    return value


def _products(sheet: Sheet, entries: dict) -> list:
    products = {p.pk: p for p in sheet.products.all()}
    unknown = set(entries) - set(products)
    if unknown:
        raise EvaluationError("Danh sách sản phẩm đã thay đổi; hãy tải lại trang.")
    return [(products[pk], entry) for pk, entry in entries.items()]


@transaction.atomic
def refresh_products(sheet: Sheet, actor) -> Sheet:
    """Bring the product list up to date: the official before submitting, the leader before scoring."""
    sheet = _locked(sheet)
    access = Access.of(actor)
    if not (can_self_assess(access, sheet) or can_review(access, sheet)):
        raise EvaluationError("Bạn không thể cập nhật danh sách sản phẩm của phiếu này ở bước hiện tại.")
    with acting_as(actor, note="Cập nhật danh sách sản phẩm"):
        sync_products(sheet, timezone.localdate())
        refresh_scores(sheet)
    return sheet


@transaction.atomic
def self_assess(
    sheet: Sheet, actor, *, general, notes: str, entries: dict[int, OfficialEntry], submit: bool
) -> Sheet:
    """Save the official's self-assessment; `submit` sends it to the direct leader."""
    sheet = _locked(sheet)
    if not can_self_assess(Access.of(actor), sheet):
        raise EvaluationError("Chỉ công chức có phiếu tự đánh giá, khi phiếu chưa gửi lãnh đạo.")
    with acting_as(actor, note="Gửi tự đánh giá" if submit else "Lưu tự đánh giá"):
        if submit:
            sync_products(sheet, timezone.localdate())
        for product, entry in _products(sheet, entries):
            product.result_note = entry.result_note.strip()
            product.objective_cause = entry.objective_cause.strip()
            product.save(update_fields=["result_note", "objective_cause"])
        sheet.self_general = _general(general, sheet) if (submit or general is not None) else None
        sheet.self_notes = notes.strip()
        if submit:
            if not sheet.self_notes:
                raise EvaluationError("Cần ghi tự nhận xét trước khi gửi lãnh đạo.")
            sheet.stage, sheet.submitted_at = Stage.SUBMITTED, timezone.now()
        refresh_scores(sheet)
    return sheet


@transaction.atomic
def review(
    sheet: Sheet,
    actor,
    *,
    general,
    comment: str,
    discipline: str,
    entries: dict[int, LeaderEntry],
    submit: bool,
) -> Sheet:
    """Save the direct leader's scores; `submit` sends the sheet for approval."""
    sheet = _locked(sheet)
    if not can_review(Access.of(actor), sheet):
        raise EvaluationError("Bạn không phải lãnh đạo trực tiếp đánh giá phiếu này ở bước hiện tại.")
    if discipline not in Discipline.values:
        raise EvaluationError("Hình thức kỷ luật không hợp lệ.")
    with acting_as(actor, note="Lãnh đạo trực tiếp đánh giá" if submit else "Lưu đánh giá của lãnh đạo"):
        for product, entry in _products(sheet, entries):
            if not MIN_WEIGHT <= entry.weight <= MAX_WEIGHT:
                raise EvaluationError("Hệ số quy đổi của sản phẩm phải từ 0,1 đến 100.")
            product.weight, product.quality_failed, product.waived = (
                entry.weight,
                entry.quality_failed,
                entry.waived,
            )
            product.save(update_fields=["weight", "quality_failed", "waived"])
        sheet.leader_general = _general(general, sheet) if (submit or general is not None) else None
        sheet.leader_comment = comment.strip()
        sheet.discipline = discipline
        if submit:
            if not sheet.leader_comment:
                raise EvaluationError("Cần ghi nhận xét, đánh giá của lãnh đạo trực tiếp.")
            sheet.stage, sheet.reviewed_by, sheet.reviewed_at = Stage.REVIEWED, actor, timezone.now()
            sheet.returned_note, sheet.returned_by = "", None
        refresh_scores(sheet)
    return sheet


@transaction.atomic
def approve(sheet: Sheet, actor, *, note: str = "", confirm_quota: bool = False) -> Sheet:
    """Approve the reviewed sheet and freeze its numbers with the rules used.

    Over the 20% quota of its unit, approval needs `confirm_quota` (the warning was read); the
    warning is kept on the sheet.
    """
    sheet = _locked(sheet)
    if not can_approve(Access.of(actor), sheet):
        raise EvaluationError("Chỉ lãnh đạo UBND phê duyệt được phiếu đã qua lãnh đạo trực tiếp đánh giá.")
    with acting_as(actor, note="Phê duyệt kết quả đánh giá"):
        refresh_scores(sheet)
        warning = quota_check(sheet).warning
        if warning and not confirm_quota:
            raise EvaluationError(f"Cảnh báo tỷ lệ: {warning} Đánh dấu ô xác nhận nếu vẫn phê duyệt.")
        sheet.stage, sheet.approved_by, sheet.approved_at = Stage.APPROVED, actor, timezone.now()
        sheet.approval_note, sheet.quota_warning = note.strip(), warning
        sheet.returned_note, sheet.returned_by = "", None
        sheet.rules = rules_snapshot(rules_for(sheet.period.organisation))
        sheet.save()
        refresh_scores(sheet)  # the heads above it read its band
    return sheet


@transaction.atomic
def return_sheet(sheet: Sheet, actor, *, reason: str) -> Sheet:
    """Send the sheet back one step: the reviewer to the official, the approver to the reviewer."""
    sheet = _locked(sheet)
    access = Access.of(actor)
    if not (reason or "").strip():
        raise EvaluationError("Cần ghi rõ lý do trả lại.")
    if sheet.stage == Stage.SUBMITTED and is_direct_leader(access, sheet):
        back = Stage.DRAFT
    elif can_approve(access, sheet):
        back = Stage.SUBMITTED
    else:
        raise EvaluationError("Bạn không thể trả lại phiếu này ở bước hiện tại.")
    with acting_as(actor, note="Trả lại phiếu đánh giá"):
        sheet.stage, sheet.returned_note, sheet.returned_by = back, reason.strip(), actor
        refresh_scores(sheet)
    return sheet
