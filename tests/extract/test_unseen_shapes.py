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


NOTICE = """VĂN PHÒNG CHÍNH PHỦ

Số: 700/TB-VPCP

Hà Nội, ngày 02 tháng 3 năm 2026

THÔNG BÁO
Kết luận của Phó Thủ tướng tại buổi làm việc với lãnh đạo tỉnh Hòa Bình về phát triển nông nghiệp

{body}

Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def test_a_conclusion_notice_assigns_the_items_of_its_lead_in_to_the_province():
    body = """Ngày 20 tháng 02 năm 2026, tại tỉnh Hòa Bình, Phó Thủ tướng đã làm việc với lãnh đạo Tỉnh.

Cùng dự buổi làm việc có lãnh đạo các Bộ: Tài chính, Nông nghiệp và Môi trường.

I. ĐÁNH GIÁ CHUNG

Tỉnh đã đạt nhiều kết quả quan trọng trong phát triển nông nghiệp.

Để phát triển nông nghiệp bền vững, Tỉnh cần tập trung thực hiện một số nhiệm vụ sau:

1. Rà soát quy hoạch vùng nguyên liệu chè, cà phê.

2. Hỗ trợ hợp tác xã tiếp cận vốn tín dụng ưu đãi.

II. VỀ CÁC KIẾN NGHỊ CỦA TỈNH

1. Về đề nghị hỗ trợ kinh phí làm đường vào vùng nguyên liệu (bảo đảm vận chuyển nông sản): Giao Bộ Tài chính chủ trì, phối hợp với Bộ Nông nghiệp và Môi trường xem xét, xử lý theo quy định.

Văn phòng Chính phủ xin trân trọng thông báo./."""
    tasks = extract(NOTICE.format(body=body)).tasks
    assert [t.lead for t in tasks] == [
        "Ủy ban nhân dân tỉnh Hòa Bình",
        "Ủy ban nhân dân tỉnh Hòa Bình",
        "Bộ Tài chính",
    ]
    assert tasks[2].coordinators == ("Bộ Nông nghiệp và Môi trường",)


def test_ministers_addressed_by_title_and_a_ministry_list():
    body = """1. Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ rà soát các nhiệm vụ chậm tiến độ, báo cáo Thủ tướng Chính phủ.

2. Bộ trưởng các Bộ: Xây dựng, Công Thương chỉ đạo kiểm tra an toàn công trình."""
    tasks = extract(NOTICE.format(body=body)).tasks
    assert [t.lead for t in tasks] == ["Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ", "Bộ Xây dựng"]
    assert tasks[1].coordinators == ("Bộ Công Thương",)


CONG_VAN = """BỘ CÔNG THƯƠNG

Số: 812/BCT-KH

Hà Nội, ngày 03 tháng 3 năm 2026

Kính gửi: Các Sở Công Thương.

{body}

Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def test_a_report_that_carries_the_items_only_deadline_stays_with_it():
    body = """1. Cục Xúc tiến thương mại tổng hợp nhu cầu hàng Tết của các tỉnh; báo cáo Bộ trưởng trước ngày 20/12/2026.

2. Cục Xuất nhập khẩu rà soát hạn ngạch trong tháng 11/2026; báo cáo Bộ trưởng trước ngày 05/12/2026."""
    tasks = extract(CONG_VAN.format(body=body)).tasks
    assert [(t.lead, t.deadline.date.isoformat()) for t in tasks] == [
        ("Cục Xúc tiến thương mại", "2026-12-20"),
        ("Cục Xuất nhập khẩu", "2026-11-30"),
        ("Cục Xuất nhập khẩu", "2026-12-05"),
    ]


