"""Forms of the document pages: the registry filters, the upload, and the review of a draft."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.db.models import Q

from dieuhanh.core.form_fields import MultipleFileField, RowChoiceField, VnDateField, VnDecimalField
from dieuhanh.core.search import folded_search, full_text_search
from dieuhanh.core.sizes import megabytes, megabytes_limit
from dieuhanh.documents.constants import DOCUMENT_TYPES, Confidentiality
from dieuhanh.documents.search_index import DocumentSearch
from dieuhanh.extract.load import SUPPORTED_EXTENSIONS
from dieuhanh.intake.models import ProposedTask
from dieuhanh.intake.services.review import outside_coordinators
from dieuhanh.org.models import Unit
from dieuhanh.tasks.constants import DeadlineKind

UPLOAD_EXTENSIONS = tuple(sorted(set(SUPPORTED_EXTENSIONS)))


class DocumentFilterForm(forms.Form):
    q = forms.CharField(
        label="Tìm kiếm",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": 'Ví dụ: 165/KH-UBND, "chuyển đổi số"'}),
    )
    doc_type = forms.ChoiceField(
        label="Loại văn bản", required=False, choices=[("", "Tất cả loại")] + [(t, t) for t in DOCUMENT_TYPES]
    )
    issuer = forms.CharField(label="Cơ quan ban hành", required=False, max_length=200)
    date_from = VnDateField(label="Ban hành từ ngày", required=False)
    date_to = VnDateField(label="đến ngày", required=False)
    confidentiality = forms.ChoiceField(
        label="Độ mật", required=False, choices=[("", "Tất cả")] + list(Confidentiality.choices)
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")
        return data

    def apply(self, queryset):
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        qs = queryset
        if data.get("q"):
            qs = full_text_search(qs, DocumentSearch, data["q"])
        if data.get("issuer"):
            qs = folded_search(qs, ["issuer"], data["issuer"])
        if data.get("doc_type"):
            qs = qs.filter(doc_type=data["doc_type"])
        if data.get("date_from"):
            qs = qs.filter(issued_date__gte=data["date_from"])
        if data.get("date_to"):
            qs = qs.filter(issued_date__lte=data["date_to"])
        if data.get("confidentiality"):
            qs = qs.filter(confidentiality=data["confidentiality"])
        return qs


class ImportForm(forms.Form):
    """One or several directive files for one organisation's registry."""

    organisation = RowChoiceField(
        label="Nhập vào sổ văn bản của", queryset=Unit.objects.none(), empty_label=None
    )
    uploads = MultipleFileField(
        label="Tệp văn bản",
        error_messages={
            "required": "Cần chọn ít nhất một tệp văn bản.",
            "empty": "Tệp đã chọn không có nội dung.",
        },
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.only_organisation = organisations.first() if len(organisations) == 1 else None
        self.fields["organisation"].required = self.only_organisation is None
        self.skipped: list[str] = []

    def clean_organisation(self):
        return self.cleaned_data.get("organisation") or self.only_organisation

    def clean_uploads(self):
        """The files that can be read; one bad file of a batch is named in `skipped` and the rest
        are imported (the batch is refused only when no file is left)."""
        files = self.cleaned_data.get("uploads") or []
        limit = settings.FILE_UPLOAD_MAX_BYTES
        kept, self.skipped = [], []
        for f in files:
            suffix = Path(f.name).suffix.lower()
            if suffix not in UPLOAD_EXTENSIONS:
                self.skipped.append(
                    f"Tệp “{f.name}”: chưa hỗ trợ định dạng {suffix or '(không có đuôi)'}; "
                    f"chỉ nhận {', '.join(UPLOAD_EXTENSIONS)}."
                )
            elif f.size > limit:
                self.skipped.append(
                    f"Tệp “{f.name}” dung lượng {megabytes(f.size)}, vượt giới hạn {megabytes_limit(limit)}."
                )
            else:
                kept.append(f)
        if not kept:
            raise forms.ValidationError(self.skipped)
        return kept


class ProposalForm(forms.ModelForm):
    """Inline correction of one proposed task: lead, coordinators, deadline, target, budget."""

    deadline = VnDateField(label="Thời hạn", required=False)
    budget = VnDecimalField(label="Kinh phí (triệu đồng)", required=False)
    outside_coordinators = forms.CharField(
        label="Đơn vị phối hợp ngoài danh mục",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mỗi dòng một đơn vị, giữ nguyên như văn bản ghi (đơn vị ngoài).",
    )

    class Meta:
        model = ProposedTask
        fields = [
            "summary",
            "lead_unit",
            "fan_out",
            "coordinators",
            "deadline",
            "target",
            "budget",
            "funding_source",
        ]
        help_texts = {
            "fan_out": "Khi xác nhận, mỗi xã, phường trực thuộc nhận một nhiệm vụ con; bỏ đánh dấu "
            "nếu nhiệm vụ do một đơn vị chủ trì."
        }
        widgets = {"coordinators": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units
        self.fields["lead_unit"].empty_label = "— Chưa xác định —"
        # A coordinator outside the local list (a province department) stays a choice, chosen: saving
        # the card must not drop it.
        current = list(self.instance.coordinators.values_list("pk", flat=True)) if self.instance.pk else []
        self.fields["coordinators"].queryset = Unit.objects.filter(
            Q(pk__in=units.values("pk")) | Q(pk__in=current)
        ).order_by("path")
        self.fields["coordinators"].required = False
        self.outside = outside_coordinators(self.instance) if self.instance.pk else []
        self.initial["outside_coordinators"] = "\n".join(self.outside)
        self.fields[
            "coordinators"
        ].help_text = "Giữ Ctrl (hoặc chạm giữ trên điện thoại) để chọn nhiều đơn vị."
        self.original_budget = self.instance.budget
        if self.instance.budget is not None:
            self.initial["budget"] = format(self.instance.budget.normalize(), "f").replace(".", ",")

    def clean_outside_coordinators(self):
        lines = (line.strip() for line in self.cleaned_data["outside_coordinators"].splitlines())
        return list(dict.fromkeys(line[:300] for line in lines if line))

    def clean(self):
        data = super().clean()
        lead = data.get("lead_unit")
        if lead is not None and lead in (data.get("coordinators") or []):
            self.add_error("coordinators", "Đơn vị chủ trì không được đồng thời là đơn vị phối hợp.")
        return data

    def changes(self) -> dict:
        """The fields the reviewer changed, shaped for `update_proposal`."""
        changed = {}
        for name in self.changed_data:
            if name == "outside_coordinators":
                continue
            value = self.cleaned_data[name]
            changed[name] = list(value) if name == "coordinators" else value
        outside = self.cleaned_data["outside_coordinators"]
        if "coordinators" in changed or outside != self.outside:
            units = changed.get("coordinators", list(self.instance.coordinators.all()))
            changed["coordinators"] = units
            changed["coordinator_names"] = [u.name for u in units] + outside
        if "budget" in changed and changed["budget"] == self.original_budget:
            changed.pop("budget")
        if "deadline" in changed and self.instance.deadline_kind != DeadlineKind.RECURRING:
            changed["deadline_kind"] = DeadlineKind.DATE if changed["deadline"] else DeadlineKind.NONE
        return changed


class SplitForm(forms.Form):
    phrase = forms.CharField(
        label="Phần sau bắt đầu từ cụm từ",
        max_length=300,
        error_messages={"required": "Cần nhập cụm từ mở đầu phần tách ra."},
    )

    def __init__(self, *args, text: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.text = text

    def clean_phrase(self):
        phrase = self.cleaned_data["phrase"].strip()
        at = self.text.find(phrase) if phrase else -1
        if at <= 0:
            raise forms.ValidationError("Không tìm thấy cụm từ này ở giữa nội dung nhiệm vụ.")
        self.cleaned_data["at"] = at
        return phrase


class AddProposalForm(forms.Form):
    text = forms.CharField(
        label="Nội dung nhiệm vụ",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Cần nhập nội dung nhiệm vụ."},
    )
    lead_unit = RowChoiceField(
        label="Đơn vị chủ trì", queryset=Unit.objects.none(), required=False, empty_label="— Chọn đơn vị —"
    )
    deadline = VnDateField(label="Thời hạn", required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units

    def fields_for_service(self) -> dict:
        d = self.cleaned_data
        out = {"lead_unit": d["lead_unit"]}
        if d["deadline"]:
            out.update(deadline=d["deadline"], deadline_kind=DeadlineKind.DATE)
        return out


class BulkForm(forms.Form):
    """One action on the proposals chosen on the review page."""

    ACTIONS = {
        "drop": "Bỏ các nhiệm vụ đã chọn",
        "restore": "Khôi phục các nhiệm vụ đã chọn",
        "lead": "Giao chủ trì",
        "deadline": "Đặt thời hạn",
        "merge": "Gộp các nhiệm vụ đã chọn",
    }

    action = forms.ChoiceField(
        choices=list(ACTIONS.items()), error_messages={"invalid_choice": "Thao tác không hợp lệ."}
    )
    lead_unit = RowChoiceField(
        label="Đơn vị chủ trì", queryset=Unit.objects.none(), required=False, empty_label="— Chọn đơn vị —"
    )
    deadline = VnDateField(label="Thời hạn", required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units
        self.ids = [int(x) for x in self.data.getlist("ids") if x.isdigit()] if self.is_bound else []

    def clean(self):
        data = super().clean()
        if not self.ids:
            raise forms.ValidationError("Cần chọn ít nhất một nhiệm vụ (ô “chọn” trên từng nhiệm vụ).")
        if data.get("action") == "lead" and not data.get("lead_unit"):
            self.add_error("lead_unit", "Cần chọn đơn vị chủ trì.")
        if data.get("action") == "deadline" and not data.get("deadline"):
            self.add_error("deadline", "Cần nhập thời hạn (dd/mm/yyyy).")
        return data

    def error_text(self) -> str:
        return " ".join(str(e) for errors in self.errors.values() for e in errors)
