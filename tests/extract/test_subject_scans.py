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


HEAD_PIECES = st.sampled_from(
    [
        "Sở",
        "Sở Y tế",
        "các",
        "Các",
        "các cơ quan",
        "Các cơ quan,",
        "mọi",
        "Mọi",
        "đơn vị",
        "UBND",
        "Ủy ban nhân dân",
        "Ban",
        "Ban hành",
        "Bộ",
        " ",
        "  ",
        ",",
        "x",
        "ư",
        "Trung tâm",
        "Công an",
        "A",
        "\n",
        "phòng",
        "xã",
    ]
)


@SCANS
@given(st.lists(HEAD_PIECES, max_size=12).map("".join), st.integers(0, 5))
def test_search_head(text, pos):
    from dieuhanh.extract import units

    def span(m):
        return m and (m.span(), m.groupdict())

    assert span(units._search_head(text, pos)) == span(units._HEAD.search(text, pos))
