"""The unit-head scan of units.py finds exactly what a search of the full pattern finds."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.pure

SCANS = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])


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
