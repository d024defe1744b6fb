"""Template helpers of tasks: status badges and links to the filtered task list."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from dieuhanh.org.access import access_of
from dieuhanh.org.unit_names import own_communes, unit_label
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


@register.simple_tag
def and_params(url: str, **extra) -> str:
    """`url` (a `tasks_url` with parameters) with `extra` after them: what `tasks_url` gives for
    the same parameters plus `extra`, without resolving the URL again for each row of a table."""
    extra = {k: v for k, v in extra.items() if v not in (None, "")}
    if not extra:
        return url
    return f"{url}{'&' if '?' in url else '?'}{urlencode(extra)}"


@register.simple_tag(takes_context=True)
def unit_name(context, unit) -> str:
    """The unit's name, with its commune beside it for a viewer outside that commune (a province):
    "Phòng Văn hóa - Xã hội · xã Gia Lộc"."""
    if unit is None:
        return ""
    request = context.get("request")
    if request is None:
        return unit.name
    if not hasattr(request, "_dieuhanh_own_communes"):
        request._dieuhanh_own_communes = own_communes(access_of(request))
    return unit_label(unit, request._dieuhanh_own_communes)
