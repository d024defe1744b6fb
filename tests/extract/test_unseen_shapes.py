"""Shapes of real directives the first dev set did not have; every text is made up in their style."""

import pytest

from dieuhanh.extract.pipeline import extract

pytestmark = pytest.mark.pure

PLAN = """ỦY BAN NHÂN DÂN
TỈNH AN GIANG

Số: 71/KH-UBND

An Giang, ngày 12 tháng 02 năm 2026

KẾ HOẠCH
Hỗ trợ người dân sau bão

{body}

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lê Văn Bình
"""


def _tasks(body: str, template: str = PLAN):
    return extract(template.format(body=body)).tasks


def test_roman_sections_after_a_preamble_ending_with_a_colon_are_read():
    body = """Căn cứ tình hình thực tế tại các địa phương; UBND tỉnh ban hành Kế hoạch hỗ trợ như sau:

I. MỤC TIÊU

Hỗ trợ kịp thời người dân bị ảnh hưởng.

II. PHÂN CÔNG NHIỆM VỤ

1. Sở Y tế:

- Bố trí đội y tế lưu động tại các điểm sơ tán.

2. Công an tỉnh:

- Bảo đảm an ninh trật tự tại các điểm cấp phát hàng cứu trợ."""
    assert [t.lead for t in _tasks(body)] == ["Sở Y tế", "Công an tỉnh"]


def test_passages_left_out_are_returned_with_their_reason():
    body = """II. PHÂN CÔNG NHIỆM VỤ

1. Sở Tài chính: Bố trí kinh phí mua hàng cứu trợ.

2. Sở Y tế: Trường hợp thiếu thuốc, báo cáo UBND tỉnh để xem xét."""
    text = PLAN.format(body=body)
    result = extract(text)
    assert [t.lead for t in result.tasks] == ["Sở Tài chính"]
    (dropped,) = [d for d in result.dropped if "thiếu thuốc" in d.text]
    assert dropped.reason == "Yêu cầu có điều kiện."
    assert text[dropped.start : dropped.end].startswith("Sở Y tế")


def test_a_regulation_issued_by_a_decision_gives_no_tasks():
    decision = """ỦY BAN NHÂN DÂN
TỈNH AN GIANG

Số: 12/2026/QĐ-UBND

An Giang, ngày 12 tháng 02 năm 2026

QUYẾT ĐỊNH
Ban hành Quy chế phối hợp quản lý chợ

Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp quản lý chợ.

Điều 2. Quyết định này có hiệu lực từ ngày ký.

QUY CHẾ
Phối hợp quản lý chợ

Điều 5. Trách nhiệm của Sở Công Thương

1. Sở Công Thương hướng dẫn các xã xây dựng phương án phát triển chợ.

2. Sở Tài chính bố trí kinh phí sửa chữa chợ theo phân cấp."""
    assert extract(decision).tasks == ()
