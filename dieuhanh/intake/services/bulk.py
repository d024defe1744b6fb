"""Several proposed tasks at once: drop or restore them, give them one lead or one deadline, and the
one action on every duty set aside "để biết" (issue 14, item 2).

Each runs in one transaction and returns the proposals it changed, so the page can redraw only
their cards.
"""

import datetime

from django.db import transaction

from dieuhanh.intake.models import ImportDraft, ProposedTask
from dieuhanh.intake.services.errors import DraftError
from dieuhanh.intake.services.review import require_pending, update_proposal
from dieuhanh.org.models import Unit
from dieuhanh.tasks.constants import DeadlineKind


def _chosen(draft: ImportDraft, ids) -> list[ProposedTask]:
    rows = list(
        draft.tasks.filter(pk__in=ids).select_related("draft__organisation").order_by("position", "pk")
    )
    if not rows or len(rows) != len(set(ids)):
        raise DraftError("Cần chọn ít nhất một nhiệm vụ của bản nháp này.")
    return rows


@transaction.atomic
def drop_many(draft: ImportDraft, ids, dropped: bool = True) -> list[ProposedTask]:
    """Drop the chosen proposals (or restore them); a merged one stays with the task it went into."""
    require_pending(draft)
    rows = [p for p in _chosen(draft, ids) if not p.merged_into_id and p.dropped != dropped]
    for proposal in rows:
        proposal.dropped = dropped
        proposal.save(update_fields=["dropped"])
    return rows


@transaction.atomic
def set_lead_many(draft: ImportDraft, ids, unit: Unit) -> list[ProposedTask]:
    """One lead unit of the organisation for every chosen proposal; it leaves their coordinators."""
    require_pending(draft)
    if not unit.is_active or not unit.path.startswith(draft.organisation.path):
        raise DraftError(f"Đơn vị “{unit}” không thuộc {draft.organisation}.")
    rows = [p for p in _chosen(draft, ids) if not p.dropped]
    for proposal in rows:
        coordinators = [u for u in proposal.coordinators.all() if u.pk != unit.pk]
        update_proposal(proposal, lead_unit=unit, coordinators=coordinators)
    return rows


@transaction.atomic
def set_deadline_many(draft: ImportDraft, ids, deadline: datetime.date) -> list[ProposedTask]:
    """One deadline for every chosen proposal; a recurring duty keeps its cycle and is left as it is."""
    require_pending(draft)
    rows = [p for p in _chosen(draft, ids) if not p.dropped and p.deadline_kind != DeadlineKind.RECURRING]
    for proposal in rows:
        update_proposal(proposal, deadline=deadline, deadline_kind=DeadlineKind.DATE)
    return rows


def set_aside(draft: ImportDraft) -> list[ProposedTask]:
    """The proposals import set aside "để biết" (duties of other bodies), in document order."""
    return [
        p
        for p in draft.tasks.filter(merged_into=None).order_by("position", "pk")
        if p.reasons.get("set_aside")
    ]


@transaction.atomic
def drop_set_aside(draft: ImportDraft, dropped: bool = True) -> list[ProposedTask]:
    """ "Bỏ các nhiệm vụ không thuộc đơn vị": drop every duty set aside for information at once, or
    bring them all back (dropped=False)."""
    require_pending(draft)
    rows = [p for p in set_aside(draft) if p.dropped != dropped]
    for proposal in rows:
        proposal.dropped = dropped
        proposal.save(update_fields=["dropped"])
    return rows
