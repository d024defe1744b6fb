"""Form fields typed the Vietnamese way: dates dd/mm/yyyy, money 1.640,5."""

import re
from decimal import Decimal, InvalidOperation

from django import forms

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


class VnDateField(forms.DateField):
    """A date typed as dd/mm/yyyy (the ISO form from a date picker is accepted too)."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault(
            "error_messages", {"invalid": "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 30/06/2026."}
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update(placeholder="dd/mm/yyyy", inputmode="numeric", autocomplete="off")
        return attrs

    def prepare_value(self, value):
        if hasattr(value, "strftime"):
            return value.strftime("%d/%m/%Y")
        return value


def parse_vn_decimal(text: str) -> Decimal:
    """1.640 → 1640; 1.640,5 → 1640.5; 12,5 → 12.5; 12.5 → 12.5."""
    value = text.strip().replace(" ", "")
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(value):
        value = value.replace(".", "")
    return Decimal(value)


class VnDecimalField(forms.CharField):
    """A non-negative amount (triệu đồng) typed with Vietnamese separators."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            number = parse_vn_decimal(value)
        except InvalidOperation:
            raise forms.ValidationError("Nhập số tiền hợp lệ (triệu đồng), ví dụ 1.640 hoặc 12,5.") from None
        if number < 0:
            raise forms.ValidationError("Số tiền không được âm.")
        return number


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked like a single FileField."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple) and data:
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        single = super().clean(None if isinstance(data, list | tuple) else data, initial)
        return [single] if single else []
