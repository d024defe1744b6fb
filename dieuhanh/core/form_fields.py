"""Form fields typed the Vietnamese way: dates dd/mm/yyyy, money 1.640,5, ids.

Every page's forms and query strings go through these, so a hostile value
(year 9999, an id past the database's integers) is a form error — a
Vietnamese 400 — and never reaches date arithmetic or SQL.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
# Day, month and a year of four digits or two (31/12/26 is 2026), as people type them.
_VN_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\s*$")
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")

# The dates a directive, a deadline or a report can carry; anything else is a typing mistake
# (01/01/0001) or an attack on date arithmetic (31/12/9999 + 30 days overflows).
MIN_DATE = datetime.date(2000, 1, 1)
MAX_DATE = datetime.date(2100, 12, 31)
DATE_RANGE_MESSAGE = "Ngày phải trong khoảng từ năm 2000 đến năm 2100."
# Ids are 64-bit integers in SQLite and PostgreSQL alike.
MAX_ID = 2**63 - 1


def check_date_range(day: datetime.date) -> None:
    if not MIN_DATE <= day <= MAX_DATE:
        raise forms.ValidationError(DATE_RANGE_MESSAGE, code="date_range")


class VnDateField(forms.DateField):
    """A date typed as dd/mm/yyyy (the ISO form from a date picker is accepted too)."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault(
            "error_messages", {"invalid": "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 30/06/2026."}
        )
        super().__init__(**kwargs)
        self.validators.append(check_date_range)

    def to_python(self, value):
        m = _VN_DATE.match(value) if isinstance(value, str) else None
        if m is None:
            return super().to_python(value)
        day, month, year = (int(g) for g in m.groups())
        if len(m.group(3)) == 2:
            year += 2000
        try:
            return datetime.date(year, month, day)
        except ValueError:
            if not 1 <= month <= 12:
                raise forms.ValidationError(f"Tháng {month} không tồn tại.", code="invalid") from None
            raise forms.ValidationError(
                f"Ngày {day:02d}/{month:02d}/{year} không tồn tại.", code="invalid"
            ) from None

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


class IdField(forms.IntegerField):
    """The id of a row, from a hidden field or the query string: a positive 64-bit integer."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("error_messages", {"invalid": "Mã số không hợp lệ."})
        super().__init__(**kwargs)
        self.validators = [
            MinValueValidator(1, message="Mã số không hợp lệ."),
            MaxValueValidator(MAX_ID, message="Mã số không hợp lệ."),
        ]

    def to_python(self, value):
        # Only plain digits: IntegerField would take "1e5" and "1.0".
        if value not in self.empty_values and not str(value).strip().isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class RowChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that answers "not a valid choice" to any id that is not a row id, huge ones too."""

    def to_python(self, value):
        if value not in self.empty_values and not isinstance(value, self.queryset.model):
            text = str(value).strip()
            if not text.isdigit() or int(text) > MAX_ID:
                raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


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
