"""Who may see and do what, scoped by the unit tree.

A leader, tracker, viewer or admin acts for an organisation (the commune or
province UBND at or above their unit) and everything under it: a province
leader sees every commune. A unit member sees the work where their unit (or a
unit under it) leads or coordinates, and nothing of other units' work.
Confidential documents (Mật and above) and their tasks are visible only to
the people named on them, whatever their role. A viewer only reads: no
membership of theirs makes them part of the unit doing the work.
"""

from dataclasses import dataclass, field
from functools import cached_property

from dieuhanh.org.constants import Role
from dieuhanh.org.models import Membership, Unit

ORG_ROLES = (Role.ADMIN, Role.LEADER, Role.TRACKER, Role.VIEWER)
READ_ONLY_ROLES = (Role.VIEWER,)


@dataclass
class Access:
    """The scopes of one person, computed once per request or command."""

    user: object
    memberships: list[Membership] = field(default_factory=list)

    @classmethod
    def of(cls, user) -> "Access":
        if user is None or not getattr(user, "is_authenticated", False):
            return cls(user=None)
        rows = list(Membership.objects.filter(user=user, unit__is_active=True).select_related("unit"))
        return cls(user=user, memberships=rows)

    @property
    def is_superuser(self) -> bool:
        return bool(self.user is not None and self.user.is_superuser)

    def org_paths(self, roles=ORG_ROLES) -> list[str]:
        """Paths of the organisations this person acts for with one of `roles`."""
        return sorted({self._org(m.unit).path for m in self.memberships if m.role in roles})

    @cached_property
    def unit_paths(self) -> list[str]:
        """Paths of the units this person is a member of (for the member role)."""
        return sorted({m.unit.path for m in self.memberships if m.role == Role.MEMBER})

    @cached_property
    def all_paths(self) -> list[str]:
        return sorted(set(self.org_paths()) | set(self.unit_paths))

    def has_role(self, *roles) -> bool:
        return self.is_superuser or any(m.role in roles for m in self.memberships)

    def acts_for(self, unit: Unit, roles=ORG_ROLES) -> bool:
        """True when `unit` is inside an organisation this person acts for with one of `roles`."""
        if self.is_superuser:
            return True
        return any(unit.path.startswith(p) for p in self.org_paths(roles))

    def is_member_of(self, unit: Unit) -> bool:
        """True when this person works in `unit`: a member of it or of a unit above it, or holding
        a working role (not a read-only one) in `unit` itself."""
        return any(unit.path.startswith(p) for p in self.unit_paths) or any(
            m.unit_id == unit.pk and m.role not in READ_ONLY_ROLES for m in self.memberships
        )

    def visible_units(self):
        if self.is_superuser:
            return Unit.objects.all()
        from django.db.models import Q

        q = Q(pk__in=[])
        for path in self.all_paths:
            q |= Q(path__startswith=path)
        return Unit.objects.filter(q)

    @staticmethod
    def _org(unit: Unit) -> Unit:
        return unit.organisation()


def access_of(request) -> Access:
    """The person's scopes, computed once per request (pages and the navigation share it)."""
    if not hasattr(request, "_dieuhanh_access"):
        request._dieuhanh_access = Access.of(request.user)
    return request._dieuhanh_access
