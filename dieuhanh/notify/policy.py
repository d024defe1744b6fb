"""The reminder rules of an organisation, and which organisations share which rules.

An organisation without a policy of its own follows the nearest organisation
above it that has one (a province may set the rules for all its communes),
and the defaults when there is none. Planning works on groups of
organisations with the same rules, so a thousand communes on the defaults
cost one SQL statement per rule, not a thousand.
"""

from collections import defaultdict
from dataclasses import dataclass

from dieuhanh.notify.constants import (
    DEFAULT_DAYS_BEFORE,
    DEFAULT_ESCALATE_AFTER,
    DEFAULT_NO_PROGRESS_DAYS,
    DEFAULT_RECURRING_DAYS_BEFORE,
    OverdueFrequency,
)
from dieuhanh.org.constants import ORGANISATION_KINDS


@dataclass(frozen=True)
class Rules:
    """What to remind and when; working days unless said otherwise."""

    active: bool = True
    days_before: tuple[int, ...] = DEFAULT_DAYS_BEFORE
    on_deadline: bool = True
    recurring_days_before: tuple[int, ...] = DEFAULT_RECURRING_DAYS_BEFORE
    overdue: str = OverdueFrequency.DAILY
    no_progress_days: int = DEFAULT_NO_PROGRESS_DAYS  # calendar days; 0 = off
    escalate_after: int = DEFAULT_ESCALATE_AFTER  # overdue reminders before escalation; 0 = off
    remind_coordinators: bool = True


DEFAULT_RULES = Rules()


def parse_days(text: str) -> tuple[int, ...]:
    """'7, 3, 1' → (7, 3, 1): distinct positive numbers, largest first."""
    days = set()
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or int(part) < 1 or int(part) > 60:
            raise ValueError(part)
        days.add(int(part))
    return tuple(sorted(days, reverse=True))


@dataclass(frozen=True)
class PolicyGroup:
    """Organisations that share `rules`: either `owner_ids`, or everyone except `excluded_ids`."""

    rules: Rules
    owner_ids: frozenset[int] = frozenset()
    excluded_ids: frozenset[int] | None = None

    @property
    def is_rest(self) -> bool:
        return self.excluded_ids is not None


def policy_groups() -> list[PolicyGroup]:
    """Every task owner falls into exactly one group; the default rules take the rest."""
    from dieuhanh.notify.models import ReminderPolicy
    from dieuhanh.org.models import Unit

    policies = {p.organisation.path: p.rules() for p in ReminderPolicy.objects.select_related("organisation")}
    if not policies:
        return [PolicyGroup(rules=DEFAULT_RULES, excluded_ids=frozenset())]
    by_rules: dict[Rules, set[int]] = defaultdict(set)
    roots = list(policies)
    # Tasks are owned by organisations (communes, provinces): only those need a group.
    owners = Unit.objects.filter(_under_any(roots), kind__in=ORGANISATION_KINDS)
    for unit_id, path in owners.values_list("id", "path"):
        nearest = max((p for p in roots if path.startswith(p)), key=len)
        by_rules[policies[nearest]].add(unit_id)
    others = {uid for rules, ids in by_rules.items() if rules != DEFAULT_RULES for uid in ids}
    groups = [
        PolicyGroup(rules=rules, owner_ids=frozenset(ids))
        for rules, ids in by_rules.items()
        if rules != DEFAULT_RULES
    ]
    groups.append(PolicyGroup(rules=DEFAULT_RULES, excluded_ids=frozenset(others)))
    return groups


def _under_any(paths):
    from django.db.models import Q

    q = Q(pk__in=[])
    for path in paths:
        q |= Q(path__startswith=path)
    return q
