"""The cheaper forms of the task rules answer exactly as the plain forms they replace."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dieuhanh.extract import amounts, filters, pipeline, timing
from dieuhanh.extract.normalize import UPPER
from dieuhanh.vn.fold import fold

pytestmark = pytest.mark.pure

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_data" / "directives").glob("*.txt"))
SAMPLE_LINES = [line for p in SAMPLES for line in p.read_text(encoding="utf-8").split("\n") if line.strip()]

PIECES = st.sampled_from(
    [
        "nguồn ",
        "Nguồn\t",
        "NGUỒN  ",
        "nguồn vốn hợp pháp khác",
        "ngân sách tỉnh",
        "Ngân sách nhà nước, xã",
        "NGÂN SÁCH XÃ",
        "chi thường xuyên",
        "Chi ",
        "vốn đầu tư công",
        "Vốn ",
        "xã hội hóa",
        "báo cáo",
        "Định kỳ",
        "hằng tháng",
        "Quý",
        "2025",
        "a1b",
        "١٢",
        "TRIỆU",
        "trİệu",
        "Tr.Đ",
        " tỶ",
        "tri",
        "²",
        ". ",
        "; ",
        ".\u00a0",
        " Sở ",
        "Đ",
        "x",
        " ",
        "\t",
        ",",
        "-",
        "\u0301",
    ]
)
TEXTS = st.lists(PIECES, max_size=12).map("".join) | st.text(max_size=40)
FAST = settings(deadline=None, max_examples=300)


def _plain_source(text):
    phrases = "|".join(amounts._SOURCE_PHRASES)
    m = re.compile(rf"(?:nguồn\s+)?({phrases})", re.IGNORECASE).search(text)
    return m.group(1).strip() if m else None


def _plain_sentence_starts(text, pos=0):
    return [m.end() for m in re.compile(r"[.;]\s+(?=[" + UPPER + "])").finditer(text, max(pos - 1, 0))]


def _fast_source(text):
    m = amounts._SOURCE.search(text)
    return m.group(1).strip() if m else None


@FAST
@given(TEXTS)
def test_the_source_pattern_without_the_nguon_prefix_finds_the_same_source(text):
    assert _fast_source(text) == _plain_source(text)


def test_the_source_pattern_on_the_samples():
    for line in SAMPLE_LINES:
        assert _fast_source(line) == _plain_source(line), line


@FAST
@given(TEXTS, st.integers(0, 50))
def test_sentence_starts_match_the_single_pattern(text, pos):
    assert timing.sentence_starts(text, pos) == _plain_sentence_starts(text, pos)


def test_sentence_starts_on_the_samples():
    for line in SAMPLE_LINES:
        assert timing.sentence_starts(line) == _plain_sentence_starts(line), line


@FAST
@given(TEXTS)
def test_word_guards_match_substring_tests(text):
    assert timing._time_hint(text) == (
        re.search(r"\d", text) is not None or any(w in text for w in timing._TIME_WORDS)
    )
    assert timing._has_report_word(text) == (re.search("|".join(timing._REPORT_WORDS), text) is not None)
    plain_money = re.compile(r"triệu|trđ|tr\.đ|tỷ", re.IGNORECASE)
    assert (amounts._MONEY_HINT.search(text) is not None) == (plain_money.search(text) is not None)


@FAST
@given(TEXTS)
def test_folded_keys_count_words_and_numeric_words_like_split_and_findall(text):
    key = fold(text).lstrip(" :,-")
    assert (key.count(" ") + 1 if key else 0) == len(key.split())
    assert len(filters._NUMERIC_WORD.findall(key)) == len(re.findall(r"\S*\d\S*", key))


@FAST
@given(TEXTS)
def test_summary_matches_a_full_split(text):
    words = text.split()
    plain = " ".join(words[:22]) + ("…" if len(words) > 22 else "")
    assert pipeline._summary(text) == plain


@FAST
@given(TEXTS, st.integers(0, 30))
def test_mostly_figures_counts_numeric_words_like_findall(text, words):
    key = fold(text).lstrip(" :,-")
    assert filters._mostly_figures(key, words) == (len(re.findall(r"\S*\d\S*", key)) * 2 > words)


def test_the_spelled_out_letters_hold_every_character_that_matches_them_ignoring_case():
    everything = "".join(map(chr, range(0x110000)))
    for letter, cases in amounts._CASES.items():
        assert set(re.findall(re.escape(letter), everything, re.IGNORECASE)) == set(cases), letter


_PLAIN_REPORT_CLAUSE = re.compile(r"(?:^|[.;]\s+|,\s+)" + timing._REPORT_OPENING)


@FAST
@given(TEXTS, st.integers(0, 50))
def test_report_clause_starts_match_the_single_pattern(text, pos):
    plain = [m.end() for m in _PLAIN_REPORT_CLAUSE.finditer(text, pos)]
    assert timing._report_clause_starts(text, pos) == plain


def test_report_clause_starts_on_the_samples():
    for line in SAMPLE_LINES:
        for pos in (0, 1, 5):
            plain = [m.end() for m in _PLAIN_REPORT_CLAUSE.finditer(line, pos)]
            assert timing._report_clause_starts(line, pos) == plain, line
