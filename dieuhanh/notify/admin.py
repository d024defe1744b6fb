from django.contrib import admin
from django.db import models
from django.db.models import Q

from dieuhanh.core.admin_scope import Scoped, register_scope
from dieuhanh.notify.models import (
    Digest,
    Event,
    EventNotice,
    Notification,
    NotificationPreference,
    PlanRun,
    Reminder,
    ReminderPolicy,
    WebhookDelivery,
    WebhookEndpoint,
)
from dieuhanh.org.access import Access
from dieuhanh.tasks.access import visible_tasks, visible_through_task

register_scope(Reminder, visible_through_task())
register_scope(Event, visible_through_task())
register_scope(EventNotice, visible_through_task())
register_scope(
    WebhookDelivery,
    lambda user, rows: rows.filter(Q(event=None) | Q(event__task__in=visible_tasks(Access.of(user)))),
)
register_scope(
    Notification,
    lambda user, rows: rows.filter(Q(task=None) | Q(task__in=visible_tasks(Access.of(user)))),
)


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(Scoped, admin.ModelAdmin):
    list_display = (
        "organisation",
        "is_active",
        "days_before",
        "on_deadline",
        "overdue",
        "no_progress_days",
        "escalate_after",
    )
    autocomplete_fields = ("organisation",)


@admin.register(Reminder)
class ReminderAdmin(Scoped, admin.ModelAdmin):
    list_display = ("due_on", "kind", "task", "person", "channel", "sent_at", "attempts", "last_error")
    list_filter = ("kind", "channel", "due_on")
    raw_id_fields = ("task", "person", "digest")
    date_hierarchy = "due_on"
    show_full_result_count = False


@admin.register(Digest)
class DigestAdmin(Scoped, admin.ModelAdmin):
    list_display = ("day", "person", "subject", "sent_at", "attempts", "next_attempt_at", "last_error")
    raw_id_fields = ("person",)
    date_hierarchy = "day"


@admin.register(Notification)
class NotificationAdmin(Scoped, admin.ModelAdmin):
    list_display = ("created_at", "person", "kind", "task", "read_at")
    raw_id_fields = ("person", "task", "reminder")
    show_full_result_count = False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(Scoped, admin.ModelAdmin):
    list_display = ("person", "email_enabled", "in_app_enabled", "digest_hour")
    raw_id_fields = ("person",)


class WebhookDeliveryInline(Scoped, admin.TabularInline):
    model = WebhookDelivery
    extra = 0
    fields = ("day", "sent_at", "response_status", "attempts", "next_attempt_at", "last_error")
    readonly_fields = fields


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(Scoped, admin.ModelAdmin):
    list_display = ("organisation", "url", "is_active")
    autocomplete_fields = ("organisation",)
    inlines = [WebhookDeliveryInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(PlanRun)
class PlanRunAdmin(Scoped, admin.ModelAdmin):
    list_display = ("day", "started_at", "finished_at", "planned")