def test_price_lines_past_actions_and_a_unit_with_its_head_title():
    body = """Thời gian qua, các Sở Công Thương đã ban hành nhiều văn bản chỉ đạo kiểm soát thị trường.

1. Mức giá bán lẻ tối đa:

- Xăng sinh học: không cao hơn 19.500 đồng/lít;

- Dầu hỏa: 18.200 đồng/lít.

2. Bộ trưởng Bộ Tài chính - Phó Trưởng ban Thường trực Ban Chỉ đạo rà soát quỹ bình ổn giá.

3. Văn phòng Thường trực Ban Chỉ đạo tổng hợp kết quả kiểm tra thị trường."""
    tasks = extract(CONG_VAN.format(body=body)).tasks
    assert [t.lead for t in tasks] == ["Bộ Tài chính", "Văn phòng Thường trực Ban Chỉ đạo"]


def test_plan_items_written_as_slots_give_one_task_per_duty():
    body = """II. NHIỆM VỤ

1. Phát triển thương mại điện tử

a) Nhiệm vụ:

- Hỗ trợ hợp tác xã đưa sản phẩm lên sàn thương mại điện tử.

- Tổ chức tập huấn kỹ năng bán hàng trực tuyến.

b) Cơ quan thực hiện:

- Đơn vị chủ trì: Sở Công Thương.

- Đơn vị phối hợp: Sở Tài chính, UBND các xã.

c) Thời gian thực hiện: Quý III/2026.

2. Hỗ trợ thi hành chính sách mới

- Các nội dung hỗ trợ gồm:

+ Hướng dẫn doanh nghiệp áp dụng quy định mới;

+ Tiếp nhận, xử lý kiến nghị của doanh nghiệp.

- Cơ quan thực hiện: Các sở, ngành liên quan.

- Thời gian thực hiện: Năm 2026 và các năm tiếp theo."""
    tasks = _tasks(body)
    assert [(t.lead, t.deadline.kind) for t in tasks] == [
        ("Sở Công Thương", "period"),
        ("Sở Công Thương", "period"),
        ("Các sở, ngành liên quan", "none"),
        ("Các sở, ngành liên quan", "none"),
    ]
    assert tasks[0].coordinators == ("Sở Tài chính", "UBND các xã")
    assert tasks[0].deadline.date.isoformat() == "2026-09-30"
    assert tasks[2].deadline.text == "Năm 2026 và các năm tiếp theo"


def test_items_numbered_100_and_above_do_not_merge_into_item_99():
    items = "\n\n".join(f"{n}. Sở Y tế kiểm tra trạm y tế số {n} trong tháng 3/2026." for n in range(97, 103))
    tasks = _tasks("II. NHIỆM VỤ\n\n" + items)
    assert [t.text.split(" trong")[0][-3:].strip() for t in tasks] == ["97", "98", "99", "100", "101", "102"]


def test_a_bold_unit_heading_followed_directly_by_its_paragraph():
    body = """**II. PHÂN CÔNG NHIỆM VỤ**
**1.**
**Sở Y tế**
Bố trí đội y tế lưu động tại các điểm sơ tán.
**2. Trung tâm Kiểm soát bệnh tật**
Khẩn trương phun hóa chất khử khuẩn tại các vùng ngập."""
    assert [t.lead for t in _tasks(body)] == ["Sở Y tế", "Trung tâm Kiểm soát bệnh tật"]


def test_the_issuers_request_after_the_last_bullet_is_its_own_passage():
    body = """1. Thời gian tập huấn:

- Đợt 1: ngày 10/3/2026 tại Hội trường Sở.

- Đợt 2: ngày 12/3/2026 trực tuyến.

Bộ Công Thương trân trọng đề nghị các Sở Công Thương cử cán bộ tham dự, gửi danh sách trước ngày 05/3/2026.

Từ đầu năm 2026 đến nay, các Sở Công Thương đã tổ chức nhiều đợt kiểm tra thị trường.

Trân trọng thông báo./."""
    (task,) = extract(CONG_VAN.format(body=body)).tasks
    assert task.lead == "các Sở Công Thương"
    assert task.deadline.date.isoformat() == "2026-03-05"


