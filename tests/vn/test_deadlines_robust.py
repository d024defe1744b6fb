"""The deadline functions never fail and keep their promises on arbitrary text."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dieuhanh.vn.deadlines import KINDS, find_deadlines, parse_deadline, pick_deadline

pytestmark = pytest.mark.pure

FRAGMENTS = [
    "trước ngày ",
    "ngày ",
    "tháng ",
    "năm ",
    "Quý ",
    "quý II/",
    "hằng ",
    "hàng tháng",
    "định kỳ ",
    "kể từ ",
    "sau khi ",
    "khi có phát sinh",
    "Thời gian thực hiện: ",
    "từ ",
    " đến ",
    "đến khi ",
    "làm việc ",
    "I",
    "IV",
    "-",
    "/",
    ".",
    ",",
    ";",
    ":",
    "\n",
    "|",
    "*",
    " ",
    "0",
    "5",
    "12",
    "18",
    "31",
    "2026",
    "2030",
    "Công văn số 12/UBND-VP ",
]
TEXTS = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
DOC_DATES = st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 1)))


@settings(deadline=None, max_examples=300)
@given(TEXTS, DOC_DATES)
def test_find_deadlines_never_fails_and_spans_are_ordered(text, doc_date):
    found = find_deadlines(text, doc_date)
    previous_end = 0
    for m in found:
        assert previous_end <= m.start < m.end <= len(text)
        assert m.deadline.kind in KINDS
        previous_end = m.end


@settings(deadline=None, max_examples=300)
@given(TEXTS, DOC_DATES)
def test_parse_and_pick_never_fail(text, doc_date):
    for d in (parse_deadline(text, doc_date), pick_deadline(text, doc_date)):
        assert d.kind in KINDS
        if d.kind == "recurring":
            assert d.recurrence
            assert d.date is None


@pytest.mark.parametrize("doc_date", [None, date(1, 1, 3), date(9999, 12, 15)])
def test_impossible_years_are_skipped(doc_date):
    for text in ("quý II/0000", "trước ngày 15/7", "Quý I", "ngày 31 tháng 12 năm 0000 đến khi xong"):
        assert pick_deadline(text, doc_date).kind in KINDS
        assert parse_deadline(text, doc_date).kind in KINDS
