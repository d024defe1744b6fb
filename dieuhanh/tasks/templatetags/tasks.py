"""Template helpers of tasks: status badges and links to the filtered task list."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from dieuhanh.tasks.status import Status

register = template.Library()


@register.simple_tag
def status_badge(code):
    try:
        status = Status(code)
    except ValueError:
        return ""
    return format_html(
        '<span class="badge st-{}" data-status="{}">{}</span>', status.value, status.value, status.label
    )


@register.filter
def status_label(code) -> str:
    try:
        return Status(code).label
    except ValueError:
        return ""


@register.simple_tag
def tasks_url(params: dict | None = None, **extra) -> str:
    """The task list URL filtered by `params` plus `extra` (e.g. status, unit)."""
    merged = {**(params or {}), **{k: v for k, v in extra.items() if v not in (None, "")}}
    return f"{reverse('tasks:list')}?{urlencode(merged)}" if merged else reverse("tasks:list")
