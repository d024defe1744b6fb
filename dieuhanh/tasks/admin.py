from django.contrib import admin, messages
from django.utils import timezone

from dieuhanh.core.admin_scope import Scoped, register_scope
from dieuhanh.org.access import Access
from dieuhanh.tasks.access import visible_tasks, visible_through_task
from dieuhanh.tasks.models import (
    CompletionRequest,
    DeadlineChange,
    Direction,
    ProgressAttachment,
    ProgressReport,
    Task,
)
from dieuhanh.tasks.services.cascade import fan_out
from dieuhanh.tasks.services.completion import approve_completion
from dieuhanh.tasks.services.errors import ServiceError
from dieuhanh.tasks.services.extensions import decide_extension
from dieuhanh.tasks.services.recurrence import create_occurrences
from dieuhanh.tasks.status import Status, annotate_status

register_scope(Task, lambda user, tasks: visible_tasks(Access.of(user), tasks))
for _model in (ProgressReport, DeadlineChange, CompletionRequest, Direction):
    register_scope(_model, visible_through_task())
register_scope(ProgressAttachment, visible_through_task("report__task"))


class ProgressReportInline(Scoped, admin.TabularInline):
    model = ProgressReport
    extra = 0
    fields = ("reported_on", "unit", "percent", "text", "author")
    autocomplete_fields = ("unit", "author")


class DeadlineChangeInline(Scoped, admin.TabularInline):
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
class TaskAdmin(Scoped, admin.ModelAdmin):
    list_display = ("__str__", "lead_unit", "deadline", "status_label", "state", "starred", "owner")
    list_filter = ("state", "deadline_kind", "starred")
    search_fields = ("text", "summary", "lead_unit__name")
    date_hierarchy = "deadline"
    autocomplete_fields = ("owner", "document", "lead_unit", "coordinators", "assignees", "parent")
    inlines = [ProgressReportInline, DeadlineChangeInline]
    readonly_fields = ("created_at", "updated_at")
    actions = ["fan_out_to_communes", "make_occurrences"]

    def get_queryset(self, request):
        return annotate_status(super().get_queryset(request), timezone.localdate())

    @admin.display(description="tình trạng", ordering="status")
    def status_label(self, obj):
        return Status(obj.status).label

    @admin.action(description="Giao cho tất cả các xã (tách nhiệm vụ)")
    def fan_out_to_communes(self, request, queryset):
        run_service(
            self, request, queryset, lambda t: fan_out(t, request.user), "Đã tách {} nhiệm vụ cho các xã."
        )

    @admin.action(description="Tạo các kỳ cho nhiệm vụ định kỳ")
    def make_occurrences(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            lambda t: create_occurrences(t, actor=request.user),
            "Đã tạo các kỳ cho {} nhiệm vụ định kỳ.",
        )

    list_select_related = ("lead_unit", "owner")


class AttachmentInline(Scoped, admin.TabularInline):
    model = ProgressAttachment
    extra = 0


@admin.register(ProgressReport)
class ProgressReportAdmin(Scoped, admin.ModelAdmin):
    list_display = ("task", "unit", "reported_on", "percent", "author")
    search_fields = ("text", "task__summary")
    autocomplete_fields = ("task", "unit", "author")
    inlines = [AttachmentInline]
    list_select_related = ("task", "unit", "author")


@admin.register(DeadlineChange)
class DeadlineChangeAdmin(Scoped, admin.ModelAdmin):
    list_display = ("task", "old_date", "new_date", "status", "requested_by", "decided_by")
    list_filter = ("status", "objective")
    autocomplete_fields = ("task", "requested_by", "decided_by")
    list_select_related = ("task", "requested_by", "decided_by")
    actions = ["approve"]

    @admin.action(description="Đồng ý gia hạn")
    def approve(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            lambda c: decide_extension(c, request.user, approve=True),
            "Đã đồng ý {} đề nghị gia hạn.",
        )


@admin.register(CompletionRequest)
class CompletionRequestAdmin(Scoped, admin.ModelAdmin):
    list_display = ("task", "claimed_on", "status", "requested_by", "decided_by")
    list_filter = ("status",)
    autocomplete_fields = ("task", "requested_by", "decided_by")
    list_select_related = ("task", "requested_by", "decided_by")
    actions = ["approve"]

    @admin.action(description="Xác nhận hoàn thành")
    def approve(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            lambda c: approve_completion(c.task, request.user),
            "Đã xác nhận hoàn thành {} nhiệm vụ.",
        )


@admin.register(Direction)
class DirectionAdmin(Scoped, admin.ModelAdmin):
    list_display = ("task", "author", "created_at")
    search_fields = ("text",)
    autocomplete_fields = ("task", "author")
    list_select_related = ("task", "author")


def run_service(modeladmin, request, queryset, service, done_message):
    """Run a service on each selected row; report successes and the Vietnamese errors."""
    done = 0
    for obj in queryset:
        try:
            service(obj)
            done += 1
        except ServiceError as exc:
            modeladmin.message_user(request, f"{obj}: {exc}", messages.ERROR)
    if done:
        modeladmin.message_user(request, done_message.format(done), messages.SUCCESS)