def test_a_periodic_report_in_the_middle_of_an_item_is_split_off_alone():
    body = "1. Cục Quản lý thị trường kiểm tra hàng hóa dịp Tết; báo cáo Bộ trưởng hằng tuần vào thứ Sáu; hoàn thành đợt kiểm tra trước ngày 31/01/2027."
    first, report = extract(CONG_VAN.format(body=body)).tasks
    assert first.text.endswith("hoàn thành đợt kiểm tra trước ngày 31/01/2027.")
    assert first.deadline.date.isoformat() == "2027-01-31"
    assert report.text == "báo cáo Bộ trưởng hằng tuần vào thứ Sáu"
    assert report.deadline.kind == "recurring"


def test_the_aim_of_a_lead_in_is_not_the_deadline_of_its_items():
    body = """Để kịp khánh thành công trình trước ngày 15/12/2026, yêu cầu các đơn vị:

1. Cục Xúc tiến thương mại chuẩn bị gian hàng giới thiệu sản phẩm.

2. Cục Xuất nhập khẩu hoàn thành thủ tục thông quan thiết bị trước ngày 30/11/2026."""
    first, second = extract(CONG_VAN.format(body=body)).tasks
    assert first.deadline.kind == "none"
    assert second.deadline.date.isoformat() == "2026-11-30"


def test_a_deadline_on_its_own_line_under_an_item_belongs_to_it():
    body = """II. NHIỆM VỤ

1. Sở Tài chính thẩm định phương án hỗ trợ
Thời hạn chậm nhất trước ngày 20/3/2026.

2. Sở Y tế bố trí đội y tế lưu động
Thời hạn trong tháng 3/2026."""
    tasks = _tasks(body)
    assert [(t.lead, t.deadline.date.isoformat()) for t in tasks] == [
        ("Sở Tài chính", "2026-03-20"),
        ("Sở Y tế", "2026-03-31"),
    ]


def test_a_unit_named_as_the_focal_agency_leads():
    body = "1. Giao Cục Xúc tiến thương mại là cơ quan đầu mối, chủ trì, phối hợp với Cục Xuất nhập khẩu tổ chức hội chợ hàng Việt."
    (task,) = extract(CONG_VAN.format(body=body)).tasks
    assert (task.lead, task.coordinators) == ("Cục Xúc tiến thương mại", ("Cục Xuất nhập khẩu",))


def test_a_heading_addressed_to_a_class_of_units_leads_its_bullets():
    body = """1. Đối với các cơ sở chăn nuôi có quy mô lớn gần khu dân cư:

+ Vận hành hệ thống xử lý chất thải đạt quy chuẩn.

+ Báo cáo kết quả quan trắc môi trường về Sở Nông nghiệp và Môi trường."""
    tasks = extract(CONG_VAN.format(body=body)).tasks
    assert [t.lead for t in tasks] == ["Các cơ sở chăn nuôi có quy mô lớn gần khu dân cư"] * 2


def test_addressee_lines_left_at_the_start_of_the_body_are_not_tasks():
    letter = """BỘ CÔNG THƯƠNG

Số: 815/BCT-KH

Hà Nội, ngày 03 tháng 3 năm 2026

Kính gửi:
- Các Sở: Công Thương, Tài chính,
Xây dựng, Y tế;
- Công an các tỉnh;
- Các doanh nghiệp phân phối xăng dầu.
Thực hiện chỉ đạo của Thủ tướng Chính phủ, Bộ Công Thương đề nghị các đơn vị như sau:
1. Các Sở Công Thương kiểm tra việc niêm yết giá tại các cửa hàng xăng dầu.

Nơi nhận:
- Như trên;
- Lưu: VT.
"""
    result = extract(letter)
    assert [t.lead for t in result.tasks] == ["Các Sở Công Thương"]


def test_a_closing_sentence_sets_the_deadline_of_the_items_above_it():
    body = """1. Các Sở Công Thương kiểm tra việc niêm yết giá tại các cửa hàng.

2. Các Sở Công Thương rà soát dự trữ xăng dầu, hoàn thành trong tháng 4/2026.

Đề nghị các Sở Công Thương khẩn trương chỉ đạo, bảo đảm trước ngày 31/3/2026 hoàn thành các nội dung nêu trên./."""
    first, second = extract(CONG_VAN.format(body=body)).tasks
    assert first.deadline.date.isoformat() == "2026-03-31"
    assert second.deadline.date.isoformat() == "2026-04-30"


