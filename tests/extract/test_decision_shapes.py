"""Shapes of decisions and công văn found by counting over the corpus; every text is made up."""

import pytest

from dieuhanh.extract.pipeline import extract

pytestmark = pytest.mark.pure

DECISION = """ỦY BAN NHÂN DÂN
TỈNH AN GIANG
Số: 215/QĐ-UBND
An Giang, ngày 12 tháng 02 năm 2026
QUYẾT ĐỊNH
Về việc công bố danh mục thủ tục hành chính lĩnh vực thủy sản
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
QUYẾT ĐỊNH:
{body}
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Bình
"""


def _tasks(body: str, template: str = DECISION):
    return extract(template.format(body=body)).tasks


def test_a_deadline_line_under_the_duty_of_a_lead_in_item_is_that_duty_s_deadline():
    # Crawled text: the lead-in names the unit, the duty and its deadline follow on their own lines.
    body = """Điều 2. Tổ chức thực hiện
1. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Văn phòng UBND tỉnh:
Rà soát, xây dựng quy trình nội bộ giải quyết thủ tục hành chính
theo quy định.
Thời hạn hoàn thành không quá
05 ngày làm việc kể từ ngày ban hành Quyết định.
2. Ủy ban nhân dân các xã niêm yết công khai danh mục thủ tục hành chính tại Bộ phận Một cửa."""
    tasks = _tasks(body)
    assert [t.lead for t in tasks] == ["Sở Nông nghiệp và Môi trường", "Ủy ban nhân dân các xã"]
    assert tasks[0].deadline.kind == "relative"
    assert "05 ngày làm việc" in tasks[0].deadline.text


def test_the_steps_of_a_published_procedure_are_no_tasks():
    body = """Điều 1. Công bố kèm theo Quyết định này thủ tục hỗ trợ chi phí tư vấn pháp luật.
Điều 2. Sở Tư pháp có trách nhiệm niêm yết công khai thủ tục tại Trung tâm Phục vụ hành chính công tỉnh.
Điều 3. Nội dung thủ tục
1. Trình tự thực hiện:
Bước 1: Doanh nghiệp nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh.
Bước 2: Sở Tư pháp thẩm định hồ sơ trong thời hạn 05 ngày làm việc.
2. Nộp hồ sơ:
- Trực tiếp hoặc qua dịch vụ bưu chính công ích:
Trung tâm Phục vụ hành chính công tỉnh tiếp nhận hồ sơ trong giờ hành chính.
3. Thành phần hồ sơ:
- Đơn đề nghị hỗ trợ theo mẫu."""
    tasks = _tasks(body)
    assert [t.lead for t in tasks] == ["Sở Tư pháp"]
    assert tasks[0].text.startswith("Sở Tư pháp có trách nhiệm niêm yết")


PLAN = """ỦY BAN NHÂN DÂN
TỈNH AN GIANG
Số: 88/KH-UBND
An Giang, ngày 12 tháng 02 năm 2026
KẾ HOẠCH
Phát động phong trào thi đua năm 2026
{body}
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Bình
"""


def test_a_unit_told_to_issue_guidance_has_a_duty_unlike_the_issuer_promulgating_this_text():
    body = """I. TỔ CHỨC THỰC HIỆN
1. Đề nghị Ban Tuyên giáo Tỉnh ủy: Ban hành văn bản chỉ đạo công tác tuyên truyền về phong trào thi đua.
2. Hằng năm, Sở Nội vụ ban hành văn bản hướng dẫn, đôn đốc các cấp, các ngành thực hiện phong trào thi đua."""
    assert [t.lead for t in _tasks(body, PLAN)] == ["Ban Tuyên giáo Tỉnh ủy", "Sở Nội vụ"]


def test_the_issuer_promulgating_a_decision_is_no_task():
    body = """Điều 1. Ủy ban nhân dân tỉnh ban hành Quyết định bãi bỏ Quyết định số 12/2020/QĐ-UBND của Ủy ban nhân dân tỉnh.
Điều 2. Sở Tư pháp có trách nhiệm cập nhật cơ sở dữ liệu văn bản quy phạm pháp luật của tỉnh."""
    assert [t.lead for t in _tasks(body)] == ["Sở Tư pháp"]


def test_the_award_rules_of_an_emulation_plan_give_no_tasks():
    body = """I. MỤC ĐÍCH
Động viên cán bộ, công chức thi đua hoàn thành nhiệm vụ năm 2026.
II. SỐ LƯỢNG ĐỀ NGHỊ KHEN THƯỞNG
1. Giấy khen của Chủ tịch UBND xã: Các sở, ban, ngành và Ủy ban nhân dân các xã quy định số lượng khen thưởng theo thẩm quyền.
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ theo dõi, đôn đốc và tổng hợp kết quả phong trào thi đua."""
    assert [t.lead for t in _tasks(body, PLAN)] == ["Sở Nội vụ"]


@pytest.mark.parametrize(
    "closing",
    [
        "Chủ tịch Ủy ban nhân dân các xã, phường và các tổ chức, cá nhân có liên quan căn cứ Quyết định thi hành./.",
        "Thủ trưởng các cơ quan: Sở Xây dựng, Sở Tài chính và các đơn vị có liên quan căn cứ Quyết định này thực hiện./.",
    ],
)
def test_an_enforcement_clause_worded_as_acting_on_the_decision_is_no_task(closing):
    body = f"""Điều 1. Sở Tư pháp có trách nhiệm cập nhật cơ sở dữ liệu văn bản quy phạm pháp luật của tỉnh.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, {closing[0].lower()}{closing[1:]}"""
    assert [t.lead for t in _tasks(body)] == ["Sở Tư pháp"]


def test_a_closing_call_to_carry_out_the_plan_with_a_report_back_for_problems_is_no_task():
    body = """I. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ theo dõi, đôn đốc và tổng hợp kết quả phong trào thi đua.
Các cơ quan, đơn vị, địa phương căn cứ chức năng, nhiệm vụ được giao, khẩn trương phối hợp triển khai thực hiện Kế hoạch này; kịp thời báo cáo Ủy ban nhân dân tỉnh (qua Sở Văn hóa, Thể thao và Du lịch) để xem xét, chỉ đạo giải quyết./."""
    assert [t.lead for t in _tasks(body, PLAN)] == ["Sở Nội vụ"]


CONG_VAN = """ỦY BAN NHÂN DÂN
TỈNH AN GIANG
Số: 812/UBND-VX
V/v triển khai công tác y tế dự phòng
An Giang, ngày 03 tháng 3 năm 2026
Kính gửi:
- Sở Y tế;
- Ủy ban nhân dân các xã, phường.
{body}
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn B
"""


@pytest.mark.parametrize(
    "closing",
    [
        "Đề nghị các đơn vị khẩn trương triển khai thực hiện./.",
        "Đề nghị UBND các xã, phường quan tâm, chỉ đạo triển khai thực hiện./.",
        "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành, địa phương khẩn trương triển khai thực hiện có hiệu quả các nội dung trên./.",
    ],
)
def test_a_closing_call_to_carry_out_without_an_object_is_no_task(closing):
    body = f"1. Sở Y tế tăng cường giám sát dịch tễ tại các xã biên giới.\n{closing}"
    assert [t.lead for t in _tasks(body, CONG_VAN)] == ["Sở Y tế"]
