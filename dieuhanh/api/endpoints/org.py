"""The unit tree and the people as the caller may see them, and the caller's notifications."""

from django.db.models import Q
from ninja import Query, Router, Schema
from pydantic import Field

from dieuhanh.api.auth import access
from dieuhanh.api.endpoints.tasks import ERRORS
from dieuhanh.api.errors import not_found
from dieuhanh.api.paging import DEFAULT_PAGE_SIZE, page_of
from dieuhanh.api.schemas import NotificationOut, Page, PersonOut, UnitNode
from dieuhanh.core.form_fields import MAX_ID
from dieuhanh.notify.models import Notification
from dieuhanh.org.constants import Role
from dieuhanh.org.models import Membership, User
from dieuhanh.tasks.access import MANAGERS, visible_tasks

router = Router(tags=["Đơn vị, cán bộ, thông báo"])


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


class PeopleFilters(Schema):
    unit: int | None = Field(
        None, ge=1, le=MAX_ID, description="Chỉ người của đơn vị này (và các đơn vị trực thuộc)."
    )
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


def _people_scope(acc) -> tuple[Q, bool]:
    """Where the caller may see people, as the web shows them, and whether with their roles.

    An administrator sees everyone of the units they see, with roles (the "Đơn vị, người dùng"
    page); a leader or tracker the people of their organisation, and a unit member the people of
    their unit — those they may give a task to (the task page's "Giao cán bộ"). A viewer is shown
    no one: the web shows them only the names written on a task.
    """
    if acc.is_superuser or acc.has_role(Role.ADMIN):
        return Q(unit__in=acc.visible_units()), True
    where = Q(pk__in=[])
    for path in [*acc.org_paths(MANAGERS), *acc.unit_paths]:
        where |= Q(unit__path__startswith=path)
    return where, False


@router.get("/people", response={200: Page[PersonOut], **ERRORS}, summary="Cán bộ")
def people(request, filters: Query[PeopleFilters]):
    acc = access(request)
    where, with_roles = _people_scope(acc)
    memberships = Membership.objects.filter(where, unit__is_active=True, user__is_active=True)
    if filters.unit is not None:
        unit = acc.visible_units().filter(pk=filters.unit).first()
        if unit is None:
            raise not_found("đơn vị")
        memberships = memberships.filter(unit__path__startswith=unit.path)
    users = User.objects.filter(pk__in=memberships.values("user_id")).order_by("full_name", "username", "pk")
    return page_of(users, filters.page, filters.page_size, lambda u: _person(u, memberships, with_roles))


def _person(user, memberships, with_roles: bool) -> dict:
    mine = memberships.filter(user=user).select_related("unit").order_by("unit__path")
    return {
        "id": user.pk,
        "name": str(user),
        "units": [
            {
                "id": m.unit_id,
                "name": m.unit.name,
                "title": m.title,
                "role": m.role if with_roles else None,
                "role_label": m.get_role_display() if with_roles else None,
            }
            for m in mine
        ],
    }
