"""One task per unit and distinct duty, by the labelling rules; texts are made up in the usual style."""

from decimal import Decimal

import pytest

from dieuhanh.extract.pipeline import extract

pytestmark = pytest.mark.pure

CONG_VAN = """ỦY BAN NHÂN DÂN
XÃ HÒA BÌNH

Số: 215/UBND-VP
V/v triển khai nhiệm vụ cải cách hành chính

Hòa Bình, ngày 10 tháng 3 năm 2026

Kính gửi:
- Các cơ quan, đơn vị thuộc UBND xã;
- Công an xã.

Thực hiện Kế hoạch số 45/KH-UBND ngày 02/3/2026 của UBND tỉnh, Ủy ban nhân dân xã yêu cầu các cơ quan, đơn vị thực hiện các nội dung sau:

{body}

Ủy ban nhân dân xã yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện./.

Nơi nhận:
- Như trên;
- Lưu: VT.

CHỦ TỊCH

Trần Văn An
"""


def _tasks(body: str, template: str = CONG_VAN):
    return extract(template.format(body=body)).tasks


def _pairs(body: str, template: str = CONG_VAN):
    return [(t.lead, t.text) for t in _tasks(body, template)]


def test_a_unit_heading_gives_its_unit_to_each_bullet():
    body = """1. Phòng Kinh tế

- Rà soát, cập nhật dữ liệu đất đai trên địa bàn.

- Hướng dẫn hộ kinh doanh đăng ký hóa đơn điện tử.

2. Trạm Y tế xã: Tuyên truyền người dân sử dụng sổ sức khỏe điện tử."""
    assert [t.lead for t in _tasks(body)] == ["Phòng Kinh tế", "Phòng Kinh tế", "Trạm Y tế xã"]


@pytest.mark.parametrize(
    "heading",
    ["2. Giao Công an xã", "2. Công an xã:", "**2. Công an xã**", "b) Đề nghị Công an xã"],
)
def test_unit_headings_are_written_in_several_ways(heading):
    body = f"1. Quán triệt Kế hoạch số 45/KH-UBND đến toàn thể cán bộ.\n\n{heading}\n\n- Làm sạch dữ liệu dân cư trên địa bàn."
    assert _tasks(body)[-1].lead == "Công an xã"


def test_lead_and_coordinators_from_chu_tri_phoi_hop():
    (task,) = _tasks(
        "1. Phòng Văn hóa - Xã hội chủ trì, phối hợp với Văn phòng HĐND và UBND xã, Công an xã rà soát hạ tầng mạng."
    )
    assert task.lead == "Phòng Văn hóa - Xã hội"
    assert task.coordinators == ("Văn phòng HĐND và UBND xã", "Công an xã")


def test_a_duty_given_jointly_has_the_first_unit_as_lead():
    (task,) = _tasks("1. Phòng Kinh tế, Phòng Văn hóa - Xã hội rà soát danh mục dự án chuyển đổi số.")
    assert task.lead == "Phòng Kinh tế"
    assert task.coordinators == ("Phòng Văn hóa - Xã hội",)


def test_items_naming_no_unit_go_to_the_units_of_the_lead_in():
    (task,) = _tasks("1. Rà soát toàn bộ hồ sơ tồn đọng, xác định rõ nguyên nhân và giải pháp xử lý.")
    assert task.lead == "các cơ quan, đơn vị"


def test_a_reporting_duty_with_its_own_recurring_deadline_is_split_off():
    body = "1. Văn phòng HĐND và UBND xã xây dựng kế hoạch triển khai cải cách hành chính năm 2026, định kỳ báo cáo kết quả về UBND xã trước ngày 20 hằng tháng."
    first, second = _tasks(body)
    assert first.deadline.kind == "none"
    assert second.text.startswith("định kỳ báo cáo")
    assert second.deadline.kind == "recurring"
    assert first.lead == second.lead == "Văn phòng HĐND và UBND xã"


