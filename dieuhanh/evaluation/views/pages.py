"""The evaluation's landing page, opening a period, a period's unit summary and the year's results."""

from collections import OrderedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dieuhanh.evaluation.access import (
    EVALUATED_ROLES,
    ORGANISERS,
    approvable_sheets,
    can_open_period,
    reviewable_sheets,
    visible_sheets,
)
from dieuhanh.evaluation.constants import BANDS, Stage
from dieuhanh.evaluation.forms import OpenPeriodForm
from dieuhanh.evaluation.models import Period, Sheet
from dieuhanh.evaluation.presentation import year_rule_text
from dieuhanh.evaluation.rules import rules_for
from dieuhanh.evaluation.services.errors import EvaluationError
from dieuhanh.evaluation.services.periods import open_period, previous_period
from dieuhanh.evaluation.services.scores import SCORED, unit_quota
from dieuhanh.evaluation.services.year import year_rows
from dieuhanh.org.access import access_of
from dieuhanh.org.constants import ORGANISATION_KINDS
from dieuhanh.org.models import Unit

RECENT = 12


def organiser_organisations(access):
    """The organisations this person may open periods for."""
    if access.user is None:
        return Unit.objects.none()
    q = Q(pk__in=[])
    for path in access.org_paths(ORGANISERS):
        q |= Q(path__startswith=path)
    return Unit.objects.filter(q, kind__in=ORGANISATION_KINDS, is_active=True)


def _open_form(access, data=None):
    organisations = organiser_organisations(access)
    first = organisations.first()
    if first is None:
        return None
    year, number = previous_period(rules_for(first).cycle, timezone.localdate())
    return OpenPeriodForm(
        data, organisations=organisations, initial={"organisation": first, "year": year, "number": number}
    )


def _periods(access):
    """The periods with sheets this person sees, newest first, with their counts by step."""
    counts = (
        visible_sheets(access)
        .values("period")
        .annotate(
            total=Count("pk"),
            **{stage: Count("pk", filter=Q(stage=stage)) for stage in Stage.values},
        )
    )
    by_period = {row["period"]: row for row in counts}
    periods = (
        Period.objects.filter(pk__in=by_period)
        .select_related("organisation")
        .order_by("-year", "-number", "organisation__path")
    )
    return [(p, by_period[p.pk]) for p in periods[:RECENT]]


@login_required
def home(request):
    access = access_of(request)
    base = Sheet.objects.select_related("period__organisation", "unit", "person")
    context = {
        "evaluated": access.has_role(*EVALUATED_ROLES),
        "mine": base.filter(person=request.user).order_by("-period__year", "-period__number")[:RECENT],
        "to_review": reviewable_sheets(access).select_related("period", "unit", "person"),
        "to_approve": approvable_sheets(access).select_related("period", "unit", "person"),
        "periods": _periods(access),
        "open_form": _open_form(access),
        "this_year": timezone.localdate().year,
    }
    return render(request, "evaluation/home.html", context)


@login_required
@require_POST
def open_period_view(request):
    access = access_of(request)
    form = _open_form(access, request.POST)
    if form is None:
        raise Http404
    if not form.is_valid():
        messages.error(
            request, "Chưa mở được kỳ: " + " ".join(e for errs in form.errors.values() for e in errs)
        )
        return redirect("evaluation:home")
    d = form.cleaned_data
    try:
        period, made = open_period(d["organisation"], request.user, year=d["year"], number=d["number"])
    except EvaluationError as exc:
        messages.error(request, str(exc))
        return redirect("evaluation:home")
    messages.success(request, f"Đã mở kỳ đánh giá {period.label}: thêm {len(made)} phiếu.")
    return redirect("evaluation:period", pk=period.pk)


def visible_period_or_404(request, pk: int) -> tuple[Period, list[Sheet]]:
    """The period and the sheets of it this person sees (none seen: not found)."""
    period = get_object_or_404(Period.objects.select_related("organisation"), pk=pk)
    sheets = list(
        visible_sheets(access_of(request), period.sheets.all())
        .select_related("person", "unit", "period__organisation")
        .order_by("unit__path", "-is_head", "person__full_name", "id")
    )
    if not sheets and not can_open_period(access_of(request), period.organisation):
        raise Http404
    return period, sheets


def unit_groups(sheets: list[Sheet], rules):
    """The sheets by unit, each unit with its counts by band and its quota."""
    groups: OrderedDict = OrderedDict()
    for sheet in sheets:
        groups.setdefault(sheet.unit, []).append(sheet)
    return [
        {
            "unit": unit,
            "sheets": rows,
            "bands": [(band, sum(1 for s in rows if s.band == band and s.stage in SCORED)) for band in BANDS],
            "quota": unit_quota(rows, rules),
        }
        for unit, rows in groups.items()
    ]


@login_required
def period_summary(request, pk: int):
    period, sheets = visible_period_or_404(request, pk)
    rules = rules_for(period.organisation)
    context = {
        "period": period,
        "groups": unit_groups(sheets, rules),
        "rules": rules,
        "count": len(sheets),
        "scored": SCORED,
    }
    return render(request, "evaluation/period.html", context)


def year_organisations(access, year: int):
    ids = visible_sheets(access).filter(period__year=year).values("period__organisation")
    return Unit.objects.filter(pk__in=ids).order_by("path")


# Years a sheet can belong to; anything else typed in the address is not found.
YEARS = range(2000, 2101)


def year_context(request, year: int) -> dict:
    if year not in YEARS:
        raise Http404
    access = access_of(request)
    organisations = list(year_organisations(access, year))
    if not organisations:
        return {"year": year, "organisations": [], "organisation": None, "rows": [], "rules": None}
    chosen = request.GET.get("co-quan")
    organisation = next((o for o in organisations if str(o.pk) == chosen), organisations[0])
    rules, rows = year_rows(organisation, year, visible_sheets(access))
    return {
        "year": year,
        "organisations": organisations,
        "organisation": organisation,
        "rows": rows,
        "rules": rules,
        "numbers": list(range(1, rules.periods_per_year + 1)),
        "rule_text": year_rule_text(rules),
    }


@login_required
def year_results(request, year: int):
    return render(request, "evaluation/year.html", year_context(request, year))
