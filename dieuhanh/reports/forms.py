"""Forms of the report pages: they parse the request; the services do the work."""

from django import forms
from django.utils import timezone

from dieuhanh.core.form_fields import RowChoiceField
from dieuhanh.org.constants import ORGANISATION_KINDS
from dieuhanh.reports.constants import DEFAULT_CUTOFF_DAY, ReportFormat
from dieuhanh.reports.periods import PeriodError, resolve_period


def period_choices(today) -> list:
    """The periods of this year and the last, in words, for the select ("Quý 2/2026" is 2026-Q2)."""
    choices: list = [("", "— Chọn kỳ báo cáo —")]
    for year in (today.year, today.year - 1):
        group = [(f"{year}-{m:02d}", f"Tháng {m}/{year}") for m in range(1, 13)]
        group += [(f"{year}-Q{q}", f"Quý {q}/{year}") for q in range(1, 5)]
        group += [(f"{year}-H1", f"6 tháng đầu năm {year}"), (f"{year}-9M", f"9 tháng năm {year}")]
        group.append((str(year), f"Cả năm {year}"))
        choices.append((f"Năm {year}", group))
    return choices


class ReportForm(forms.Form):
    period = forms.CharField(
        label="Kỳ báo cáo",
        required=False,
        help_text="Hoặc ghi từ ngày, đến ngày bên dưới: khoảng ngày được dùng thay cho kỳ.",
        widget=forms.Select,
    )
    date_from = forms.CharField(
        label="Hoặc từ ngày", required=False, widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    date_to = forms.CharField(
        label="Đến ngày", required=False, widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    unit = RowChoiceField(label="Đơn vị", queryset=None, required=False, empty_label="Tất cả được xem")
    format = forms.ChoiceField(label="Định dạng", choices=ReportFormat.choices, initial=ReportFormat.DOCX)
    cutoff = forms.IntegerField(
        label="Ngày chốt số liệu", min_value=1, max_value=27, initial=DEFAULT_CUTOFF_DAY
    )
    rankings = forms.BooleanField(label="Kèm xếp loại (báo cáo năm luôn có)", required=False)

    def __init__(self, *args, units=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        choices = period_choices(today or timezone.localdate())
        chosen = self.data.get("period") if self.is_bound else None
        known = {code for _, group in choices[1:] for code, _ in group}
        if chosen and chosen not in known:  # a period typed in the address, kept as it is
            choices.append(("Kỳ khác", [(chosen, chosen)]))
        self.fields["period"].widget.choices = choices
        today = today or timezone.localdate()
        self.fields["period"].initial = f"{today.year}-{today.month:02d}"

    def clean(self):
        data = super().clean()
        if not data.get("period") and not (data.get("date_from") or data.get("date_to")):
            raise forms.ValidationError("Chưa chọn kỳ báo cáo: chọn một kỳ, hoặc ghi từ ngày, đến ngày.")
        if data.get("date_from") or data.get("date_to"):
            data["period"] = ""  # a date range typed in replaces the period chosen in the select
        if bool(data.get("date_from")) != bool(data.get("date_to")):
            raise forms.ValidationError("Khoảng ngày cần cả từ ngày và đến ngày.")
        try:
            data["report_period"] = resolve_period(
                data.get("period"),
                data.get("date_from"),
                data.get("date_to"),
                data.get("cutoff") or DEFAULT_CUTOFF_DAY,
            )
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data


class ExportForm(forms.Form):
    """The query string of an export: which unit's tasks (all visible ones when empty)."""

    unit = RowChoiceField(label="Đơn vị", queryset=None, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


def organisation_units(access):
    return access.visible_units().filter(kind__in=ORGANISATION_KINDS)


class ImportForm(forms.Form):
    organisation = RowChoiceField(label="Cơ quan theo dõi", queryset=None, empty_label=None)
    file = forms.FileField(label="Tệp Excel (.xlsx)")

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Cần tệp Excel dạng .xlsx.")
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("Tệp lớn hơn 5 MB.")
        return upload