def test_a_report_that_closes_the_same_duty_is_not_split():
    (task,) = _tasks(
        "1. Phòng Kinh tế nghiên cứu, đề xuất phương án bố trí vốn, báo cáo UBND xã trước ngày 15/4/2026."
    )
    assert task.deadline.kind == "date"
    assert task.deadline.date.isoformat() == "2026-04-15"


def test_a_deadline_in_the_lead_in_applies_to_each_item():
    body = """1. Các cơ quan, đơn vị hoàn thành trong tháng 11 năm 2026 các nội dung sau:

a) Số hóa hồ sơ công việc của đơn vị.

b) Cập nhật dữ liệu cán bộ lên phần mềm quản lý."""
    tasks = _tasks(body)
    assert len(tasks) == 2
    assert {t.deadline.date.isoformat() for t in tasks} == {"2026-11-30"}


def test_a_time_line_under_a_bullet_is_that_bullets_deadline():
    body = """1. Công an xã

- Rà soát, làm sạch dữ liệu dân cư.

Thời gian hoàn thành: Trước ngày 30/6/2026.

- Hướng dẫn người dân kích hoạt định danh điện tử."""
    first, second = _tasks(body)
    assert first.deadline.date.isoformat() == "2026-06-30"
    assert second.deadline.kind == "none"


@pytest.mark.parametrize(
    "item",
    [
        "Căn cứ chức năng, nhiệm vụ, tổ chức triển khai thực hiện Kế hoạch này.",
        "Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm trước Chủ tịch UBND xã về kết quả thực hiện.",
        "Thực hiện nghiêm các quy định về quản lý đầu tư ứng dụng công nghệ thông tin.",
        "Trường hợp có khó khăn, vướng mắc, kịp thời báo cáo UBND xã để chỉ đạo.",
        "Khuyến khích các hộ kinh doanh sử dụng thanh toán không dùng tiền mặt.",
        "Tập trung tháo gỡ khó khăn, vướng mắc trong quá trình thực hiện.",
        "Ưu tiên mua sắm sản phẩm công nghệ do doanh nghiệp trong nước sản xuất.",
        "Năm 2025, xã đã tổ chức 05 lớp tập huấn kỹ năng số cho người dân.",
        "Ngày 05 tháng 3 năm 2026, đồng chí Chủ tịch UBND xã đã kiểm tra công tác phòng cháy tại các thôn.",
        "Thời gian qua, Công an xã đã phối hợp xử lý nhiều vụ việc vi phạm.",
        "Công an xã có ý kiến như sau: hồ sơ đã đủ điều kiện cấp phép.",
        "Chủ tịch UBND xã quyết định thu hồi tài sản công của các thôn.",
        "Tại khoản 2 Điều 5 Nghị định số 12/2026/NĐ-CP quy định về hồ sơ đăng ký.",
        "“Điều 7. Hồ sơ đăng ký gồm đơn đề nghị và bản sao giấy tờ tùy thân.”",
        "Xăng sinh học E5: không cao hơn 19.500 đồng/lít.",
        "Chủ tịch Hội đồng thành viên, Tổng giám đốc các công ty trực thuộc UBND xã;",
        "Ủy ban nhân dân xã kính báo cáo Ủy ban nhân dân tỉnh./.",
        "Ngày 12/3/2026, Công an xã có báo cáo số 15/BC-CA về tình hình an ninh.",
        "Khi xảy ra thiên tai, Chủ tịch UBND xã được quyền huy động lực lượng tại chỗ.",
        "Công an xã và các cơ quan liên quan có trách nhiệm thi hành Quyết định này./.",
        "Các tổ chức, cá nhân liên quan.",
        "Căn cứ chức năng, nhiệm vụ, phối hợp với các đơn vị liên quan triển khai thực hiện Kế hoạch theo quy định.",
        "Chiều ngày 04 tháng 3 năm 2026, đồng chí Chủ tịch UBND xã đã làm việc với các thôn.",
        "Sau khi nghe báo cáo của các thôn, Chủ tịch UBND xã kết luận như sau:",
        "Tham dự cuộc họp có đồng chí Phó Chủ tịch UBND xã và lãnh đạo các thôn.",
        "Từ đầu năm 2026 đến nay, các thôn đã tổ chức nhiều đợt ra quân dọn vệ sinh.",
        "Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2026.",
        "Trong quá trình thực hiện Kế hoạch này, nếu có vướng mắc, các thôn kịp thời báo cáo UBND xã.",
        "Các cơ quan, đơn vị triển khai và thực hiện có hiệu quả các nội dung nêu trên.",
    ],
)
def test_passages_that_are_not_tasks(item):
    assert _tasks(f"1. {item}") == ()


