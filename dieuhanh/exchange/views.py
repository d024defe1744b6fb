"""The report package page: a commune exports its signed package; the office above it registers
the commune's key, receives its packages and sees them in its roll-up for the period."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from dieuhanh.exchange import receiving
from dieuhanh.exchange.forms import KeyForm, PeriodForm, ReceiveForm
from dieuhanh.exchange.models import ReceivedPackage, SenderKey, SentPackage, SigningKey
from dieuhanh.exchange.package import PackageError, build_package, exporting_organisations
from dieuhanh.exchange.rollup import COLUMNS, rollup_rows
from dieuhanh.org.access import access_of
from dieuhanh.tasks.access import DECIDERS

# A province has about a hundred communes: two pages at most.
ROLLUP_PAGE_SIZE = 50


def _context(request, **forms):
    access = access_of(request)
    sending = exporting_organisations(access)
    receiving_from = receiving.senders(request.user)
    if not sending.exists() and not receiving_from.exists():
        raise Http404
    period_form = PeriodForm(request.GET or None)
    spec, cutoff = None, None
    if period_form.is_bound and period_form.is_valid():
        spec, cutoff = period_form.cleaned_data["period"], period_form.cleaned_data["cutoff"]
    deciders = receiving.senders(request.user, DECIDERS)
    page = Paginator(receiving_from, ROLLUP_PAGE_SIZE).get_page(request.GET.get("page")) if spec else None
    return {
        "sending": [(org, SigningKey.objects.filter(organisation=org).first()) for org in sending],
        "sent": SentPackage.objects.filter(organisation__in=sending).select_related(
            "organisation", "sent_by"
        )[:20],
        "export_form": forms.get("export_form") or PeriodForm(),
        "receiving": receiving_from.exists(),
        "period_form": period_form,
        "period": (spec, cutoff),
        "rows": rollup_rows(page, spec, cutoff) if spec else [],
        "page_obj": page,
        "columns": COLUMNS,
        "receive_form": forms.get("receive_form")
        or ReceiveForm(initial={"period": spec, "cutoff": cutoff or 14}),
        "recent": ReceivedPackage.objects.filter(unit__in=receiving_from)
        .select_related("unit")
        .order_by("-received_at", "-id")[:20],
        "keys": SenderKey.objects.filter(unit__in=receiving_from)
        .select_related("unit")
        .order_by("unit__name", "-registered_at"),
        "key_form": forms.get("key_form") or (KeyForm(units=deciders) if deciders.exists() else None),
    }


@login_required
def index(request):
    if request.method == "POST":
        return _post(request)
    return render(request, "exchange/index.html", _context(request))


def _post(request):
    kind = request.POST.get("kind")
    try:
        if kind == "export":
            return _export(request)
        if kind == "receive":
            return _receive(request)
        if kind == "key":
            return _register(request)
    except PackageError as exc:
        messages.error(request, str(exc))
        return render(request, "exchange/index.html", _context(request), status=400)
    raise Http404


def _export(request):
    form = PeriodForm(request.POST)
    organisations = exporting_organisations(access_of(request))
    chosen = request.POST.get("organisation", "")
    if chosen:
        organisation = (
            organisations.filter(pk=int(chosen)).first() if chosen.isdigit() and len(chosen) < 19 else None
        )
    else:
        organisation = organisations.first()
    if organisation is None:
        raise PackageError("forbidden", "Bạn không có quyền lập gói báo cáo của xã, phường này.")
    if not form.is_valid():
        return render(request, "exchange/index.html", _context(request, export_form=form), status=400)
    d = form.cleaned_data
    package = build_package(organisation, request.user, d["period"], d["cutoff"])
    response = HttpResponse(
        json.dumps(package, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    name = f"goi-bao-cao-{organisation.code}-{d['period']}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _receive(request):
    form = ReceiveForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "exchange/index.html", _context(request, receive_form=form), status=400)
    d = form.cleaned_data
    package = receiving.receive(receiving.read_json(d["file"].read()), request.user, d["period"], d["cutoff"])
    messages.success(request, f"Đã nhận gói báo cáo {package.period_label} của {package.unit.name}.")
    return redirect(reverse("exchange:index") + f"?period={d['period']}&cutoff={d['cutoff']}")


def _register(request):
    form = KeyForm(request.POST, units=receiving.senders(request.user, DECIDERS))
    if not form.is_valid():
        return render(request, "exchange/index.html", _context(request, key_form=form), status=400)
    key = receiving.register_key(form.cleaned_data["unit"], form.cleaned_data["public_key"], request.user)
    messages.success(request, f"Đã đăng ký khóa {key.key_id} của {key.unit.name}.")
    return redirect("exchange:index")


@login_required
def package(request, pk: int):
    received = get_object_or_404(
        ReceivedPackage.objects.filter(unit__in=receiving.senders(request.user)).select_related(
            "unit", "received_by"
        ),
        pk=pk,
    )
    return render(request, "exchange/package.html", {"package": received, "payload": received.payload})
