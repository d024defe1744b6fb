"""The admin of the registry and of the drafts under review.

The registry's admin (Document, Citation) is registered here, beside the pages of /van-ban/:
who may see a document is decided above the registry (tasks.access).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from dieuhanh.core.admin_scope import Scoped, register_scope
from dieuhanh.documents.hashing import text_hash
from dieuhanh.documents.models import Citation, Document
from dieuhanh.documents.services.registry import DocumentError
from dieuhanh.intake.models import ImportDraft, ProposedTask
from dieuhanh.intake.services.confirm import confirm_draft, discard_draft
from dieuhanh.intake.services.importing import import_document
from dieuhanh.intake.services.problems import draft_problems
from dieuhanh.org.access import Access
from dieuhanh.org.constants import ORGANISATION_KINDS
from dieuhanh.org.models import Unit
from dieuhanh.tasks.access import MANAGERS, may_change_readers, visible_documents
from dieuhanh.tasks.models import TASK_FIELDS


def _documents(user):
    return visible_documents(Access.of(user))


register_scope(Document, lambda user, documents: visible_documents(Access.of(user), documents))
register_scope(ImportDraft, lambda user, drafts: drafts.filter(document__in=_documents(user)))
register_scope(ProposedTask, lambda user, rows: rows.filter(draft__document__in=_documents(user)))
# A citation shows both documents: the one citing and the one cited.
register_scope(
    Citation,
    lambda user, rows: rows.filter(document__in=_documents(user)).exclude(
        cited_document__in=Document.objects.exclude(pk__in=_documents(user))
    ),
)

READERS = ("confidentiality", "allowed_people")


class CitationInline(Scoped, admin.TabularInline):
    model = Citation
    fk_name = "document"
    extra = 0
    fields = ("text", "doc_type", "number", "date", "issuer", "cited_document")
    autocomplete_fields = ("cited_document",)


@admin.register(Document)
class DocumentAdmin(Scoped, admin.ModelAdmin):
    list_display = ("__str__", "doc_type", "issuer", "issued_date", "owner", "confidentiality", "urgency")
    list_filter = ("doc_type", "direction", "confidentiality", "urgency")
    search_fields = ("number", "symbol", "subject", "issuer", "signer")
    date_hierarchy = "issued_date"
    autocomplete_fields = ("owner", "issuer_unit", "allowed_people")
    readonly_fields = ("content_hash", "created_at", "created_by")
    inlines = [CitationInline]
    list_select_related = ("owner",)

    def get_readonly_fields(self, request, obj=None):
        """Who may read a document is changed only by its owner's admins and leaders who may see it
        (see `may_change_readers`); every change is in the audit log (`Document` is audited)."""
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and not may_change_readers(Access.of(request.user), obj):
            fields = (*fields, *READERS)
        return fields

    def save_model(self, request, obj, form, change):
        if not obj.content_hash:
            obj.content_hash = text_hash(obj.text)
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Citation)
class CitationAdmin(Scoped, admin.ModelAdmin):
    list_display = ("number", "doc_type", "date", "document", "cited_document")
    search_fields = ("number", "text")
    autocomplete_fields = ("document", "cited_document")


class ProposedTaskInline(Scoped, admin.StackedInline):
    model = ProposedTask
    fk_name = "draft"
    extra = 0
    fields = (
        ("position", "dropped", "origin"),
        ("lead_name", "lead_confidence", "coordinator_names"),
        *TASK_FIELDS,
        "merged_into",
        "reasons",
    )
    readonly_fields = (
        "origin",
        "lead_name",
        "lead_confidence",
        "coordinator_names",
        "merged_into",
        "reasons",
    )
    autocomplete_fields = ("lead_unit", "coordinators")

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.status == ImportDraft.Status.PENDING

    def has_add_permission(self, request, obj=None):
        return obj is None or obj.status == ImportDraft.Status.PENDING

    def has_delete_permission(self, request, obj=None):
        return False


class ImportUploadForm(forms.Form):
    organisation = forms.ModelChoiceField(label="Cơ quan nhập", queryset=Unit.objects.none())
    file = forms.FileField(label="Tệp văn bản (txt, docx, pdf)")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = Unit.objects.filter(kind__in=ORGANISATION_KINDS, is_active=True)
        if not user.is_superuser:
            orgs = orgs.filter(pk__in=[u.pk for u in orgs if Access.of(user).acts_for(u, MANAGERS)])
        self.fields["organisation"].queryset = orgs


@admin.register(ImportDraft)
class ImportDraftAdmin(Scoped, admin.ModelAdmin):
    list_display = ("document", "organisation", "status", "created_at", "created_by")
    list_filter = ("status",)
    search_fields = ("document__number", "document__symbol", "document__subject")
    list_select_related = ("document", "organisation", "created_by")
    readonly_fields = (
        "document",
        "organisation",
        "status",
        "problems",
        "warnings",
        "created_by",
        "created_at",
        "confirmed_by",
        "confirmed_at",
        "discarded_at",
        "corrections",
    )
    fields = readonly_fields
    inlines = [ProposedTaskInline]
    actions = ["confirm", "discard"]

    def add_view(self, request, form_url="", extra_context=None):
        """Adding a draft is importing a file: the upload goes through `import_document`."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportUploadForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                draft = import_document(
                    org=form.cleaned_data["organisation"],
                    data=upload.read(),
                    filename=upload.name,
                    actor=request.user,
                )
            except DocumentError as exc:
                form.add_error("file", str(exc))
            else:
                count = draft.tasks.count()
                self.message_user(request, f"Đã nhập văn bản, {count} nhiệm vụ đề xuất chờ rà soát.")
                return redirect(reverse("admin:intake_importdraft_change", args=[draft.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Nhập văn bản",
            "form": form,
        }
        return TemplateResponse(request, "admin/intake/importdraft/upload.html", context)

    @admin.display(description="vướng mắc cần xử lý")
    def problems(self, obj):
        if obj.status != ImportDraft.Status.PENDING:
            return "—"
        lines = [("⛔ " if p.blocking else "• ") + p.message_vi for p in draft_problems(obj)]
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines)) or "Không có."

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for proposal in instances:
            if proposal.pk is None:
                proposal.origin = ProposedTask.Origin.ADDED
                proposal.lead_name = proposal.lead_name or (
                    proposal.lead_unit.name if proposal.lead_unit_id else ""
                )
            elif proposal.origin == ProposedTask.Origin.EXTRACTED:
                proposal.origin = ProposedTask.Origin.EDITED
            proposal.save()
        formset.save_m2m()

    @admin.action(description="Xác nhận bản nháp: tạo nhiệm vụ")
    def confirm(self, request, queryset):
        for draft in queryset:
            try:
                tasks = confirm_draft(draft, request.user)
            except DocumentError as exc:
                self.message_user(request, f"{draft}: {exc}", messages.ERROR)
            else:
                self.message_user(request, f"{draft}: đã tạo {len(tasks)} nhiệm vụ.", messages.SUCCESS)

    @admin.action(description="Hủy bản nháp")
    def discard(self, request, queryset):
        for draft in queryset:
            try:
                discard_draft(draft, request.user)
            except DocumentError as exc:
                self.message_user(request, f"{draft}: {exc}", messages.ERROR)
            else:
                self.message_user(request, f"{draft}: đã hủy.", messages.SUCCESS)
