"""Template helpers of the report pages."""

from django import template

from dieuhanh.org.access import access_of
from dieuhanh.tasks.access import MANAGERS

register = template.Library()


@register.simple_tag(takes_context=True)
def writes_reports(context) -> bool:
    """Whether to offer writing a report: the server still checks the unit of each one."""
    access = access_of(context["request"])
    return access.is_superuser or access.has_role(*MANAGERS)
