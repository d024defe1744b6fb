"""`{% waiting_badge %}`: the link to "Việc chờ tôi" with how many things wait, for the nav (one query)."""

from django import template

from dieuhanh.inbox.waiting import waiting_count
from dieuhanh.org.access import access_of

register = template.Library()


@register.inclusion_tag("inbox/badge.html", takes_context=True)
def waiting_badge(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"show": False}
    return {"show": True, "count": waiting_count(access_of(request)), "request": request}
