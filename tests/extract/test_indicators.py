"""Targets (chỉ tiêu) found in directive sentences, and numbers that are not targets."""

from decimal import Decimal

import pytest

from dieuhanh.extract.indicators import find_indicators

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    ("sentence", "name", "comparator", "value", "unit"),
    [
        (
            "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt tối thiểu 95%",
            "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến",
            "≥",
            "95",
            "%",
        ),
        (
            "- 100% cơ quan nhà nước sử dụng văn bản điện tử, chữ ký số.",
            "cơ quan nhà nước sử dụng văn bản điện tử, chữ ký số",
            "=",
            "100",
            "%",
        ),
        (
            "Tổ chức ít nhất 02 lớp tập huấn về chuyển đổi số cho cán bộ.",
            "lớp tập huấn về chuyển đổi số cho cán bộ",
            "≥",
            "2",
            "lớp",
        ),
        (
            "Đến hết năm 2026, tỷ lệ hộ gia đình có kết nối internet cáp quang đạt trên 80%.",
            "tỷ lệ hộ gia đình có kết nối internet cáp quang",
            ">",
            "80",
            "%",
        ),
        (
            "Phấn đấu tỷ lệ giải quyết hồ sơ đúng hạn đạt từ 98% trở lên.",
            "tỷ lệ giải quyết hồ sơ đúng hạn",
            "≥",
            "98",
            "%",
        ),
        (
            "Tỷ lệ người dân có tài khoản định danh điện tử đạt 95,5%",
            "Tỷ lệ người dân có tài khoản định danh điện tử",
            "≥",
            "95.5",
            "%",
        ),
        (
            "Số hồ sơ tiếp nhận trực tuyến đạt 1.640 hồ sơ",
            "Số hồ sơ tiếp nhận trực tuyến",
            "≥",
            "1640",
            "hồ sơ",
        ),
        (
            "trên 80% hộ gia đình sử dụng thanh toán không dùng tiền mặt",
            "hộ gia đình sử dụng thanh toán không dùng tiền mặt",
            ">",
            "80",
            "%",
        ),
        ("Phấn đấu đạt 100% kế hoạch được giao.", "kế hoạch được giao", "=", "100", "%"),
        (
            "**a)** Tỷ lệ dịch vụ công trực tuyến toàn trình đạt tối thiểu 80%\\",
            "Tỷ lệ dịch vụ công trực tuyến toàn trình",
            "≥",
            "80",
            "%",
        ),
        (
            "(4) Phấn đấu có ít nhất 70% số\nngười hưởng trợ cấp nhận tiền qua tài khoản",
            "số người hưởng trợ cấp nhận tiền qua tài khoản",
            "≥",
            "70",
            "%",
        ),
        (
            "tỷ lệ hồ sơ được số hóa đạt 100%; ",
            "tỷ lệ hồ sơ được số hóa",
            "=",
            "100",
            "%",
        ),
        (
            "Tỷ lệ hộ nghèo theo chuẩn mới giảm còn dưới 2%",
            "Tỷ lệ hộ nghèo theo chuẩn mới giảm còn",
            "<",
            "2",
            "%",
        ),
        (
            "Thời gian giải quyết hồ sơ, tỷ lệ hồ sơ quá hạn không quá 5%",
            "tỷ lệ hồ sơ quá hạn",
            "≤",
            "5",
            "%",
        ),
    ],
)
def test_it_finds_the_indicator(sentence, name, comparator, value, unit):
    [found] = find_indicators(sentence)
    assert (found.name, found.comparator, found.value, found.unit) == (name, comparator, Decimal(value), unit)
    assert sentence[found.start : found.end] == found.text
    assert found.reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Báo cáo kết quả về UBND xã trước ngày 31/12.",
        "Thực hiện Kế hoạch số 28/KH-UBND ngày 28/01/2026 của UBND xã.",
        "Kinh phí thực hiện: 1.640 triệu đồng, nguồn ngân sách xã.",
        "Tổng kinh phí đạt 1.640 triệu đồng.",
        "Trong vòng 15 ngày kể từ ngày nghiệm thu bàn giao.",
        "Thời gian giải quyết không quá 05 ngày làm việc.",
        "Hoạt động trên địa bàn xã đạt hiệu quả cao.",
        "Xã đạt chuẩn nông thôn mới nâng cao năm 2026.",
        "Hơn 280.000 nhà bị ngập, trên 51.000 ha lúa bị thiệt hại.",
        "Người từ 60 tuổi trở lên được khám sức khỏe định kỳ.",
        "Hoàn thành trong Quý III/2026; báo cáo trước ngày 15 hằng tháng.",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
        "",
    ],
)
def test_it_refuses_numbers_that_are_not_targets(sentence):
    assert find_indicators(sentence) == []


def test_it_finds_several_targets_in_one_paragraph_in_order():
    text = (
        "Mục tiêu năm 2026:\n"
        "- Tỷ lệ phủ sóng di động 4G đạt trên 90%;\n"
        "- 100% văn bản được ký số khi gửi đi trên môi trường mạng;\n"
        "- Tổ chức ít nhất 02 lớp tập huấn kỹ năng số.\n"
    )
    found = find_indicators(text)
    assert [(i.comparator, i.value, i.unit) for i in found] == [
        (">", Decimal(90), "%"),
        ("=", Decimal(100), "%"),
        ("≥", Decimal(2), "lớp"),
    ]
    assert all(text[i.start : i.end] == i.text for i in found)
    assert found[0].start < found[1].start < found[2].start


def test_a_hard_wrapped_line_keeps_the_whole_name():
    text = "tỷ lệ hồ sơ dịch vụ công trực tuyến đạt 100%; 100% hồ sơ thủ tục hành chính được\n\nsố hóa và tái sử dụng."
    names = [i.name for i in find_indicators(text)]
    assert names == [
        "tỷ lệ hồ sơ dịch vụ công trực tuyến",
        "hồ sơ thủ tục hành chính được số hóa và tái sử dụng",
    ]