@pytest.mark.parametrize(
    "item",
    [
        "1. Công an xã rà soát, thu hồi các giấy phép đã cấp không đúng quy định.",
        "1. Công an xã kiểm tra việc thực hiện theo Quy chế đã ban hành tại các thôn.",
        "1. Văn phòng HĐND và UBND xã bố trí kinh phí để thực hiện Kế hoạch này.",
        "1. Trạm y tế xã hạn chế tổ chức các sự kiện đông người trong thời gian có dịch.",
    ],
)
def test_duties_that_look_like_non_tasks_are_kept(item):
    assert len(extract(CONG_VAN.format(body=item)).tasks) == 1


def test_a_restriction_on_the_public_is_not_a_task():
    body = "1. Các tổ chức, cá nhân: Hạn chế khoan mới giếng khai thác nước dưới đất."
    assert extract(CONG_VAN.format(body=body)).tasks == ()


def test_a_conditional_clause_beside_the_items_deadline_does_not_drop_it():
    body = "1. Trường hợp phát sinh vướng mắc, Cục Xuất nhập khẩu báo cáo Bộ trưởng; hoàn thành cấp phép cho các lô hàng trước ngày 15/4/2026."
    (task,) = extract(CONG_VAN.format(body=body)).tasks
    assert task.deadline.date.isoformat() == "2026-04-15"


def test_a_unit_acting_by_its_assigned_duties_keeps_its_subject():
    body = "1. Giao các Phó Thủ tướng Chính phủ theo nhiệm vụ được phân công chỉ đạo, đôn đốc các địa phương."
    (task,) = extract(CONG_VAN.format(body=body)).tasks
    assert task.lead == "các Phó Thủ tướng Chính phủ"


def test_the_issuer_introducing_its_own_plan_addresses_nobody():
    body = """Ủy ban nhân dân tỉnh An Giang triển khai Đợt hỗ trợ người dân sau bão và ban hành Kế hoạch như sau:

I. NHIỆM VỤ

1. Tăng cường công tác tuyên truyền về phòng, chống thiên tai.

II. TỔ CHỨC THỰC HIỆN

1. Sở Nông nghiệp và Môi trường chủ trì tổng hợp thiệt hại, báo cáo UBND tỉnh trước ngày 30/3/2026."""
    tasks = _tasks(body)
    assert [t.lead for t in tasks] == ["Sở Nông nghiệp và Môi trường"]


def test_a_reply_assigns_nothing_to_its_addressee_by_default():
    reply = """BỘ TÀI CHÍNH

Số: 120/BTC-NSNN
V/v trả lời kiến nghị của cử tri tỉnh An Giang

Hà Nội, ngày 12 tháng 02 năm 2026

Kính gửi: Ban Dân nguyện của Quốc hội.

Bộ Tài chính nhận được kiến nghị của cử tri tỉnh An Giang do Ban Dân nguyện chuyển đến. Về vấn đề này, Bộ Tài chính có ý kiến như sau:

Hiện nay, định mức chi cho công tác tiêm phòng được thực hiện theo quy định tại Thông tư số 45/2024/TT-BTC.

Nơi nhận:
- Như trên;
- Lưu: VT.

BỘ TRƯỞNG

Nguyễn Văn Thắng
"""
    assert extract(reply).tasks == ()


