from django.contrib import admin

from dieuhanh.tasks.models import (
    CompletionRequest,
    DeadlineChange,
    Direction,
    ProgressAttachment,
    ProgressReport,
    Task,
)


class ProgressReportInline(admin.TabularInline):
    model = ProgressReport
    extra = 0
    fields = ("reported_on", "unit", "percent", "text", "author")
    autocomplete_fields = ("unit", "author")


class DeadlineChangeInline(admin.TabularInline):
    model = DeadlineChange
    extra = 0
    fields = (
        "status",
        "old_date",
        "new_date",
        "reason",
        "objective",
        "requested_by",
        "decided_by",
        "decision_note",
    )
    autocomplete_fields = ("requested_by", "decided_by")


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("__str__", "lead_unit", "deadline", "deadline_kind", "state", "starred", "owner")
    list_filter = ("state", "deadline_kind", "starred")
    search_fields = ("text", "summary", "lead_unit__name")
    date_hierarchy = "deadline"
    autocomplete_fields = ("owner", "document", "lead_unit", "coordinators", "assignees", "parent")
    inlines = [ProgressReportInline, DeadlineChangeInline]
    readonly_fields = ("created_at", "updated_at")
    list_select_related = ("lead_unit", "owner")


class AttachmentInline(admin.TabularInline):
    model = ProgressAttachment
    extra = 0


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ("task", "unit", "reported_on", "percent", "author")
    search_fields = ("text", "task__summary")
    autocomplete_fields = ("task", "unit", "author")
    inlines = [AttachmentInline]
    list_select_related = ("task", "unit", "author")


@admin.register(DeadlineChange)
class DeadlineChangeAdmin(admin.ModelAdmin):
    list_display = ("task", "old_date", "new_date", "status", "requested_by", "decided_by")
    list_filter = ("status", "objective")
    autocomplete_fields = ("task", "requested_by", "decided_by")
    list_select_related = ("task", "requested_by", "decided_by")


@admin.register(CompletionRequest)
class CompletionRequestAdmin(admin.ModelAdmin):
    list_display = ("task", "claimed_on", "status", "requested_by", "decided_by")
    list_filter = ("status",)
    autocomplete_fields = ("task", "requested_by", "decided_by")
    list_select_related = ("task", "requested_by", "decided_by")


@admin.register(Direction)
class DirectionAdmin(admin.ModelAdmin):
    list_display = ("task", "author", "created_at")
    search_fields = ("text",)
    autocomplete_fields = ("task", "author")
    list_select_related = ("task", "author")
