"""Which tasks a report covers, for whom, and which body issues it."""

from dataclasses import dataclass

from django.db.models import Q

from dieuhanh.org.access import Access
from dieuhanh.org.constants import UnitKind
from dieuhanh.org.models import Unit
from dieuhanh.tasks.access import SECRET_LEVELS, visible_tasks
from dieuhanh.tasks.models import Task


class ScopeError(ValueError):
    """The unit asked for is unknown or not visible; the message is in Vietnamese."""


@dataclass(frozen=True)
class Scope:
    """Which tasks a report covers and which body issues it."""

    organisation: Unit | None
    unit: Unit | None
    user: object | None
    # A report that leaves the system for addresses that are nobody named on a confidential
    # document (a scheduled e-mail, an issued report) never holds confidential work, whoever
    # it is made as.
    confidential: bool = True

    def tasks(self):
        qs = Task.objects.trackable()
        if self.user is not None:
            qs = visible_tasks(Access.of(self.user), qs)
        if self.user is None or not self.confidential:
            # Run by the system (CLI without --user), or sent outside: confidential work is
            # shown only to the people named on it, so it is left out.
            qs = qs.exclude(document__confidentiality__in=SECRET_LEVELS)
        if self.unit is not None:
            qs = qs.filter(
                Q(owner__path__startswith=self.unit.path) | Q(lead_unit__path__startswith=self.unit.path)
            )
        return qs

    @property
    def holds_confidential(self) -> bool:
        return self.user is not None and self.confidential

    @property
    def is_province(self) -> bool:
        return (
            self.organisation is not None
            and self.organisation.kind == UnitKind.PROVINCE
            and (self.unit is None or self.unit.pk == self.organisation.pk)
        )

    @property
    def group_field(self) -> str:
        """A province report is tabled by commune (the task's owner); others by lead unit."""
        return "owner" if self.is_province else "lead_unit"


def find_unit(text: str) -> Unit:
    """A unit by code, exact name or short name."""
    text = (text or "").strip()
    unit = (
        Unit.objects.filter(code=text).first()
        or Unit.objects.filter(name__iexact=text).first()
        or Unit.objects.filter(short_name__iexact=text).first()
    )
    if unit is None:
        raise ScopeError(f"Không tìm thấy đơn vị {text!r} (nhập mã hoặc tên đơn vị).")
    return unit


def may_see_unit(access: Access, unit: Unit) -> bool:
    """Whether `access` may see the reports of `unit` (the unit tree)."""
    return access.is_superuser or access.visible_units().filter(pk=unit.pk).exists()


def build_scope(user=None, unit: Unit | None = None, confidential: bool = True) -> Scope:
    """The scope for `user` (None: the whole system, as the CLI and schedules run) and `unit`;
    `confidential=False` leaves confidential work out even when `user` is named on it."""
    if user is not None and unit is not None and not may_see_unit(Access.of(user), unit):
        raise ScopeError(f"Bạn không có quyền xem báo cáo của {unit.name}.")
    organisation = unit.organisation() if unit is not None else _default_organisation(user)
    return Scope(organisation=organisation, unit=unit, user=user, confidential=confidential)


def _default_organisation(user) -> Unit | None:
    if user is not None:
        orgs = {m.unit.organisation() for m in Access.of(user).memberships}
        if len(orgs) == 1:
            return orgs.pop()
    return Unit.objects.filter(parent__isnull=True).order_by("path").first()
