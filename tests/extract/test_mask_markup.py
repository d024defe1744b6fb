"""Markup masking blanks exactly the lines the rule-line pattern matches, keeping every offset."""

import random

import pytest

from dieuhanh.extract.citations import _RULE_LINE, mask_markup

pytestmark = pytest.mark.pure


def _by_pattern(text: str) -> str:
    for ch in "*|#\\":
        text = text.replace(ch, " ")
    return _RULE_LINE.sub(lambda m: " " * len(m.group()), text)


def test_it_agrees_with_the_rule_line_pattern_on_random_text():
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice("ab -–_=\t\n*|.x") for _ in range(rng.randint(0, 40)))
        assert mask_markup(text) == _by_pattern(text), repr(text)


def test_it_blanks_a_rule_line_under_a_header():
    text = "UBND XÃ A\n-------\n**Số: 12/UBND**"
    assert mask_markup(text) == "UBND XÃ A\n       \n  Số: 12/UBND  "


def test_it_agrees_with_the_rule_line_pattern_around_other_blanks():
    rng = random.Random(11)
    for _ in range(20000):
        text = "".join(rng.choice("a -–_=\t\n\r\u2003\u00a0x") for _ in range(rng.randint(0, 30)))
        assert mask_markup(text) == _by_pattern(text), repr(text)
