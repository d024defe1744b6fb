"""Forms of the report package page: a period, a package file, a commune's public key."""

from django import forms
from django.utils import timezone

from dieuhanh.core.form_fields import RowChoiceField
from dieuhanh.reports.constants import DEFAULT_CUTOFF_DAY
from dieuhanh.reports.forms import period_choices
from dieuhanh.reports.periods import PeriodError, resolve_period


class PeriodForm(forms.Form):
    """The period a package is made for, or the one the province is collecting."""

    period = forms.CharField(
        label="Kỳ báo cáo", widget=forms.Select, error_messages={"required": "Cần chọn kỳ báo cáo."}
    )
    cutoff = forms.IntegerField(
        label="Ngày chốt số liệu",
        min_value=1,
        max_value=28,
        initial=DEFAULT_CUTOFF_DAY,
        error_messages={"invalid": "Ngày chốt số liệu là một số từ 1 đến 28."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        choices = period_choices(today)
        chosen = self.data.get("period") if self.is_bound else None
        known = {code for _, group in choices[1:] for code, _ in group}
        if chosen and chosen not in known:
            choices.append(("Kỳ khác", [(chosen, chosen)]))
        self.fields["period"].widget.choices = choices
        self.fields["period"].initial = f"{today.year}-{today.month:02d}"

    def clean(self):
        data = super().clean()
        if data.get("period") and data.get("cutoff"):
            try:
                data["report_period"] = resolve_period(data["period"], cutoff_day=data["cutoff"])
            except PeriodError as exc:
                self.add_error("period", str(exc))
        return data


class ReceiveForm(PeriodForm):
    file = forms.FileField(
        label="Tệp gói báo cáo (.json)",
        error_messages={"required": "Cần chọn tệp gói báo cáo.", "empty": "Tệp đã chọn không có nội dung."},
    )


class KeyForm(forms.Form):
    unit = RowChoiceField(label="Xã, phường", queryset=None, empty_label="— Chọn xã, phường —")
    public_key = forms.CharField(
        label="Khóa công khai của xã",
        max_length=100,
        help_text="Xã xem khóa này trên trang “Gói báo cáo” của hệ thống của xã.",
        error_messages={"required": "Cần nhập khóa công khai."},
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
