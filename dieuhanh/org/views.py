"""Units and people: a read-only tree for admins, with links into the admin site for editing."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import render

from dieuhanh.org.access import access_of
from dieuhanh.org.constants import Role
from dieuhanh.org.models import Membership


@login_required
def units(request):
    access = access_of(request)
    if not (access.is_superuser or access.has_role(Role.ADMIN)):
        raise PermissionDenied
    scope = access.visible_units()
    rows = list(
        scope.order_by("path").prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("user").order_by("role", "user__full_name"),
            )
        )
    )
    top = min((r.path.count("/") for r in rows), default=0)
    tree = [(unit, unit.path.count("/") - top) for unit in rows]
    return render(request, "org/units.html", {"tree": tree, "can_edit": request.user.is_staff, "roles": Role})