def test_paragraphs_before_the_lead_in_of_the_items_are_not_tasks():
    telegram = """THỦ TƯỚNG CHÍNH PHỦ

Số: 12/CĐ-TTg

Hà Nội, ngày 02 tháng 10 năm 2026

CÔNG ĐIỆN
Về việc khắc phục hậu quả bão số 9

THỦ TƯỚNG CHÍNH PHỦ điện:
- Bộ trưởng các Bộ: Quốc phòng, Công an;
- Chủ tịch Ủy ban nhân dân các tỉnh: Quảng Ngãi, Gia Lai.

Theo báo cáo của Trung tâm dự báo khí tượng thủy văn quốc gia, mưa lớn còn kéo dài đến hết ngày 04/10.

Bộ Nông nghiệp và Môi trường đã chủ động theo dõi, cảnh báo sớm cho các địa phương.

Để khẩn trương khắc phục hậu quả bão, Thủ tướng Chính phủ yêu cầu:

1. Bộ Quốc phòng bố trí lực lượng, phương tiện hỗ trợ người dân sơ tán.

2. Ủy ban nhân dân tỉnh Quảng Ngãi thống kê thiệt hại, báo cáo Thủ tướng Chính phủ trước ngày 05/10/2026.

Nơi nhận:
- Như trên;
- Lưu: VT.

THỦ TƯỚNG

Nguyễn Văn A
"""
    tasks = extract(telegram).tasks
    assert [t.lead for t in tasks] == ["Bộ Quốc phòng", "Ủy ban nhân dân tỉnh Quảng Ngãi"]


def test_a_long_addressee_line_naming_provinces_and_the_narrative_glued_under_it():
    telegram = """**THỦ TƯỚNG CHÍNH PHỦ**
|
Số: 14/CĐ-TTg
|
*Hà
Nội, ngày 05 tháng 10 năm 2026*
|
**CÔNG ĐIỆN**
VỀ VIỆC HỖ TRỢ GẠO CHO NGƯỜI DÂN VÙNG LŨ
**THỦ TƯỚNG CHÍNH PHỦ điện:**
|
** **
|
- Bộ trưởng
các Bộ:
|
Quốc phòng, Công an,
Tài chính.
|
** **
|
- Bí thư Tỉnh ủy, Chủ tịch
Ủy ban nhân dân các tỉnh: Quảng Bình, Quảng Trị, Huế, Đà Nẵng,
Quảng Ngãi, Gia Lai, Đắk Lắk, Khánh Hòa.
|
Trong tháng 10 năm 2026, mưa lũ lớn đã gây ngập sâu tại nhiều địa phương.
Để hỗ trợ kịp thời người dân, Thủ tướng Chính phủ yêu cầu:
1. Bộ Tài chính bố trí gạo dự trữ quốc gia cho các địa phương.
|
**Nơi nhận:**
- Như trên;
- Lưu: VT.
"""
    assert [t.lead for t in extract(telegram).tasks] == ["Bộ Tài chính"]


def test_an_agreement_followed_by_giao_hands_the_duty_to_the_unit_after_giao():
    body = """Ngày 20 tháng 02 năm 2026, tại tỉnh Hòa Bình, Phó Thủ tướng đã làm việc với lãnh đạo Tỉnh.

II. VỀ CÁC KIẾN NGHỊ CỦA TỈNH

1. Về nguồn vốn làm đường liên xã: Đồng ý về nguyên tắc đề xuất của Tỉnh; giao Bộ Tài chính chủ trì, phối hợp với Bộ Xây dựng xem xét, bố trí vốn theo quy định.

2. Về cơ quan chủ quản Chương trình: Các Bộ, cơ quan thống nhất chỉ có một cơ quan chủ trì; giao Bộ Xây dựng làm chủ Chương trình, hoàn thiện hồ sơ trình cấp có thẩm quyền.

3. Về đường nối cửa khẩu: Thủ tướng Chính phủ đồng ý chủ trương đầu tư; giao Ủy ban nhân dân tỉnh Lào Cai khẩn trương hoàn thiện hồ sơ dự án."""
    tasks = extract(NOTICE.format(body=body)).tasks
    assert [t.lead for t in tasks] == ["Bộ Tài chính", "Bộ Xây dựng", "Ủy ban nhân dân tỉnh Lào Cai"]
    assert tasks[0].coordinators == ("Bộ Xây dựng",)
