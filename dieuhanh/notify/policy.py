"""The reminder rules of an organisation, and which organisations share which rules: pure Python.

An organisation without a policy of its own follows the nearest organisation
above it that has one (a province may set the rules for all its communes),
and the defaults when there is none. Planning works on groups of
organisations with the same rules, so a thousand communes on the defaults
cost one SQL statement per rule, not a thousand. The rows come from
`dieuhanh.notify.models.policy_groups()`; the grouping itself is here.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from dieuhanh.notify.constants import (
    DEFAULT_DAYS_BEFORE,
    DEFAULT_ESCALATE_AFTER,
    DEFAULT_NO_PROGRESS_DAYS,
    DEFAULT_RECURRING_DAYS_BEFORE,
    OverdueFrequency,
)


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


def group_owners(policies: dict[str, Rules], owners: Iterable[tuple[int, str]]) -> list[PolicyGroup]:
    """Organisations grouped by the rules they follow; the default rules take everyone else.

    `policies` maps the tree path of each organisation with a policy to its rules; `owners`
    are (id, path) of the organisations under any of those paths. Each follows the policy of
    its nearest ancestor (or itself); the last group is "everyone else" on the defaults.
    """
    by_rules: dict[Rules, set[int]] = defaultdict(set)
    for unit_id, path in owners:
        nearest = max((p for p in policies if path.startswith(p)), key=len)
        by_rules[policies[nearest]].add(unit_id)
    own = {rules: ids for rules, ids in by_rules.items() if rules != DEFAULT_RULES}
    groups = [PolicyGroup(rules=rules, owner_ids=frozenset(ids)) for rules, ids in own.items()]
    others = frozenset(uid for ids in own.values() for uid in ids)
    groups.append(PolicyGroup(rules=DEFAULT_RULES, excluded_ids=others))
    return groups
