"""A sheet's page: the score, the products, and the form of the step this person may take.

Every form posts to `sheet_action`, which validates it and calls the cycle service; the
service checks the person's right again and its Vietnamese message is shown when it refuses.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dieuhanh.evaluation import forms as f
from dieuhanh.evaluation.access import (
    can_approve,
    can_review,
    can_self_assess,
    is_direct_leader,
    visible_sheets,
)
from dieuhanh.evaluation.constants import Stage
from dieuhanh.evaluation.models import Sheet
from dieuhanh.evaluation.presentation import general_basis, product_lines, score_rows, sheet_rules, vn_points
from dieuhanh.evaluation.services import cycle
from dieuhanh.evaluation.services.errors import EvaluationError
from dieuhanh.evaluation.services.products import not_yet_due
from dieuhanh.evaluation.services.scores import SCORED, quota_check, subordinates
from dieuhanh.org.access import access_of


def visible_sheet_or_404(request, pk: int) -> Sheet:
    qs = visible_sheets(
        access_of(request), Sheet.objects.select_related("period__organisation", "unit", "person")
    )
    return get_object_or_404(qs, pk=pk)


def _may(access, sheet) -> dict:
    may = {
        "self_assess": can_self_assess(access, sheet),
        "review": can_review(access, sheet),
        "approve": can_approve(access, sheet),
    }
    may["return"] = may["approve"] or (sheet.stage == Stage.SUBMITTED and is_direct_leader(access, sheet))
    may["refresh"] = may["self_assess"] or may["review"]
    return may


def _shown(points):
    """Points as the person typed them (27,5 rather than 27,50)."""
    return None if points is None else vn_points(points)


def _self_form(sheet, top, data=None):
    initial = {"general": _shown(sheet.self_general), "notes": sheet.self_notes}
    for p in sheet.products.all():
        initial[f"note_{p.pk}"], initial[f"cause_{p.pk}"] = p.result_note, p.objective_cause
    return f.SelfAssessmentForm(data, initial=initial, products=list(sheet.products.all()), top=top)


def _review_form(sheet, top, data=None):
    initial = {
        "general": sheet.leader_general,
        "comment": sheet.leader_comment,
        "discipline": sheet.discipline,
    }
    for p in sheet.products.all():
        initial[f"weight_{p.pk}"] = vn_points(p.weight)
        initial[f"failed_{p.pk}"], initial[f"waived_{p.pk}"] = p.quality_failed, p.waived
    return f.ReviewForm(data, initial=initial, products=list(sheet.products.all()), top=top)


FORMS = {
    "tu-danh-gia": lambda sheet, top, data: _self_form(sheet, top, data),
    "danh-gia": lambda sheet, top, data: _review_form(sheet, top, data),
    "phe-duyet": lambda sheet, top, data: f.ApproveForm(data),
    "tra-lai": lambda sheet, top, data: f.ReturnForm(data),
}
ALLOWED = {"tu-danh-gia": "self_assess", "danh-gia": "review", "phe-duyet": "approve", "tra-lai": "return"}


def sheet_context(request, sheet, bound: dict | None = None) -> dict:
    access = access_of(request)
    rules = sheet_rules(sheet)
    may = _may(access, sheet)
    bound = bound or {}
    forms = {
        slug.replace("-", "_"): bound.get(slug) or FORMS[slug](sheet, rules.general_points, None)
        for slug, right in ALLOWED.items()
        if may[right]
    }
    lines = product_lines(sheet, access)
    review_form, self_form = forms.get("danh_gia"), forms.get("tu_danh_gia")
    rows = [
        {
            "line": line,
            "review": review_form
            and [review_form[f"{k}_{line.product.pk}"] for k in ("weight", "failed", "waived")],
            "own": self_form and [self_form[f"{k}_{line.product.pk}"] for k in ("note", "cause")],
        }
        for line in lines
    ]
    context = {
        "sheet": sheet,
        "period": sheet.period,
        "rules": rules,
        "rows": rows,
        "scores": score_rows(sheet, rules),
        "general_basis": general_basis(sheet),
        "may": may,
        "forms": forms,
        "not_yet_due": 0 if sheet.is_approved else not_yet_due(sheet, timezone.localdate()),
        "quota": quota_check(sheet) if may["approve"] else None,
    }
    if sheet.is_head:
        context["subordinates"] = list(subordinates(sheet).order_by("unit__path", "person__full_name"))
        context["scored"] = SCORED
    return context


@login_required
def sheet_detail(request, pk: int):
    sheet = visible_sheet_or_404(request, pk)
    return render(request, "evaluation/sheet.html", sheet_context(request, sheet))


def _run(action, sheet, user, form):
    d = form.cleaned_data
    if action == "tu-danh-gia":
        submit = "gui" in form.data
        cycle.self_assess(
            sheet, user, general=d["general"], notes=d["notes"], entries=form.entries(), submit=submit
        )
        return "Đã gửi tự đánh giá tới lãnh đạo trực tiếp." if submit else "Đã lưu tự đánh giá (chưa gửi)."
    if action == "danh-gia":
        submit = "gui" in form.data
        cycle.review(
            sheet,
            user,
            general=d["general"],
            comment=d["comment"],
            discipline=d["discipline"] or "",
            entries=form.entries(),
            submit=submit,
        )
        return "Đã đánh giá và chuyển phê duyệt." if submit else "Đã lưu đánh giá (chưa chuyển phê duyệt)."
    if action == "phe-duyet":
        cycle.approve(sheet, user, note=d["note"], confirm_quota=d["confirm_quota"])
        return "Đã phê duyệt kết quả đánh giá, xếp loại."
    cycle.return_sheet(sheet, user, reason=d["reason"])
    return "Đã trả lại phiếu để sửa."


@login_required
@require_POST
def sheet_action(request, pk: int, action: str):
    sheet = visible_sheet_or_404(request, pk)
    if action == "cap-nhat-san-pham":
        try:
            cycle.refresh_products(sheet, request.user)
        except EvaluationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Đã cập nhật danh sách sản phẩm theo các nhiệm vụ được giao.")
        return redirect("evaluation:sheet", pk=sheet.pk)
    if action not in FORMS:
        raise Http404
    rules = sheet_rules(sheet)
    form = FORMS[action](sheet, rules.general_points, request.POST)
    if not form.is_valid():
        messages.error(request, "Chưa thực hiện được: vui lòng kiểm tra các ô được đánh dấu.")
        return render(
            request, "evaluation/sheet.html", sheet_context(request, sheet, {action: form}), status=400
        )
    try:
        done = _run(action, sheet, request.user, form)
    except EvaluationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("evaluation:sheet", pk=sheet.pk)
