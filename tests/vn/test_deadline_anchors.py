"""The deadline scanner skips a rule on short text when none of its anchors occurs: never a match."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dieuhanh.vn.deadline_rules import LINE_RULES, RULES, _required_word, fold_for_rules, rules_to_run

pytestmark = pytest.mark.pure

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data" / "directives"
PHRASES = [
    "hoàn thành trước ngày 30/6/2026",
    "báo cáo định kỳ hằng tháng, quý, năm (hoặc đột xuất khi có yêu cầu)",
    "Quý I - Quý III/2026",
    "trước ngày 18 hằng tháng",
    "trong vòng 15 ngày làm việc kể từ ngày nhận được văn bản",
    "hạn báo cáo: 10/7",
    "Thời gian thực hiện: năm 2026 và các năm tiếp theo",
    "6 tháng đầu năm 2026; 9 tháng đầu năm",
    "tại kỳ họp thứ 12, HĐND tỉnh khóa XVII",
    "trước 17 giờ hằng ngày",
    "từ ngày 01/7 đến hết ngày 31/12/2026",
    "sau khi có ý kiến của Bộ",
]


def _texts():
    yield from PHRASES
    for path in sorted(SAMPLES.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            if paragraph.strip():
                yield paragraph[:2000]


@pytest.mark.parametrize("slot", [False, True])
def test_a_rule_left_out_has_no_match(slot):
    for text in _texts():
        folded = fold_for_rules(text)
        chosen = {rule.name for rule, _ in rules_to_run(folded, slot)}
        for rule in RULES:
            eligible = (slot or not rule.slot_only) and not (slot and rule.name in LINE_RULES)
            if eligible and rule.name not in chosen:
                assert rule.pattern.search(folded) is None, (rule.name, text)


@pytest.mark.parametrize(
    ("pattern", "word"),
    [
        (r"ngay\s+[0-9]", "ngay"),
        (r"[0-9]\s+ngay", "ngay"),
        (r"hang\s+(?:ngay|tuan)", "hang"),
        (r"qu[yi]\s", "qu"),
        (r"ab?c", "c"),  # "b" may be missing: only the trailing "c" is certain
        (r"[0-9]\s+", ""),
        (r"\\ngay", "ngay"),  # an escaped backslash, then "ngay"
        (r"\ngay", "gay"),  # a newline, then "gay"
    ],
)
def test_required_word_is_in_every_match(pattern, word):
    assert _required_word(pattern) == word


@pytest.mark.parametrize("rule", [r for r in RULES if r.after_word_start is not None], ids=lambda r: r.name)
def test_rest_after_word_start_never_matches_empty(rule):
    # Rule.matches relies on it: after an empty match finditer would move on differently.
    from re import _parser  # the width of a pattern is only known to the parser

    assert _parser.parse(rule.after_word_start.pattern, rule.after_word_start.flags).getwidth()[0] > 0


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_matches_equal_finditer(rule):
    for text in _texts():
        folded = fold_for_rules(text.lower())
        for lo, hi in ((0, len(folded)), (3, len(folded) - 2)):
            expected = [(m.span(), m.groupdict()) for m in rule.pattern.finditer(folded, lo, hi)]
            assert [(m.span(), m.groupdict()) for m in rule.matches(folded, lo, hi)] == expected


def test_matches_equal_finditer_on_spliced_text():
    # Slices of deadline phrases glued at random places: matches that start inside a word,
    # right after one, and run into the next slice.
    import random

    rng = random.Random(7)
    corpus = [fold_for_rules(t.lower()) for t in _texts()]
    for _ in range(1500):
        parts = []
        for _ in range(rng.randint(1, 4)):
            source = rng.choice(corpus)
            at = rng.randrange(len(source))
            parts.append(source[at : at + rng.randint(3, 80)])
        text = rng.choice(("", " ", "x")).join(parts)
        for rule in RULES:
            expected = [(m.span(), m.groupdict()) for m in rule.pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in rule.matches(text, 0, len(text))] == expected, (
                rule.name,
                text,
            )


@pytest.mark.parametrize(
    "rule",
    [r for r in RULES if r.starts is not None and r.starts is not r.after_word_start],
    ids=lambda r: r.name,
)
def test_every_text_a_rule_matches_opens_with_one_of_its_first_words(rule):
    """``first_words`` are written by hand: a new opening word added to a rule's pattern but not
    to its list would silently lose matches. Texts generated from the pattern itself catch that."""

    @settings(max_examples=150, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(rule.after_word_start, fullmatch=True))
    def opens_with_a_first_word(text):
        assert rule.starts.match(text), text[:40]

    opens_with_a_first_word()
