"""The non-task rules anchored at the start run without the rules that cannot match: the same rule wins as in one pattern."""

from pathlib import Path

import pytest

from dieuhanh.extract import filters
from dieuhanh.vn.fold import fold

pytestmark = pytest.mark.pure

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_data" / "directives").glob("*.txt"))
EXTRA = [
    "sở tài chính chịu trách nhiệm trước ủy ban nhân dân tỉnh",
    "các đơn vị có trách nhiệm tổ chức thực hiện và chấp hành",
    "gửi ủy ban nhân dân tỉnh để báo cáo",
    "năm 2025, các sở đã tổ chức tập huấn",
    "chủ động triển khai thực hiện kế hoạch này",
]


def _keys():
    for text in [*EXTRA, *(path.read_text(encoding="utf-8") for path in SAMPLES)]:
        for line in text.split("\n"):
            key = fold(line[:400]).lstrip(" :,-")
            words = key.split(" ")
            for i in range(len(words)):  # duties start after a subject, inside the line
                yield " ".join(words[i:])


def test_segments_pick_the_rule_the_single_pattern_picks():
    matched = 0
    single = filters._single_pattern()
    for key in _keys():
        whole = single.match(key)
        split = filters._match_at_start(key)
        assert (whole and (whole.lastgroup, whole.span())) == (split and (split.lastgroup, split.span())), key
        matched += bool(whole)
    assert matched > 10