def test_a_duty_for_every_commune_fans_out():
    (task,) = _tasks("1. Đề nghị UBND các xã, phường rà soát danh sách hộ nghèo trước ngày 10/5/2026.")
    assert task.fan_out
    assert task.lead == "UBND các xã, phường"


def test_a_duty_given_jointly_to_departments_and_every_commune_fans_out():
    text = (
        "1. Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các xã, phường thực hiện các nội dung sau:\n"
        "a) Rà soát toàn bộ nhiệm vụ chuyển đổi số được giao, báo cáo trước ngày 15/7/2026.\n"
    )
    (task,) = _tasks(text)
    assert task.lead == "các sở, ban, ngành"
    assert task.fan_out


def test_communes_that_only_coordinate_do_not_fan_out():
    (task,) = _tasks("1. Sở Tài chính chủ trì, phối hợp với UBND các xã, phường rà soát nguồn kinh phí.")
    assert task.lead == "Sở Tài chính"
    assert not task.fan_out


def test_budget_funding_source_and_target_come_from_the_passage():
    (task,) = _tasks(
        "1. Văn phòng HĐND và UBND xã đầu tư mua sắm máy tính, bảo đảm 100% cán bộ có máy tính; kinh phí 1.640 triệu đồng từ ngân sách xã."
    )
    assert task.budget_million_vnd == Decimal("1640")
    assert task.funding_source == "ngân sách xã"
    assert task.target.startswith("100% cán bộ")


def test_a_subject_after_an_opening_time_clause():
    (task,) = _tasks(
        "1. Trong vòng 15 ngày kể từ ngày nghiệm thu, Văn phòng HĐND và UBND xã cung cấp thông tin dự án cho Phòng Văn hóa - Xã hội."
    )
    assert task.lead == "Văn phòng HĐND và UBND xã"
    assert task.deadline.kind == "relative"


PLAN = """ỦY BAN NHÂN DÂN
XÃ HÒA BÌNH

Số: 30/KH-UBND

Hòa Bình, ngày 05 tháng 01 năm 2026

KẾ HOẠCH
Chuyển đổi số năm 2026

{body}

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Trần Văn An
"""


def test_a_plan_counts_only_duties_given_to_a_unit():
    body = """I. MỤC TIÊU

1. 100% hồ sơ thủ tục hành chính được số hóa.

II. NHIỆM VỤ

1. Phát triển hạ tầng số tại các thôn.

2. Tổ chức tập huấn kỹ năng số cho người dân.

III. TỔ CHỨC THỰC HIỆN

1. Phòng Văn hóa - Xã hội

- Chủ trì, phối hợp với các đơn vị liên quan triển khai Kế hoạch chuyển đổi số năm 2026; hướng dẫn, đôn đốc các thôn.

2. Các cơ quan, đơn vị: Căn cứ chức năng, nhiệm vụ triển khai thực hiện kế hoạch này."""
    (task,) = _tasks(body, PLAN)
    assert task.lead == "Phòng Văn hóa - Xã hội"
    assert task.coordinators == ("các đơn vị liên quan",)


def test_an_item_laid_out_as_fields():
    body = """II. NỘI DUNG

1. Xây dựng cơ sở dữ liệu hộ kinh doanh

- Cơ quan chủ trì: Phòng Kinh tế.

- Cơ quan phối hợp: Công an xã, các thôn.

- Thời gian thực hiện: Quý III/2026."""
    (task,) = _tasks(body, PLAN)
    assert task.lead == "Phòng Kinh tế"
    assert "Công an xã" in task.coordinators
    assert task.deadline.date.isoformat() == "2026-09-30"


