"""Opening a period: one sheet for every official of the organisation, with their products."""

import datetime

from django.db import transaction
from django.utils import timezone

from dieuhanh.core.audit import acting_as
from dieuhanh.evaluation.access import EVALUATED_ROLES, can_open_period
from dieuhanh.evaluation.constants import Cycle
from dieuhanh.evaluation.models import Period, Sheet
from dieuhanh.evaluation.rules import rules_for
from dieuhanh.evaluation.services.errors import EvaluationError
from dieuhanh.evaluation.services.products import sync_products
from dieuhanh.evaluation.services.scores import refresh_scores
from dieuhanh.org.access import Access
from dieuhanh.org.constants import ORGANISATION_KINDS
from dieuhanh.org.models import Membership, Unit


def officials(organisation: Unit) -> list[Membership]:
    """One membership per official of the organisation itself (not of the communes under a
    province): the unit they head if any, else their first unit in the tree's order."""
    nested = Unit.objects.filter(path__startswith=organisation.path, kind__in=ORGANISATION_KINDS).exclude(
        pk=organisation.pk
    )
    rows = (
        Membership.objects.filter(
            unit__path__startswith=organisation.path,
            unit__is_active=True,
            user__is_active=True,
            role__in=EVALUATED_ROLES,
        )
        .select_related("user", "unit")
        .order_by("user_id", "-is_head", "unit__path")
    )
    nested_paths = [u.path for u in nested]
    chosen: dict[int, Membership] = {}
    for m in rows:
        if m.user_id not in chosen and not any(m.unit.path.startswith(p) for p in nested_paths):
            chosen[m.user_id] = m
    return list(chosen.values())


def period_number_for(cycle: str, day: datetime.date) -> int:
    return day.month if cycle == Cycle.MONTH else (day.month - 1) // 3 + 1


def previous_period(cycle: str, today: datetime.date) -> tuple[int, int]:
    """(year, number) of the period before the one `today` is in: what is evaluated now."""
    number = period_number_for(cycle, today)
    if number > 1:
        return today.year, number - 1
    return today.year - 1, 12 if cycle == Cycle.MONTH else 4


@transaction.atomic
def open_period(organisation: Unit, actor, *, year: int, number: int) -> tuple[Period, list[Sheet]]:
    """The organisation's period (its rules' cycle) with a sheet for each official; opening it again
    adds the sheets of officials who joined since. Returns the period and the sheets made now."""
    if not can_open_period(Access.of(actor), organisation):
        raise EvaluationError("Bạn không có quyền mở kỳ đánh giá của cơ quan này.")
    if not organisation.is_organisation:
        raise EvaluationError("Kỳ đánh giá được mở cho UBND xã hoặc tỉnh.")
    cycle = rules_for(organisation).cycle
    last = 12 if cycle == Cycle.MONTH else 4
    if not 1 <= number <= last:
        raise EvaluationError(f"{'Tháng' if cycle == Cycle.MONTH else 'Quý'} phải từ 1 đến {last}.")
    start, end = Period.bounds(cycle, year, number)
    today = timezone.localdate()
    if start > today:
        raise EvaluationError("Chưa thể mở kỳ đánh giá chưa bắt đầu.")
    with acting_as(actor, note="Mở kỳ đánh giá"):
        period, _ = Period.objects.get_or_create(
            organisation=organisation,
            cycle=cycle,
            year=year,
            number=number,
            defaults={"start": start, "end": end, "opened_by": actor},
        )
        # Two people opening the same period at once: the second waits here, then adds nobody twice.
        period = Period.objects.select_for_update().get(pk=period.pk)
        have = set(period.sheets.values_list("person_id", flat=True))
        made = []
        for m in officials(organisation):
            if m.user_id in have:
                continue
            sheet = Sheet.objects.create(
                period=period, person=m.user, unit=m.unit, title=m.title, is_head=m.is_head
            )
            sync_products(sheet, today)
            made.append(sheet)
        for sheet in made:
            refresh_scores(sheet)
    return period, made
