"""The forms of the tokens and feeds page."""

from django import forms

from dieuhanh.api.tokens import DEFAULT_DAYS, MAX_DAYS, SYSTEM_ROLES
from dieuhanh.org.models import Unit

NAME_ERRORS = {"required": "Cần đặt tên.", "max_length": "Tên dài tối đa 100 ký tự."}
DAYS_ERRORS = {
    "required": "Cần nhập số ngày hiệu lực.",
    "invalid": "Số ngày hiệu lực là một số nguyên.",
    "min_value": f"Số ngày hiệu lực từ 1 đến {MAX_DAYS}.",
    "max_value": f"Số ngày hiệu lực từ 1 đến {MAX_DAYS}.",
}
UNIT_ERRORS = {"invalid_choice": "Hãy chọn một đơn vị trong danh sách.", "required": "Cần chọn đơn vị."}


class TokenForm(forms.Form):
    name = forms.CharField(label="Tên (dùng cho việc gì)", max_length=100, error_messages=NAME_ERRORS)
    days = forms.IntegerField(
        label="Số ngày hiệu lực",
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
        error_messages=DAYS_ERRORS,
    )


class SystemTokenForm(TokenForm):
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=Unit.objects.none(), error_messages=UNIT_ERRORS)
    role = forms.ChoiceField(
        label="Vai trò", choices=[(r.value, r.label) for r in SYSTEM_ROLES], initial=SYSTEM_ROLES[-1]
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class FeedForm(forms.Form):
    name = forms.CharField(label="Tên lịch", max_length=100, error_messages=NAME_ERRORS)
    unit = forms.ModelChoiceField(
        label="Lịch của đơn vị",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="Không — lịch nhiệm vụ của tôi",
        error_messages=UNIT_ERRORS,
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
