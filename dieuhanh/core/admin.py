from django.contrib import admin

from dieuhanh.core.admin_scope import Scoped, without_hidden_events
from dieuhanh.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(Scoped, admin.ModelAdmin):
    """Read-only: the audit log is written by the application and never edited.

    An event about a row the person may not see (a confidential task, say) is not listed:
    its before/after hold that row's text.
    """

    list_display = ("at", "actor", "action", "content_type", "object_repr", "note")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "object_id", "note")
    date_hierarchy = "at"
    list_select_related = ("actor", "content_type")

    def get_queryset(self, request):
        return without_hidden_events(request.user, super().get_queryset(request))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
