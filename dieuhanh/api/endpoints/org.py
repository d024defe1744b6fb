"""The unit tree as the caller may see it, and the caller's notifications."""

from django.db.models import Q
from ninja import Query, Router, Schema

from dieuhanh.api.auth import access
from dieuhanh.api.endpoints.tasks import ERRORS
from dieuhanh.api.paging import DEFAULT_PAGE_SIZE, page_of
from dieuhanh.api.schemas import NotificationOut, Page, UnitNode
from dieuhanh.notify.models import Notification
from dieuhanh.tasks.access import visible_tasks

router = Router(tags=["Đơn vị, thông báo"])


@router.get("/units", response={200: list[UnitNode], **ERRORS}, summary="Cây đơn vị")
def unit_tree(request):
    """The visible units as trees: a unit whose parent the caller does not see is a root."""
    units = list(access(request).visible_units().filter(is_active=True).order_by("path", "sort_order"))
    nodes = {
        u.pk: {
            "id": u.pk,
            "name": u.name,
            "short_name": u.short_name,
            "code": u.code,
            "kind": u.kind,
            "kind_label": u.get_kind_display(),
            "children": [],
        }
        for u in units
    }
    roots = []
    for u in sorted(units, key=lambda u: (u.sort_order, u.name)):
        parent = nodes.get(u.parent_id)
        (parent["children"] if parent else roots).append(nodes[u.pk])
    return roots


class NotificationFilters(Schema):
    unread: bool = False
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


@router.get("/notifications", response={200: Page[NotificationOut], **ERRORS}, summary="Thông báo của tôi")
def my_notifications(request, filters: Query[NotificationFilters]):
    qs = Notification.objects.filter(person=request.auth.user).select_related("task")
    # Notifications about a task the person can no longer see (taken off a confidential
    # document, moved out of the unit) are withdrawn by notify; they are never shown here either.
    qs = qs.filter(Q(task__isnull=True) | Q(task__in=visible_tasks(access(request))))
    if filters.unread:
        qs = qs.filter(read_at=None)
    return page_of(
        qs,
        filters.page,
        filters.page_size,
        lambda n: {
            "id": n.pk,
            "kind": n.kind,
            "message": n.message,
            "task_id": n.task_id,
            "created_at": n.created_at,
            "read_at": n.read_at,
        },
    )
