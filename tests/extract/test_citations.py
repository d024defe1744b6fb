"""Cited documents in running text, wherever they appear."""

from datetime import date

import pytest

from dieuhanh.extract.citations import find_citations, mask_markup

pytestmark = pytest.mark.pure


def test_it_reads_number_date_issuer_and_subject():
    text = "Thực hiện Công văn số 977/UBND-NC ngày 21/5/2026 của UBND thành phố về việc triển khai kết luận; tiếp"
    [c] = find_citations(text)
    assert c.doc_type == "Công văn"
    assert c.number == "977/UBND-NC"
    assert c.date == date(2026, 5, 21)
    assert c.issuer == "UBND thành phố"
    assert c.subject == "triển khai kết luận"
    assert text[c.start : c.end] == c.text


def test_it_reads_a_worded_date_and_a_party_number():
    text = "Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá phát triển."
    [c] = find_citations(text)
    assert (c.doc_type, c.number, c.date) == ("Nghị quyết", "57-NQ/TW", date(2024, 12, 22))
    assert c.issuer == "Bộ Chính trị"
    assert c.subject == "đột phá phát triển"


def test_it_reads_a_number_without_the_word_so():
    [c] = find_citations("triển khai Quyết định 06/QĐ-TTg và các văn bản liên quan")
    assert (c.doc_type, c.number, c.date, c.issuer) == ("Quyết định", "06/QĐ-TTg", None, None)


def test_it_normalises_spaces_and_pdf_breaks_inside_numbers():
    text = (
        "Kế hoạch số 231/KH- \n\nUBND ngày 10/5/2026 của UBND tỉnh về chuyển đổi số; Nghị quyết số 71/NQ -CP"
    )
    first, second = find_citations(text)
    assert first.number == "231/KH-UBND"
    assert first.date == date(2026, 5, 10)
    assert second.number == "71/NQ-CP"


def test_it_reads_a_law_by_its_name():
    text = "*Căn cứ Luật Tổ chức chính\nquyền địa phương ngày 16 tháng 6 năm 2025;*\n*Căn cứ Luật Đấu thầu số 22/2023/QH15;*"
    first, second = find_citations(text)
    assert (first.doc_type, first.number, first.date) == ("Luật", None, date(2025, 6, 16))
    assert first.subject == "Tổ chức chính quyền địa phương"
    assert (second.doc_type, second.number, second.subject) == ("Luật", "22/2023/QH15", "Đấu thầu")


def test_it_keeps_a_ministry_name_with_commas_across_a_line_break():
    text = "(Kèm theo Công văn số 6386/BVHTTDL-KHCNĐTMT ngày 25/11/2025 của Bộ Văn hóa,\nThể thao và Du lịch)"
    [c] = find_citations(text)
    assert c.issuer == "Bộ Văn hóa, Thể thao và Du lịch"


def test_it_finds_citations_all_over_the_text_in_order():
    text = (
        "Căn cứ Kế hoạch số 28/KH-UBND ngày 28/01/2026 của Ủy ban nhân dân xã;\n\n"
        "1. Công an xã thực hiện nhiệm vụ tại Thông báo số 246/TB-VPCP ngày 12/5/2026 của Văn phòng Chính phủ.\n"
        "2. Triển khai Chương trình hành động số 42-CTr/TU ngày 10/4/2025.\n"
    )
    found = find_citations(text)
    assert [c.number for c in found] == ["28/KH-UBND", "246/TB-VPCP", "42-CTr/TU"]
    assert found[0].issuer == "Ủy ban nhân dân xã"
    assert found[1].issuer == "Văn phòng Chính phủ"
    assert found[2].doc_type == "Chương trình hành động"


def test_it_ignores_a_type_word_without_number():
    assert find_citations("Quyết định này có hiệu lực kể từ ngày ký. Kế hoạch triển khai năm 2026.") == []


def test_markup_is_blanked_keeping_every_offset():
    text = "UBND XÃ A\n-------\n**Số: 12/UBND** | x\n- a rule line needs three -"
    assert mask_markup(text) == "UBND XÃ A\n       \n  Số: 12/UBND     x\n- a rule line needs three -"


def test_stars_inside_a_word_do_not_split_it():
    assert mask_markup("**V****Ă****N PHÒNG** phối **tr**ộn") == "  VĂN         PHÒNG   phối   trộn  "
