"""Forms behind the buttons on a task: each one hands its cleaned data to a task service."""

from django import forms

from dieuhanh.core.form_fields import IdField, MultipleFileField, VnDateField
from dieuhanh.org.models import User
from dieuhanh.tasks.services.completion import EVIDENCE_MISSING
from dieuhanh.tasks.services.errors import ServiceError
from dieuhanh.tasks.services.evidence import checked_name

REQUIRED = {"required": "Cần nhập nội dung này."}


def checked_evidence(files) -> list:
    problems = []
    for f in files:
        try:
            checked_name(f.name, f)
        except ServiceError as exc:
            problems.append(str(exc))
    if problems:
        raise forms.ValidationError(problems)
    return files


class ProgressForm(forms.Form):
    text = forms.CharField(
        label="Nội dung đã thực hiện",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=REQUIRED,
        max_length=5000,
    )
    percent = forms.IntegerField(
        label="Tiến độ (%)",
        min_value=0,
        max_value=100,
        error_messages={
            "required": "Cần nhập tiến độ (0–100%).",
            "invalid": "Tiến độ là một số từ 0 đến 100.",
            "min_value": "Tiến độ phải từ 0 đến 100%%.",
            "max_value": "Tiến độ phải từ 0 đến 100%%.",
        },
    )
    evidence = MultipleFileField(label="Tệp minh chứng", required=False)

    def clean_evidence(self):
        return checked_evidence(self.cleaned_data.get("evidence") or [])

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        # The uploaded files themselves, never read into memory here: storage streams them.
        return {"text": d["text"], "percent": d["percent"], "files": [(f.name, f) for f in d["evidence"]]}


class CompletionForm(forms.Form):
    claimed_on = VnDateField(
        label="Ngày hoàn thành", required=False, help_text="Để trống nếu hoàn thành hôm nay."
    )
    note = forms.CharField(
        label="Kết quả, sản phẩm",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Ghi kết quả, sản phẩm đã hoàn thành để lãnh đạo có căn cứ xác nhận."},
    )
    evidence = MultipleFileField(label="Tệp minh chứng", required=False)

    def __init__(self, *args, evidence_needed: bool = False, **kwargs):
        """`evidence_needed`: the task's policy asks for evidence and none was filed before."""
        super().__init__(*args, **kwargs)
        self.evidence_needed = evidence_needed
        if evidence_needed:
            self.fields["evidence"].label = "Tệp minh chứng (bắt buộc với nhiệm vụ này)"

    def clean_evidence(self):
        files = checked_evidence(self.cleaned_data.get("evidence") or [])
        if self.evidence_needed and not files:
            raise forms.ValidationError(EVIDENCE_MISSING)
        return files


class EvidencePolicyForm(forms.Form):
    required = forms.BooleanField(label="Cần minh chứng khi đề nghị hoàn thành", required=False)


class NoteForm(forms.Form):
    note = forms.CharField(label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RequiredNoteForm(forms.Form):
    note = forms.CharField(
        label="Lý do",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Cần ghi rõ lý do."},
    )


class ExtensionForm(forms.Form):
    new_date = VnDateField(
        label="Thời hạn mới đề nghị",
        error_messages={
            "required": "Cần nhập thời hạn mới.",
            "invalid": "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 30/06/2026.",
        },
    )
    reason = forms.CharField(
        label="Lý do gia hạn",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Cần nêu lý do đề nghị gia hạn."},
    )


class ExtensionDecisionForm(forms.Form):
    change = IdField()
    decision = forms.ChoiceField(
        choices=[("approve", "Đồng ý"), ("reject", "Không đồng ý")], widget=forms.HiddenInput
    )
    note = forms.CharField(label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    objective = forms.BooleanField(label="Nguyên nhân khách quan", required=False)


class DirectionForm(forms.Form):
    text = forms.CharField(
        label="Ý kiến chỉ đạo",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Cần nhập nội dung ý kiến chỉ đạo."},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Lý do", widget=forms.Textarea(attrs={"rows": 2}), error_messages={"required": "Cần nêu lý do."}
    )


class TriggerForm(forms.Form):
    trigger = VnDateField(
        label="Ngày xảy ra sự kiện",
        error_messages={
            "required": "Cần nhập ngày xảy ra sự kiện.",
            "invalid": "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 30/06/2026.",
        },
    )


class AssignForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label="Cán bộ được giao",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = candidates


class UnitProgressForm(ProgressForm):
    """The one-form progress report on "Đơn vị của tôi": the task is chosen in the form."""

    task = forms.TypedChoiceField(
        label="Nhiệm vụ",
        coerce=int,
        error_messages={"required": "Cần chọn nhiệm vụ.", "invalid_choice": "Nhiệm vụ đã chọn không hợp lệ."},
    )

    field_order = ["task", "text", "percent", "evidence"]

    def __init__(self, *args, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].choices = [("", "— Chọn nhiệm vụ —")] + [
            (t.pk, f"{t.summary or t.text[:90]}" + (f" (hạn {t.deadline:%d/%m/%Y})" if t.deadline else ""))
            for t in tasks
        ]
