"""The landing page after login: each person starts where their work is."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from dieuhanh.org.access import ORG_ROLES, Access, access_of
from dieuhanh.org.constants import Role


def landing_url(access: Access) -> str:
    """Leaders, trackers, viewers and admins land on the dashboard; unit members on their unit."""
    if access.is_superuser or access.has_role(*ORG_ROLES):
        return "tasks:dashboard"
    if access.has_role(Role.MEMBER):
        return "tasks:my_unit"
    return "tasks:list"


@login_required
def home(request):
    return redirect(landing_url(access_of(request)))
