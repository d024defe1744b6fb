"""The subject scans that skip to a literal find exactly what ``finditer`` of the full pattern finds."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dieuhanh.extract import subjects

pytestmark = pytest.mark.pure

SCANS = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])

PIECES = st.sampled_from(
    [
        "phối hợp",
        "Phối hợp",
        "phối với",
        "hối",
        "phối",
        " chặt chẽ",
        " với",
        " ",
        "  ",
        "x",
        "_",
        "1",
        "ệ",
        "yêu cầu",
        "Yêu cầu",
        "đề nghị",
        "Đề nghị",
        "giao",
        "Giao",
        "giao cho",
        ",",
        "\n",
        "Sở Y tế",
    ]
)
TEXTS = st.lists(PIECES, max_size=14).map("".join)


def _spans(matches):
    return [m.span() for m in matches]


@SCANS
@given(TEXTS)
def test_phoi_hop_matches(text):
    assert _spans(subjects._phoi_hop_matches(text)) == _spans(subjects._PHOI_HOP.finditer(text))


@SCANS
@given(TEXTS)
def test_lead_in_verb_matches(text):
    found = subjects._word_start_matches(subjects._LEAD_IN_VERB_WORDS, text)
    assert _spans(found) == _spans(subjects._LEAD_IN_VERB.finditer(text))
