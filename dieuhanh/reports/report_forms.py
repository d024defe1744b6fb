"""Forms of the reports an office writes and of its Word template."""

from django import forms

from dieuhanh.reports.layouts import MAX_TEMPLATE_BYTES
from dieuhanh.reports.models import Report


class ReportTextForm(forms.ModelForm):
    """The text of a draft and its signing details."""

    class Meta:
        model = Report
        fields = [
            "highlights",
            "shortcomings",
            "next_focus",
            "proposals",
            "number",
            "authority",
            "signer_title",
            "signer_name",
            "recipients",
        ]
        widgets = {
            "highlights": forms.Textarea(attrs={"rows": 6}),
            "shortcomings": forms.Textarea(attrs={"rows": 6}),
            "next_focus": forms.Textarea(attrs={"rows": 6}),
            "proposals": forms.Textarea(attrs={"rows": 4}),
            "authority": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "highlights": "Mỗi dòng một đoạn trong báo cáo.",
        }


class TemplateUploadForm(forms.Form):
    # The organisations offered are few and already read: a choice among their ids, not a query.
    organisation = forms.TypedChoiceField(label="Cơ quan", coerce=int)
    file = forms.FileField(label="Tệp mẫu Word (.docx)")

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {unit.pk: unit for unit in organisations}
        self.fields["organisation"].choices = [(unit.pk, unit.name) for unit in organisations]

    def clean_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".docx"):
            raise forms.ValidationError("Cần tệp Word dạng .docx.")
        if upload.size > MAX_TEMPLATE_BYTES:
            raise forms.ValidationError("Tệp mẫu lớn hơn 5 MB.")
        return upload
