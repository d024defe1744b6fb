"""Folding Vietnamese text for search and rule matching."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dieuhanh.vn.deadline_rules import _fold_for_rules_char, fold_for_rules
from dieuhanh.vn.fold import FAST_CHARS, fold, fold_char, fold_key, fold_same_length, nfc

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Ủy ban nhân dân xã Gia Lộc", "uy ban nhan dan xa gia loc"),
        ("ĐẨY MẠNH chuyển đổi số", "day manh chuyen doi so"),
        ("Đoàn  Thanh niên\n\tCộng sản", "doan thanh nien cong san"),
        ("Số: 1087/UBND-VHXH", "so: 1087/ubnd-vhxh"),
        ("  Quý   III/2026 ", "quy iii/2026"),
    ],
)
def test_it_folds_diacritics_case_and_spaces(text, folded):
    assert fold(text) == folded


def test_it_folds_decomposed_input_like_composed_input():
    decomposed = unicodedata.normalize("NFD", "Trước ngày hằng tháng")
    assert fold(decomposed) == "truoc ngay hang thang"


def test_fold_key_keeps_only_letters_and_digits():
    assert fold_key("Phòng Văn hóa - Xã hội (VH-XH)!") == "phong van hoa xa hoi vh xh"
    assert fold_key("Sở KH&CN") == "so kh cn"


def test_nfc_composes():
    assert nfc(unicodedata.normalize("NFD", "Thủ tướng")) == "Thủ tướng"


@settings(deadline=None)
@given(st.text())
def test_fold_same_length_keeps_offsets(text):
    composed = nfc(text)
    assert len(fold_same_length(composed)) == len(composed)


def _folds_unlike_the_fast_path(fold_one) -> list[str]:
    """Characters the fast path of SameLengthFold (lower, then one byte each) would fold
    differently from ``fold_one``."""
    fast = set(FAST_CHARS)
    wrong = []
    for code in range(0x110000):
        ch = chr(code)
        lowered = ch.lower()
        if set(lowered) <= fast and (len(lowered) != 1 or fold_one(lowered) != fold_one(ch)):
            wrong.append(ch)
    return wrong


def test_the_fast_path_folds_every_character_as_fold_char_does():
    assert _folds_unlike_the_fast_path(fold_char) == []
    assert _folds_unlike_the_fast_path(_fold_for_rules_char) == []


def test_text_with_an_unusual_character_folds_the_same():
    for text in ("Ủy ban ĐẨY MẠNH “Số 1” – 50%…", "Ωμέγα ΣΑΣ İstanbul", "x\u0301 ﬁ 𝔘", "\u212a\u212b Å"):
        assert fold_same_length(text) == "".join(fold_char(c) for c in text)
        assert fold_for_rules(text) == "".join(_fold_for_rules_char(c) for c in text)


@settings(deadline=None)
@given(st.text())
def test_fold_same_length_is_fold_char_per_character(text):
    assert fold_same_length(text) == "".join(fold_char(c) for c in text)


@settings(deadline=None)
@given(st.text(st.sampled_from(" \t\n\xa0\u2003ab\u0301Đ")))
def test_fold_collapses_every_run_of_whitespace(text):
    assert fold(text) == " ".join(fold_same_length(nfc(text)).split())
