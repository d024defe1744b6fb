"""The navigation bar: the pages of every app that this person may open."""

from django import template

from dieuhanh.org.access import ORG_ROLES, access_of
from dieuhanh.org.constants import Role

register = template.Library()

MANAGING_ROLES = (Role.ADMIN, Role.LEADER, Role.TRACKER)


@register.simple_tag(takes_context=True)
def nav_items(context) -> list[tuple[str, str, str]]:
    """(url name, label, test id) of the pages this person may open."""
    access = access_of(context["request"])
    org_role = access.is_superuser or access.has_role(*ORG_ROLES)
    items = []
    if org_role:
        items.append(("tasks:dashboard", "Tổng quan", "nav-dashboard"))
    if access.is_superuser or access.has_role(Role.MEMBER):
        items.append(("tasks:my_unit", "Đơn vị của tôi", "nav-my-unit"))
    items.append(("tasks:list", "Nhiệm vụ", "nav-tasks"))
    items.append(("intake:documents", "Văn bản", "nav-documents"))
    if access.is_superuser or access.has_role(*MANAGING_ROLES):
        items.append(("intake:import", "Nhập văn bản", "nav-import"))
    if org_role:
        items.append(("reports:index", "Báo cáo", "nav-reports"))
    if access.is_superuser or access.has_role(*MANAGING_ROLES):
        items.append(("exchange:index", "Gói báo cáo", "nav-packages"))
    if access.is_superuser or access.memberships:
        items.append(("evaluation:home", "Đánh giá công chức", "nav-evaluation"))
    if access.is_superuser or access.has_role(Role.ADMIN):
        items.append(("org:units", "Đơn vị, người dùng", "nav-units"))
    return items
