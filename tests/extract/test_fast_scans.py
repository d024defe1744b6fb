"""The header/citation scans that try a pattern only where a cue stands find exactly what a plain
``search``/``finditer`` of the same pattern finds, on text built from the pieces those patterns read."""

import random
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dieuhanh.extract import citations, header, legacy

pytestmark = pytest.mark.pure

SCANS = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])

PIECES = st.sampled_from(
    [
        "Số",
        "Số:",
        " 12",
        "/UBND-VP",
        "-KH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Cộng hoà xã hội chủ nghĩa Việt Nam",
        "Độc lập - Tự do - Hạnh phúc",
        "ĐỘC LẬP – TỰ DO – HẠNH PHÚC",
        "İ",
        "cộng",
        "Bộ",
        "Bộ luật",
        "luật",
        "Luật",
        "Luật Đất đai",
        "Pháp lệnh",
        " số ",
        "45/2024/QH15",
        " ngày 12/3/2024",
        "UBND thành phố",
        "Ủy ban nhân dân tỉnh",
        "Sở Y tế",
        "Văn phòng Chính phủ",
        "Chủ tịch ",
        " yêu cầu",
        " đề nghị",
        " ban hành",
        "Trung tâm",
        "(VP)",
        "x",
        "A",
        " ",
        "\t",
        "\n",
        ".",
        ",",
        ";",
        ":",
        "/",
    ]
)
TEXTS = st.lists(PIECES, max_size=40).map("".join)
STARTS = st.one_of(st.just(0), st.integers(0, 60))


def _spans(matches):
    return [(m.span(), m.groupdict()) for m in matches]


@SCANS
@given(TEXTS, STARTS, st.integers(0, 400))
def test_number_line_search(text, start, end):
    expected = header._NUMBER_LINE.search(text, start, end)
    found = header._search_number_line(text, start, end)
    assert _spans([found] if found else []) == _spans([expected] if expected else [])


@SCANS
@given(
    st.lists(
        st.sampled_from(["n", "N", "g", "G", "h", "H", "ĩ", "Ĩ", "a", "A", "İ", "x", " "]), max_size=30
    ).map("".join)
)
@example("NGHĨA")
@example("İnghĩa")
def test_holds_quoc_hieu_word(head):
    assert header._holds_quoc_hieu_word(head) == (header._QUOC_HIEU_WORD in head.lower())


@SCANS
@given(TEXTS, STARTS, st.integers(0, 400))
def test_fixed_phrase_spans(text, start, end):
    end = min(max(start, end), len(text))
    start = min(start, end)
    expected = [
        m.span()
        for rx, word in ((header._QUOC_HIEU, header._QUOC_HIEU_WORD), (header._MOTTO, header._MOTTO_WORD))
        if word in text[start:end].lower()
        for m in rx.finditer(text, start, end)
    ]
    assert header._fixed_phrase_spans(text, start, end) == expected


@SCANS
@given(TEXTS, STARTS, st.integers(0, 400))
@example("Sở Nội Vụ, Sở Ngoại Vụ yêu cầu", 0, 100)  # a match holding the start of another
@example("x.\nSở Nội Vụ, Sở Ngoại Vụ yêu cầu", 2, 100)
def test_self_references(text, start, end):
    end = max(start, end)
    expected = _spans(header._SELF_REFERENCE.finditer(text, start, end))
    assert _spans(header._self_references(text, start, end)) == expected


@SCANS
@given(TEXTS)
def test_law_matches(text):
    assert _spans(citations._law_matches(text)) == _spans(citations._LAW.finditer(text))


STOP_TEXTS = st.lists(
    st.sampled_from(
        [" ", "\t", "\n", "\u2003", "\x0b", ",", ".", ";", ":", "(", ")", "sau đây", "kèm", "có", "Căn cứ"]
        + ["Thực hiện", "Ủy ban", "UBND", "Sở", "về", "ban hành", "và", "Bộ Y tế", "x", "A", "tại", "năm"]
        + ["Hà Nội", "thành phố", " số"]
    ),
    max_size=30,
).map("".join)


def _start(rx, text):
    m = rx.search(text)
    return m.start() if m else None


