"""Folding Vietnamese text for search and rule matching."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dieuhanh.vn.fold import fold, fold_char, fold_key, fold_same_length, nfc

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


@settings(deadline=None)
@given(st.text())
def test_fold_same_length_is_fold_char_per_character(text):
    assert fold_same_length(text) == "".join(fold_char(c) for c in text)


@settings(deadline=None)
@given(st.text(st.sampled_from(" \t\n\xa0\u2003ab\u0301Đ")))
def test_fold_collapses_every_run_of_whitespace(text):
    assert fold(text) == " ".join(fold_same_length(nfc(text)).split())
