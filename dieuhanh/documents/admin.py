from django.contrib import admin

from dieuhanh.documents.models import Citation, Document


class CitationInline(admin.TabularInline):
    model = Citation
    fk_name = "document"
    extra = 0
    fields = ("text", "doc_type", "number", "date", "issuer", "cited_document")
    autocomplete_fields = ("cited_document",)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "doc_type", "issuer", "issued_date", "owner", "confidentiality", "urgency")
    list_filter = ("doc_type", "direction", "confidentiality", "urgency")
    search_fields = ("number", "symbol", "subject", "issuer", "signer")
    date_hierarchy = "issued_date"
    autocomplete_fields = ("owner", "issuer_unit", "allowed_people")
    readonly_fields = ("content_hash", "created_at", "created_by")
    inlines = [CitationInline]
    list_select_related = ("owner",)

    def save_model(self, request, obj, form, change):
        if not obj.content_hash:
            from dieuhanh.documents.hashing import text_hash

            obj.content_hash = text_hash(obj.text)
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ("number", "doc_type", "date", "document", "cited_document")
    search_fields = ("number", "text")
    autocomplete_fields = ("document", "cited_document")
