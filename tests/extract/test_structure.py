"""The body as a tree of numbered sections, items, bullets and paragraphs."""

import pytest

from dieuhanh.extract.normalize import normalize
from dieuhanh.extract.structure import build_tree, is_title, marker_key

pytestmark = pytest.mark.pure


def _tree(text: str):
    return build_tree(normalize(text))


def _shape(block, depth=0):
    out = []
    for child in block.children:
        out.append(("  " * depth) + (child.marker or child.kind))
        out.extend(_shape(child, depth + 1))
    return out


@pytest.mark.parametrize(
    ("marker", "key"),
    [
        ("I.", "roman"),
        ("IV.", "roman"),
        ("1.", "num1"),
        ("1.2.", "num2"),
        ("2.1.3", "num3"),
        ("a)", "letter"),
        ("đ)", "letter"),
        ("(1)", "(num)"),
        ("-", "dash"),
        ("+", "plus"),
        ("•", "dot"),
        ("Điều 2.", "article"),
        ("Phần II", "part"),
    ],
)
def test_marker_families(marker, key):
    assert marker_key(marker) == key


def test_it_nests_sections_items_and_bullets_in_the_order_the_document_uses():
    text = """I. NHIỆM VỤ

1. Phòng Kinh tế

a) Rà soát dữ liệu đất đai.

- Cập nhật bản đồ số.

b) Báo cáo kết quả.

2. Công an xã

- Đẩy mạnh Đề án 06.

II. TỔ CHỨC THỰC HIỆN

Các đơn vị báo cáo hằng tháng."""
    assert _shape(_tree(text)) == [
        "I.",
        "  1.",
        "    a)",
        "      -",
        "    b)",
        "  2.",
        "    -",
        "II.",
        "  paragraph",
    ]


def test_a_marker_that_appears_first_inside_a_paragraph_does_not_swallow_the_sections():
    text = "(1) Tổng số hồ sơ đã giải quyết.\nI. NHIỆM VỤ\n1. Rà soát hồ sơ tồn đọng.\nII. TỔ CHỨC THỰC HIỆN"
    assert _shape(_tree(text))[1:] == ["I.", "  1.", "II."]


def test_a_paragraph_after_a_full_sentence_item_is_its_continuation():
    tree = _tree("- Tổng hợp kết quả kiểm kê.\n\nThời gian hoàn thành: Trước ngày 15/4/2026.")
    (item,) = tree.children
    assert item.children[0].continuation


def test_paragraphs_under_a_heading_are_its_children_not_continuations():
    tree = _tree("2. Nhiệm vụ về dữ liệu\n\nPhòng Kinh tế: Rà soát dữ liệu.\n\nCông an xã: Làm sạch dữ liệu.")
    (item,) = tree.children
    assert [c.continuation for c in item.children] == [False, False]


def test_a_lead_in_paragraph_holds_the_items_after_it():
    tree = _tree(
        "Ủy ban nhân dân xã yêu cầu các phòng, ban, đơn vị:\n\n1. Rà soát hồ sơ.\n\n2. Báo cáo kết quả."
    )
    (lead_in,) = tree.children
    assert [c.marker for c in lead_in.children] == ["1.", "2."]


def test_recipient_lists_and_signatures_are_left_out():
    tree = _tree("1. Rà soát hồ sơ.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    assert _shape(tree) == ["1.", "  paragraph"] or _shape(tree) == ["1."]


def test_part_titles_restart_the_structure():
    assert is_title("KẾ HOẠCH")
    assert is_title("PHỤ LỤC II")
    assert is_title("PHỤ LỤC DANH MỤC NHIỆM VỤ (Kèm theo Kế hoạch số 12/KH-UBND)")
    assert not is_title("Kế hoạch này được triển khai")


def test_footnotes_at_the_end_are_skipped():
    tree = _tree("1. Rà soát hồ sơ.\n[1] Năm 2025 đã rà soát 120 hồ sơ.\n[2] Theo báo cáo của Sở.")
    assert _shape(tree) == ["1."]


def test_heading_end_agrees_with_its_pattern_whatever_the_last_characters():
    from dieuhanh.extract import structure as s

    heads = ["", "x", "Nội dung", "thực hiện.", "xong./", 'hết;"', "A ", "a.)"]
    tails = [chr(c) for c in range(0x3100)] + ["", "\n", ".\n", ")\n", '.")', '?"\n', ";)]"]
    for head in heads:
        for tail in tails:
            text = head + tail
            assert s._heading_end(text) == bool(s._HEADING_END.search(text)), text
