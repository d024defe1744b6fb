"""Who sees which sheets and who acts on them (see dieuhanh.org.access and dieuhanh.tasks.access).

- An official sees their own sheets; the head of a unit sees the sheets of their unit; the
  organisation's roles (leaders, office, admins, viewers) see every sheet of the organisation.
  Viewers, and admins as such, only read.
- The official self-assesses their sheet; the direct leader reviews it: the head of the
  official's unit, or a leader of the organisation (for a unit head, for the office's own
  officials, and for a unit without a head); a leader of the organisation approves. A superuser
  is not a leader: the evaluation of people is signed by people who hold the role.
- A confidential task (its document Mật or above) is named on a sheet, a download or an export
  only to the people named on its document; anyone else sees it counted, without its text.
"""

from django.db.models import Q

from dieuhanh.evaluation.constants import HIDDEN_PRODUCT, Stage
from dieuhanh.evaluation.models import Product, Sheet
from dieuhanh.org.access import READ_ONLY_ROLES, Access
from dieuhanh.org.constants import Role
from dieuhanh.org.models import Unit
from dieuhanh.tasks.access import confidential_filter

LEADERS = (Role.LEADER,)
ORGANISERS = (Role.LEADER, Role.TRACKER)
# The roles whose holders are officials evaluated in their organisation.
EVALUATED_ROLES = (Role.MEMBER, Role.TRACKER)


def head_paths(access: Access) -> list[str]:
    """Paths of the units this person heads (in a working role)."""
    return [m.unit.path for m in access.memberships if m.is_head and m.role not in READ_ONLY_ROLES]


def visible_sheets(access: Access, queryset=None):
    qs = Sheet.objects.all() if queryset is None else queryset
    if access.user is None:
        return qs.none()
    if access.is_superuser:
        return qs
    scope = Q(person=access.user)
    for path in [*access.org_paths(), *head_paths(access)]:
        scope |= Q(unit__path__startswith=path)
    return qs.filter(scope)


def sees_all_of(access: Access, unit: Unit) -> bool:
    """Whether this person reads every sheet of `unit` (not only their own)."""
    return access.is_superuser or any(
        unit.path.startswith(p) for p in [*access.org_paths(), *head_paths(access)]
    )


def leads_organisation_of(access: Access, unit: Unit) -> bool:
    return access.user is not None and any(unit.path.startswith(p) for p in access.org_paths(LEADERS))


def is_direct_leader(access: Access, sheet: Sheet) -> bool:
    if access.user is None or sheet.person_id == access.user.pk:
        return False
    if leads_organisation_of(access, sheet.unit):
        return True
    return not sheet.is_head and any(sheet.unit.path.startswith(p) for p in head_paths(access))


def can_self_assess(access: Access, sheet: Sheet) -> bool:
    return access.user is not None and sheet.person_id == access.user.pk and sheet.stage == Stage.DRAFT


def can_review(access: Access, sheet: Sheet) -> bool:
    return sheet.stage == Stage.SUBMITTED and is_direct_leader(access, sheet)


def can_approve(access: Access, sheet: Sheet) -> bool:
    return (
        sheet.stage == Stage.REVIEWED
        and access.user is not None
        and sheet.person_id != access.user.pk
        and leads_organisation_of(access, sheet.unit)
    )


def can_open_period(access: Access, organisation: Unit) -> bool:
    return access.user is not None and any(
        organisation.path.startswith(p) for p in access.org_paths(ORGANISERS)
    )


def reviewable_sheets(access: Access):
    """The sheets waiting for this person's review, as one query."""
    if access.user is None:
        return Sheet.objects.none()
    scope = Q(pk__in=[])
    for path in access.org_paths(LEADERS):
        scope |= Q(unit__path__startswith=path)
    for path in head_paths(access):
        scope |= Q(unit__path__startswith=path, is_head=False)
    return Sheet.objects.filter(scope, stage=Stage.SUBMITTED).exclude(person=access.user)


def approvable_sheets(access: Access):
    if access.user is None:
        return Sheet.objects.none()
    scope = Q(pk__in=[])
    for path in access.org_paths(LEADERS):
        scope |= Q(unit__path__startswith=path)
    return Sheet.objects.filter(scope, stage=Stage.REVIEWED).exclude(person=access.user)


def readable_product_ids(access: Access, products) -> set[int]:
    """The products whose task text this person may read (all but the confidential ones they are
    not named on; a confidential one whose document is gone stays hidden)."""
    if access.user is None:
        return set()
    ids = [p.pk for p in products]
    plain = Q(document__isnull=True, confidential=False)
    named = Q(document__isnull=False) & confidential_filter(access)
    return set(Product.objects.filter(pk__in=ids).filter(plain | named).values_list("pk", flat=True))


def product_label(product: Product, readable: set[int]) -> str:
    return product.title if product.pk in readable else HIDDEN_PRODUCT
