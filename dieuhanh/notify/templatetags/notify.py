"""`{% notification_badge %}`: a link to the notifications with the unread count, for the nav."""

from django import template

from dieuhanh.notify.channels.in_app import unread_count

register = template.Library()


@register.inclusion_tag("notify/badge.html", takes_context=True)
def notification_badge(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"unread": unread_count(user), "show": bool(user and user.is_authenticated)}
