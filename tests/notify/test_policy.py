"""Which organisations share which reminder rules: the pure grouping, without a database."""

import ast
from pathlib import Path

import pytest

import dieuhanh.notify.policy as policy_module
from dieuhanh.notify.policy import DEFAULT_RULES, PolicyGroup, Rules, group_owners, parse_days

pytestmark = pytest.mark.pure

PROVINCE, COMMUNE, OTHER = "/1/", "/1/7/", "/1/8/"
WEEKLY = Rules(overdue="weekly")
QUIET = Rules(active=False)


def test_without_a_policy_everyone_is_on_the_defaults():
    assert group_owners({}, []) == [PolicyGroup(rules=DEFAULT_RULES, excluded_ids=frozenset())]


def test_a_province_policy_covers_its_communes_and_a_commune_policy_overrides_it():
    groups = group_owners({PROVINCE: WEEKLY, COMMUNE: QUIET}, [(1, PROVINCE), (7, COMMUNE), (8, OTHER)])
    assert groups == [
        PolicyGroup(rules=WEEKLY, owner_ids=frozenset({1, 8})),
        PolicyGroup(rules=QUIET, owner_ids=frozenset({7})),
        PolicyGroup(rules=DEFAULT_RULES, excluded_ids=frozenset({1, 7, 8})),
    ]


def test_a_policy_equal_to_the_defaults_joins_the_rest():
    groups = group_owners({PROVINCE: WEEKLY, COMMUNE: Rules()}, [(1, PROVINCE), (7, COMMUNE), (8, OTHER)])
    assert groups == [
        PolicyGroup(rules=WEEKLY, owner_ids=frozenset({1, 8})),
        PolicyGroup(rules=DEFAULT_RULES, excluded_ids=frozenset({1, 8})),
    ]
    assert groups[-1].is_rest and not groups[0].is_rest


@pytest.mark.parametrize(
    "text, days", [("7, 3, 1", (7, 3, 1)), ("1;3;3", (3, 1)), ("", ()), (" 60 ,", (60,))]
)
def test_days_are_distinct_and_largest_first(text, days):
    assert parse_days(text) == days


@pytest.mark.parametrize("text", ["0", "61", "ba", "-1"])
def test_a_day_outside_1_to_60_is_refused(text):
    with pytest.raises(ValueError):
        parse_days(text)


def test_the_rules_module_imports_no_model_so_models_and_rules_make_no_cycle():
    tree = ast.parse(Path(policy_module.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    assert not [m for m in imported if m.endswith("models") or m.startswith("django.db")]
