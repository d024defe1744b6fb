"""Shapes that gave absurd output across the unlabelled corpus; every text is made up in their style."""

import pytest

from dieuhanh.extract.filters import not_task_reason
from dieuhanh.extract.pipeline import extract
from dieuhanh.extract.tables import column_roles
from dieuhanh.extract.units import leading_units

pytestmark = pytest.mark.pure

PLAN = """ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH

Số: 52/KH-UBND

Hà Tĩnh, ngày 03 tháng 3 năm 2026

KẾ HOẠCH
{subject}

{body}

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Trần Văn Nam
"""


def _tasks(body: str, subject: str = "Phát triển thương mại điện tử năm 2026", kind: str = "KẾ HOẠCH"):
    return extract(PLAN.replace("KẾ HOẠCH", kind).format(body=body, subject=subject)).tasks


def _names(text: str) -> list[str]:
    return [u.name for u in leading_units(text)[0]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Các Bộ Tài chính và Công an: Phối hợp rà soát", ["Bộ Tài chính", "Bộ Công an"]),
        ("Các Bộ Quốc phòng, Công an chỉ đạo lực lượng", ["Bộ Quốc phòng", "Bộ Công an"]),
        ("Các Sở Y tế, Công an tỉnh kiểm tra", ["Các Sở Y tế", "Công an tỉnh"]),
        ("đề nghị các Sở Công Thương cử cán bộ", ["các Sở Công Thương"]),
    ],
)
def test_a_plural_head_before_the_first_name_makes_each_bare_field_a_member(text, expected):
    assert _names(text) == expected


def test_inspect_as_the_first_verb_is_no_inspectorate():
    assert _names("Thanh tra, kiểm tra, xử lý nghiêm các cơ sở vi phạm") == []
    assert _names("Thanh tra tỉnh, Công an tỉnh kiểm tra") == ["Thanh tra tỉnh", "Công an tỉnh"]


@pytest.mark.parametrize(
    "duty",
    [
        "Không quá 03 cá nhân;",
        "02 tập thể/01 đơn vị",
        "Hội đồng thi đua cấp tỉnh: Không quá 04 cá nhân",
        "Mỗi đơn vị xét chọn 01 tập thể, 02 cá nhân",
    ],
)
def test_an_award_or_delegate_quota_is_no_task(duty):
    assert not_task_reason(duty) == "Định mức số lượng, không phải nhiệm vụ."


def test_sending_people_to_a_working_group_with_a_deadline_stays_a_duty():
    assert not_task_reason("Cử 02 người tham gia Tổ công tác, gửi danh sách trước ngày 10/4/2026") is None


def test_the_quotas_under_an_award_heading_give_no_tasks():
    body = """III. SỐ LƯỢNG ĐỀ NGHỊ

**1. Giấy khen của Giám đốc Sở**

a) Các đơn vị trực thuộc Sở:

- Phòng Kế hoạch tổng hợp: Không quá 02 cá nhân;

- Trung tâm Xúc tiến thương mại: Không quá 02 cá nhân.

2. Sở Công Thương chủ trì tổng hợp danh sách đề nghị khen thưởng, gửi Sở Nội vụ trước ngày 30/11/2026."""
    tasks = _tasks(body)
    assert [t.lead for t in tasks] == ["Sở Công Thương"]


def test_a_singular_business_heading_is_a_topic_not_a_unit():
    body = """II. NHIỆM VỤ VÀ GIẢI PHÁP

1. Phát triển các chủ thể kinh tế số

a) Doanh nghiệp số

- Xây dựng chương trình hỗ trợ doanh nghiệp khởi nghiệp sáng tạo ứng dụng nền tảng số.

- Hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số gắn với chuỗi cung ứng.

III. TỔ CHỨC THỰC HIỆN

1. Sở Công Thương chủ trì xây dựng chương trình hỗ trợ doanh nghiệp chuyển đổi số, trình UBND tỉnh trong Quý II/2026."""
    tasks = _tasks(body)
    assert [t.lead for t in tasks] == ["Sở Công Thương"]


def test_a_catalogue_of_named_things_is_no_task_table():
    roles = column_roles(["STT", "Tên tài sản", "Thời gian kiểm kê", "Đơn vị chịu trách nhiệm"])
    assert "task" not in roles
    roles = column_roles(["STT", "Tên nhiệm vụ", "Đơn vị chịu trách nhiệm", "Thời gian"])
    assert roles[1] == "task"


NOTICE = """BAN CHẤP HÀNH TRUNG ƯƠNG
VĂN PHÒNG

Số: 12-TB/VPTW

Hà Nội, ngày 05 tháng 3 năm 2026

THÔNG BÁO
Kết luận Hội nghị công tác văn phòng cấp ủy năm 2026

{body}

K/T CHÁNH VĂN PHÒNG
PHÓ CHÁNH VĂN PHÒNG

Nguyễn Văn Hải
"""


def test_a_narrative_over_numbered_sections_is_no_task_of_its_own():
    body = """Ngày 02/3/2026, Hội nghị đã được tổ chức tại Hà Nội. Đồng chí Chánh Văn phòng phát biểu kết luận như sau:

**1. Về kết quả năm 2025**

Các văn phòng cấp ủy đã hoàn thành tốt nhiệm vụ, Văn phòng Trung ương Đảng chủ trì tổng hợp nhiều báo cáo.

(1) Công tác tham mưu có nhiều chuyển biến tích cực.

(2) Công tác thông tin được duy trì nền nếp.

**2. Về nhiệm vụ năm 2026**

Thời gian tới, tình hình còn nhiều khó khăn; căn cứ phương hướng đã nêu, Văn phòng Trung ương Đảng và các văn phòng tỉnh ủy, thành ủy cụ thể hóa để tổ chức thực hiện, trong đó cần tập trung một số nhiệm vụ trọng tâm sau:

(1) Sửa đổi quy trình tiếp nhận, xử lý đơn thư của văn phòng cấp ủy.

(2) Hoàn thành số hóa tài liệu lưu trữ của các tỉnh ủy, thành ủy."""
    tasks = extract(NOTICE.format(body=body)).tasks
    assert [(t.lead, t.coordinators) for t in tasks] == [
        ("Văn phòng Trung ương Đảng", ("các văn phòng tỉnh ủy, thành ủy",)),
    ] * 2
    assert all(len(t.text) < 100 for t in tasks)