def test_an_appendix_task_table_gives_one_task_per_row():
    body = """III. TỔ CHỨC THỰC HIỆN

Các đơn vị thực hiện nhiệm vụ tại Phụ lục kèm theo.

PHỤ LỤC

| TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian | Kinh phí (trđ) |
| 1 | Lắp đặt wifi tại nhà văn hóa thôn | Phòng Văn hóa - Xã hội | Các thôn | Quý II/2026 | 120 |
| 2 | Số hóa hồ sơ hộ tịch | Văn phòng HĐND và UBND xã; Công an xã | | Năm 2026 | |"""
    first, second = _tasks(body, PLAN)
    assert (first.lead, first.budget_million_vnd, first.deadline.date.isoformat()) == (
        "Phòng Văn hóa - Xã hội",
        Decimal("120"),
        "2026-06-30",
    )
    assert second.lead == "Văn phòng HĐND và UBND xã"
    assert second.coordinators == ("Công an xã",)


def test_units_a_unit_is_told_to_direct_act_for_it():
    body = """1. Ngân hàng Chính sách xã hội chi nhánh huyện

a) Chỉ đạo các phòng giao dịch trên địa bàn phối hợp với UBND xã triển khai cho vay, cụ thể như sau:

- Các phòng giao dịch tổ chức giải ngân vốn vay hộ nghèo.

- Rà soát hồ sơ nợ quá hạn."""
    tasks = _tasks(body)
    assert [t.lead for t in tasks] == ["Ngân hàng Chính sách xã hội chi nhánh huyện"] * 2
    assert "Các phòng giao dịch" in tasks[0].coordinators


def test_another_units_sentence_inside_an_item_is_its_own_task():
    body = "1. Trung tâm Phục vụ hành chính công xã tiếp nhận hồ sơ trực tuyến. Công an xã xác thực tài khoản định danh cho người dân."
    assert [t.lead for t in _tasks(body)] == ["Trung tâm Phục vụ hành chính công xã", "Công an xã"]


def test_the_same_unit_again_does_not_split_its_item():
    body = "1. Công an xã rà soát dữ liệu dân cư. Công an xã hướng dẫn người dân kích hoạt tài khoản."
    assert len(_tasks(body)) == 1


THONG_BAO = """THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với lãnh đạo huyện Đông Anh

{body}
"""


def test_a_conclusion_notice_gives_unaddressed_duties_to_the_province_or_district_of_the_session():
    body = """II. NHIỆM VỤ THỜI GIAN TỚI

1. Tỉnh cần tập trung giải ngân vốn đầu tư công.

2. Rà soát quy hoạch sử dụng đất."""
    template = THONG_BAO.replace("huyện Đông Anh", "tỉnh Bắc Hà")
    tasks = _tasks(body, template)
    assert [t.lead for t in tasks] == ["Ủy ban nhân dân tỉnh Bắc Hà"] * 2


def test_items_under_a_sentence_that_opens_with_its_bases_and_ends_with_the_request():
    text = CONG_VAN.replace(
        "Thực hiện Kế hoạch số 45/KH-UBND ngày 02/3/2026 của UBND tỉnh, Ủy ban nhân dân xã yêu cầu các cơ quan, "
        "đơn vị thực hiện các nội dung sau:\n\n{body}",
        "Mưa lớn kéo dài đã gây ngập nhiều tuyến đường.\nCăn cứ chỉ đạo của UBND tỉnh tại Công văn số 12/UBND-NC "
        "ngày 01/3/2026, Chủ tịch Ủy ban nhân dân xã yêu cầu:\n1. Công an xã bố trí lực lượng hỗ trợ "
        "người dân di dời.\n2. Trạm Y tế xã bảo đảm thuốc men cho các điểm sơ tán.",
    )
    assert [t.lead for t in extract(text).tasks] == ["Công an xã", "Trạm Y tế xã"]
