from django.contrib import admin

from dieuhanh.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is written by the application and never edited."""

    list_display = ("at", "actor", "action", "content_type", "object_repr", "note")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "object_id", "note")
    date_hierarchy = "at"
    list_select_related = ("actor", "content_type")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
