"""Template helpers: Vietnamese dates and numbers, status badges, query strings, navigation."""

import datetime
from decimal import Decimal

from django import template
from django.utils.html import format_html

from dieuhanh.core.views import access_of
from dieuhanh.org.access import ORG_ROLES
from dieuhanh.org.constants import Role
from dieuhanh.tasks.status import Status

register = template.Library()

MANAGING_ROLES = (Role.ADMIN, Role.LEADER, Role.TRACKER)


@register.filter
def vndate(value) -> str:
    """dd/mm/yyyy, or an empty string."""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return ""


@register.filter
def vnnum(value, places: int = 0) -> str:
    """1.640 or 66,7: thousands with dots, decimals with a comma; an em dash for nothing."""
    if value is None or value == "":
        return "—"
    number = Decimal(str(value))
    text = f"{number:,.{int(places)}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


@register.filter
def pct(value) -> str:
    return "—" if value is None else f"{vnnum(value, 1)}%"


@register.filter
def money(value) -> str:
    """Budget in triệu đồng, without trailing zeros."""
    if value is None:
        return "—"
    number = Decimal(str(value)).normalize()
    places = max(0, -number.as_tuple().exponent)
    return vnnum(number, places)


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


@register.simple_tag(takes_context=True)
def query(context, **changes) -> str:
    """The current query string with some parameters replaced (None or "" removes them); page reset."""
    params = context["request"].GET.copy()
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def nav_items(context) -> list[tuple[str, str, str]]:
    """(url name, label, test id) of the pages this person may open."""
    request = context["request"]
    access = access_of(request)
    org_role = access.is_superuser or access.has_role(*ORG_ROLES)
    items = []
    if org_role:
        items.append(("tasks:dashboard", "Tổng quan", "nav-dashboard"))
    if access.is_superuser or access.has_role(Role.MEMBER):
        items.append(("tasks:my_unit", "Đơn vị của tôi", "nav-my-unit"))
    items.append(("tasks:list", "Nhiệm vụ", "nav-tasks"))
    items.append(("documents:list", "Văn bản", "nav-documents"))
    if access.is_superuser or access.has_role(*MANAGING_ROLES):
        items.append(("documents:import", "Nhập văn bản", "nav-import"))
    if org_role:
        items.append(("reports:index", "Báo cáo", "nav-reports"))
    if access.is_superuser or access.has_role(Role.ADMIN):
        items.append(("org:units", "Đơn vị, người dùng", "nav-units"))
    return items


@register.simple_tag
def tasks_url(params: dict | None = None, **extra) -> str:
    """The task list URL filtered by `params` plus `extra` (e.g. status, unit)."""
    from django.urls import reverse
    from django.utils.http import urlencode

    merged = {**(params or {}), **{k: v for k, v in extra.items() if v not in (None, "")}}
    return f"{reverse('tasks:list')}?{urlencode(merged)}" if merged else reverse("tasks:list")
