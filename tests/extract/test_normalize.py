"""Working text with an offset map back to the original."""

import pytest

from dieuhanh.extract.normalize import (
    MARKER,
    clean_line,
    clean_lines,
    match_marker,
    normalize,
    physical_lines,
    split_lines,
)

pytestmark = pytest.mark.pure


def _texts(text: str) -> list[str]:
    return [line.text for line in normalize(text)]


def test_it_drops_bold_markers_and_collapses_spaces():
    (line,) = normalize("**2.**   Công an xã   chủ trì\\")
    assert line.text == "2. Công an xã chủ trì"


def test_every_clean_character_maps_back_to_the_original():
    raw = "Mở đầu\n\n**1.** Phòng  Kinh tế: rà soát **dữ liệu** đất đai."
    for line in normalize(raw):
        for i, ch in enumerate(line.text):
            if ch != " ":
                assert raw[line.orig(i)] == ch


def test_span_of_a_slice_points_into_the_original():
    raw = "- Trạm Y tế xã: Đẩy mạnh ứng dụng công nghệ thông tin."
    (line,) = normalize(raw)
    at = line.text.index("Đẩy")
    start, end = line.span(at)
    assert raw[start:end] == "Đẩy mạnh ứng dụng công nghệ thông tin."


def test_it_joins_a_pdf_line_broken_mid_phrase_across_a_blank_line():
    raw = "Thực hiện Công văn số 12/SKHCN của Sở Khoa \n\nhọc và Công nghệ về việc triển khai. \n\nTiếp theo."
    assert _texts(raw) == [
        "Thực hiện Công văn số 12/SKHCN của Sở Khoa học và Công nghệ về việc triển khai.",
        "Tiếp theo.",
    ]


def test_it_joins_hard_wrapped_web_lines_but_keeps_paragraphs_that_end_a_sentence():
    raw = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16\ntháng 6 năm 2025;\nCăn cứ Nghị định số 30/2020/NĐ-CP."
    assert _texts(raw) == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Nghị định số 30/2020/NĐ-CP.",
    ]


def test_a_new_marker_always_opens_a_block():
    raw = "Các đơn vị thực hiện nội dung sau\n- Rà soát hồ sơ\n- Báo cáo kết quả"
    assert _texts(raw) == ["Các đơn vị thực hiện nội dung sau", "- Rà soát hồ sơ", "- Báo cáo kết quả"]


def test_a_bare_number_line_joins_the_text_after_it():
    assert _texts("**1.\n**Thành lập Ban chỉ đạo kiểm kê.") == ["1. Thành lập Ban chỉ đạo kiểm kê."]


def test_a_heading_without_full_stop_is_not_glued_to_the_next_paragraph():
    raw = "2. Nhiệm vụ về chuyển đổi số\n\nPhòng Văn hóa - Xã hội chủ trì rà soát."
    assert _texts(raw) == ["2. Nhiệm vụ về chuyển đổi số", "Phòng Văn hóa - Xã hội chủ trì rà soát."]


def test_rule_lines_and_bare_pipes_are_dropped():
    assert _texts("--------\n|\nNội dung chính.\n|") == ["Nội dung chính."]


def test_plain_lines_take_the_fast_path_with_the_same_result():
    (pl,) = physical_lines("  Phòng Kinh tế  ")
    line = clean_line(pl)
    assert line.text == "Phòng Kinh tế"
    assert line.start == 2


def test_an_enumeration_running_inside_a_wrapped_paragraph_stays_in_it():
    raw = "Kết quả: (1) cắt giảm 120 thủ tục (đạt 62%);\n(2) Đơn giản hóa 80 thủ tục."
    assert len(normalize(raw)) == 1


def test_an_enumeration_after_a_colon_opens_items():
    raw = "Các Bộ khắc phục ngay, cụ thể:\n(1) Bộ Tài chính nâng cấp hệ thống.\n(2) Bộ Y tế kết nối dữ liệu."
    assert len(normalize(raw)) == 3


def test_a_hyphen_put_at_a_line_start_by_wrapping_is_not_a_bullet():
    raw = "phối hợp với các tổ chức chính trị\n- xã hội tại địa phương tuyên truyền."
    assert len(normalize(raw)) == 1


def _span(m):
    return m.span() if m else None


def test_match_marker_agrees_with_the_marker_pattern_whatever_the_first_character():
    rests = [
        "",
        " ",
        ")",
        ". x",
        ") x",
        "1. x",
        "I. x",
        "ần II",
        "HẦN 2",
        "hương 3",
        "ục 1",
        "iều 5 Nội",
        "IỀU 4:",
    ]
    firsts = [chr(c) for c in range(0x3100)] + ["１", "٣", "✓", "∙"]
    for first in firsts:
        for rest in rests:
            text = first + rest
            assert _span(match_marker(text)) == _span(MARKER.match(text)), text


def test_clean_lines_matches_clean_line_on_every_line():
    text = "  a  b \n\n|\n**x** | y\\\n\tz\u00a0w\r\n plain \n*\n  \nend  "
    raws, starts = split_lines(text, 3)
    assert clean_lines(raws, starts) == [clean_line(p) for p in physical_lines(text, 3)]


def test_end_checks_agree_with_their_patterns_whatever_the_last_character():
    from dieuhanh.extract import normalize as n

    heads = ["", "x", "Sở của", "rà soát và", "thực hiện.", "xong./", 'hết;"', "A ", "từ"]
    lasts = [chr(c) for c in range(0x3100)] + ["", "\n", ".\n", ")\n", "ừ\n"]
    for head in heads:
        for last in lasts:
            text = head + last
            assert n._terminal(text) == bool(n._TERMINAL.search(text)), text
            assert n._open_word_end(text) == bool(n._OPEN_WORD_END.search(text)), text
            quick = text[-1:] in n._JOINING_LAST and n._JOINING_END.search(text)
            assert bool(quick) == bool(n._JOINING_END.search(text)), text


def test_clean_lines_matches_clean_line_whatever_the_markup_and_spaces():
    # Ends and middles mixing markup, spaces and other whitespace: each line must come out of the
    # shortcuts of ``CleanText`` (stripped ends, one run) as ``clean_raw`` cleans it.
    ends = ["", " ", "  ", "*", "**", " ** ", "|", " | ", "\\", "\t", "\u00a0", "\r", "\u2003", "\x0c"]
    middles = ["", "a", "Sở Y tế", "a  b", "a*b", "a | b", "a\u2003b", "a\x0bb", "a\tb", "a\u00a0b", "a\\b"]
    lines = [left + middle + right for left in ends for middle in middles for right in ends]
    text = "\n".join(lines)
    raws, starts = split_lines(text, 0)
    assert clean_lines(raws, starts) == [clean_line(p) for p in physical_lines(text, 0)]


def test_whitespace_but_space_is_not_printable():
    # ``CleanText`` relies on it to find texts holding a whitespace character ``_RUN`` splits at.
    import re

    for c in map(chr, range(0x110000)):
        if c != " " and re.match(r"\s", c):
            assert not c.isprintable(), hex(ord(c))
