"""Forms of the report pages: they parse the request; the services do the work."""

from django import forms

from dieuhanh.org.constants import ORGANISATION_KINDS
from dieuhanh.reports.constants import DEFAULT_CUTOFF_DAY, ReportFormat
from dieuhanh.reports.periods import PeriodError, resolve_period


class ReportForm(forms.Form):
    period = forms.CharField(
        label="Kỳ báo cáo",
        required=False,
        help_text="2026-06 (tháng), 2026-Q2 (quý), 2026-H1 (6 tháng), 2026-9M (9 tháng), 2026 (năm).",
    )
    date_from = forms.CharField(label="Hoặc từ ngày", required=False, help_text="dd/mm/yyyy")
    date_to = forms.CharField(label="đến ngày", required=False, help_text="dd/mm/yyyy")
    unit = forms.ModelChoiceField(
        label="Đơn vị", queryset=None, required=False, empty_label="Tất cả được xem"
    )
    format = forms.ChoiceField(label="Định dạng", choices=ReportFormat.choices, initial=ReportFormat.DOCX)
    cutoff = forms.IntegerField(
        label="Ngày chốt số liệu", min_value=1, max_value=27, initial=DEFAULT_CUTOFF_DAY
    )
    rankings = forms.BooleanField(label="Kèm xếp loại (báo cáo năm luôn có)", required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self):
        data = super().clean()
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


def organisation_units(access):
    return access.visible_units().filter(kind__in=ORGANISATION_KINDS)


class ImportForm(forms.Form):
    organisation = forms.ModelChoiceField(label="Cơ quan theo dõi", queryset=None, empty_label=None)
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