@SCANS
@given(STOP_TEXTS)
def test_issuer_stop_start(text):
    assert _start(citations._ISSUER_STOP_START, text) == _start(citations._ISSUER_STOP, text)


@SCANS
@given(STOP_TEXTS)
def test_subject_end_start(text):
    assert _start(citations._SUBJECT_END_START, text) == _start(citations._SUBJECT_END, text)


CITATION_TEXTS = st.lists(
    st.sampled_from(
        ["Công văn", "Công  văn", "Công\nvăn", "Văn bản", "Văn bản hợp nhất", "Chương trình hành động"]
        + ["Quyết định", "Quy định", "Thông tư liên tịch", " số ", "Số", ":", " ", "\t", "\n", "\u2003"]
        + ["12", "977", "5a", "/", "-", "UBND-NC", "/QĐ-TTg", " ngày 21/5/2026", "x", "XCông", "٣", ","]
    ),
    max_size=30,
).map("".join)


@SCANS
@given(CITATION_TEXTS)
@example("Công văn số 12/QĐ và Quyết định 5/KH-UBND")
@example("Văn bản hợp nhất" + " " * 200 + "12/QĐ")
def test_citation_matches(text):
    assert _spans(citations._citation_matches(text)) == _spans(citations._CITATION.finditer(text))


def test_date_line_opens_where_the_look_behind_first_form_opens():
    plain = re.compile(
        header._DATE_LINE.pattern.replace(f"(?<![\\w/.-]{header._CAP})", "", 1).replace(
            "(?P<place>", r"(?<![\w/.-])(?P<place>", 1
        )
    )
    assert plain.pattern != header._DATE_LINE.pattern
    rng = random.Random(5)
    pieces = [
        "Hà Nội",
        "HÀ NỘI",
        "x",
        "/",
        ".",
        "-",
        " ",
        "\n",
        ",",
        " ngày 12 tháng 5 năm 2026",
        "ngày 1/2/2026",
    ]
    pieces += ["Tp.", "thành phố", "Ấp", "3", "_"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        start = rng.randint(0, len(text))
        expected = plain.search(text, start)
        found = header._DATE_LINE.search(text, start)
        assert _spans([found] if found else []) == _spans([expected] if expected else []), repr(text)


CAPTION_TEXTS = st.lists(
    st.sampled_from(
        ["(", ")", "Kèm", "kèm", "èm", "K", " theo ", "Công văn", "Kế hoạch", " số ", "12", "/UBND-VP"]
        + [" ngày 21/5/2026", " của UBND tỉnh", "x", " ", "\n"]
    ),
    max_size=30,
).map("".join)


@SCANS
@given(CAPTION_TEXTS)
@example("(Kèm theo Công văn số 12/UBND-VP ngày 21/5/2026 của UBND tỉnh)")
def test_search_caption(text):
    expected = header._CAPTION.search(text)
    found = header._search_caption(text)
    assert _spans([found] if found else []) == _spans([expected] if expected else [])


@SCANS
@given(TEXTS)
@example("Luật Đất đai số 45/2024/QH15 ngày 12/3/2024")
@example("Luật Đất đai\n, ngày 12/3/2024")
def test_law_rest_opening_changes_no_match(text):
    plain = re.compile(citations._LAW.pattern.replace(citations._LAW_REST_OPENING, "", 1))
    assert plain.pattern != citations._LAW.pattern
    assert _spans(citations._LAW.finditer(text)) == _spans(plain.finditer(text))


QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


@SCANS
@given(TEXTS)
@example("x" * 1998 + QUOC_HIEU)
@example("x" * 1990 + "cộng " + QUOC_HIEU.lower())
@example("İ" * 1500 + QUOC_HIEU)
@example("x" * 19990 + QUOC_HIEU)
def test_search_quoc_hieu(text):
    head = text[: header._HEAD_CHARS].lower()
    expected = (
        header._QUOC_HIEU.search(text, 0, header._HEAD_CHARS) if header._QUOC_HIEU_WORD in head else None
    )
    found = header._search_quoc_hieu(text)
    assert _spans([found] if found else []) == _spans([expected] if expected else [])
