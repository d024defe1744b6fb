"""The dashboard (tổng quan) for leaders, trackers, viewers and admins."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from dieuhanh.core.badinput import query_status
from dieuhanh.core.form_fields import RowChoiceField, VnDateField
from dieuhanh.org.access import ORG_ROLES, access_of
from dieuhanh.org.constants import UnitKind
from dieuhanh.org.models import Unit
from dieuhanh.tasks.dashboard import PERIODS, build_dashboard, period_bounds
from dieuhanh.tasks.forms.filters import PlainSelect

DEFAULT_PERIOD = "year"


class DashboardForm(forms.Form):
    period = forms.ChoiceField(
        label="Kỳ", choices=list(PERIODS.items()), required=False, initial=DEFAULT_PERIOD
    )
    start = VnDateField(label="Từ ngày", required=False)
    end = VnDateField(label="Đến ngày", required=False)
    commune = RowChoiceField(
        label="Xã, phường",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="Tất cả xã, phường",
        widget=PlainSelect,
    )

    def __init__(self, data, *, access, **kwargs):
        if data is not None and not data.get("period"):
            # The select must show the period the figures are for: the year unless another is chosen.
            data = data.copy()
            data["period"] = DEFAULT_PERIOD
        super().__init__(data, **kwargs)
        self.fields["commune"].queryset = access.visible_units().filter(kind=UnitKind.COMMUNE)

    def clean(self):
        data = super().clean()
        if data.get("period") == "custom":
            if not data.get("start") or not data.get("end"):
                raise forms.ValidationError("Kỳ tùy chọn cần có cả ngày bắt đầu và ngày kết thúc.")
            if data["start"] > data["end"]:
                self.add_error("end", "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")
        return data

    def bounds(self, today):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("period") == "custom":
            return data["start"], data["end"]
        return period_bounds(data.get("period") or DEFAULT_PERIOD, today)


@login_required
def dashboard(request):
    access = access_of(request)
    if not (access.is_superuser or access.has_role(*ORG_ROLES)):
        raise PermissionDenied
    today = timezone.localdate()
    form = DashboardForm(request.GET or None, access=access)
    start, end = form.bounds(today)
    commune = form.cleaned_data.get("commune") if form.is_bound and form.is_valid() else None
    board = build_dashboard(access, start, end, today, commune=commune)
    link = {"period_start": start.strftime("%d/%m/%Y"), "period_end": end.strftime("%d/%m/%Y")}
    if commune is not None:
        link["commune"] = commune.pk
    return render(
        request,
        "tasks/dashboard.html",
        {
            "form": form,
            "board": board,
            "link": link,
            "show_commune": board.province_view,
            "today": today,
        },
        status=query_status(form),
    )
