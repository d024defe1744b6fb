"""Forms of the evaluation pages: they parse the request into what the cycle services take."""

from decimal import Decimal

from django import forms

from dieuhanh.evaluation.constants import Discipline
from dieuhanh.evaluation.presentation import vn_points
from dieuhanh.evaluation.services.cycle import LeaderEntry, OfficialEntry

POINTS_ERRORS = {
    "invalid": "Điểm là một số, ví dụ 27 hoặc 27,5.",
    "max_digits": "Điểm có nhiều nhất hai chữ số thập phân.",
    "max_decimal_places": "Điểm có nhiều nhất hai chữ số thập phân.",
}


def points_field(label: str, top: Decimal, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=top,
        max_digits=5,
        decimal_places=2,
        localize=True,
        error_messages={
            **POINTS_ERRORS,
            "required": "Cần chấm điểm tiêu chí chung.",
            "min_value": f"Điểm phải từ 0 đến {vn_points(top)}.",
            "max_value": f"Điểm phải từ 0 đến {vn_points(top)}.",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "points-input"}),
    )


class OpenPeriodForm(forms.Form):
    organisation = forms.ModelChoiceField(label="Cơ quan", queryset=None, empty_label=None)
    year = forms.IntegerField(
        label="Năm",
        min_value=2020,
        max_value=2100,
        error_messages={"invalid": "Năm là một số, ví dụ 2026.", "required": "Cần nhập năm."},
    )
    number = forms.IntegerField(
        label="Tháng (hoặc quý)",
        min_value=1,
        max_value=12,
        error_messages={
            "invalid": "Tháng là một số từ 1 đến 12 (quý từ 1 đến 4).",
            "required": "Cần nhập tháng hoặc quý.",
            "min_value": "Tháng là một số từ 1 đến 12 (quý từ 1 đến 4).",
            "max_value": "Tháng là một số từ 1 đến 12 (quý từ 1 đến 4).",
        },
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class SelfAssessmentForm(forms.Form):
    notes = forms.CharField(
        label="Tự nhận xét ưu điểm, khuyết điểm",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )

    def __init__(self, *args, products, top: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["general"] = points_field(f"Điểm tiêu chí chung tự chấm (tối đa {vn_points(top)})", top)
        self.order_fields(["general", "notes"])
        self.products = products
        for p in products:
            self.fields[f"note_{p.pk}"] = forms.CharField(
                label="Kết quả", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"cause_{p.pk}"] = forms.CharField(
                label="Nguyên nhân khách quan (nếu có)",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def entries(self) -> dict[int, OfficialEntry]:
        d = self.cleaned_data
        return {p.pk: OfficialEntry(d[f"note_{p.pk}"], d[f"cause_{p.pk}"]) for p in self.products}


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label="Nhận xét, đánh giá của lãnh đạo trực tiếp",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    discipline = forms.ChoiceField(label="Kỷ luật trong kỳ", choices=Discipline.choices, required=False)

    def __init__(self, *args, products, top: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["general"] = points_field(
            f"Điểm tiêu chí chung lãnh đạo chấm (tối đa {vn_points(top)})", top
        )
        self.order_fields(["general", "comment", "discipline"])
        self.products = products
        for p in products:
            self.fields[f"weight_{p.pk}"] = forms.DecimalField(
                label="Quy đổi",
                min_value=Decimal("0.1"),
                max_value=Decimal(100),
                max_digits=5,
                decimal_places=2,
                localize=True,
                error_messages={
                    "required": "Cần hệ số quy đổi.",
                    "invalid": "Hệ số quy đổi là một số, ví dụ 1 hoặc 1,5.",
                    "min_value": "Hệ số quy đổi từ 0,1 đến 100.",
                    "max_value": "Hệ số quy đổi từ 0,1 đến 100.",
                    "max_decimal_places": "Hệ số quy đổi có nhiều nhất hai chữ số thập phân.",
                },
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 4}),
            )
            self.fields[f"failed_{p.pk}"] = forms.BooleanField(label="Không đạt chất lượng", required=False)
            self.fields[f"waived_{p.pk}"] = forms.BooleanField(
                label="Chấp nhận nguyên nhân khách quan", required=False
            )

    def entries(self) -> dict[int, LeaderEntry]:
        d = self.cleaned_data
        return {
            p.pk: LeaderEntry(d[f"weight_{p.pk}"], d[f"failed_{p.pk}"], d[f"waived_{p.pk}"])
            for p in self.products
        }


class ApproveForm(forms.Form):
    note = forms.CharField(
        label="Ý kiến phê duyệt", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm_quota = forms.BooleanField(label="Tôi đã xem cảnh báo tỷ lệ và vẫn phê duyệt", required=False)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="Lý do trả lại",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Cần ghi rõ lý do trả lại."},
    )
