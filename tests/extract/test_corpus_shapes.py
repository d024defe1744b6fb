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


@pytest.mark.parametrize(
    ("heading", "mode"),
    [
        ("2. Vị trí và chức năng", "skip"),
        ("3. Về tồn tại, hạn chế", "skip"),
        ("1. Về kết quả đạt được", "skip"),
        ("1. Về phân cấp, phân quyền khi vận hành chính quyền hai cấp", "full"),
        ("3. Về cơ sở vật chất, trụ sở làm việc", "full"),
        ("II. CƠ SỞ PHÁP LÝ", "skip"),
    ],
)
def test_a_heading_is_read_after_its_number_whatever_letter_it_starts_with(heading, mode):
    from dieuhanh.extract.sections import DocInfo, heading_mode

    assert heading_mode(heading, DocInfo(doc_type="Công văn"), "full") == mode


def test_an_assessment_under_an_inline_topic_label_is_no_task():
    body = """Kính gửi: Các bộ, ngành.

1. Về tồn tại, hạn chế: Tổ công tác của Chính phủ thẳng thắn chỉ ra nhiều hạn chế trong việc kết nối các cơ sở dữ liệu.

2. Về nhiệm vụ thời gian tới: Giao Bộ Công an chủ trì hoàn thiện Cơ sở dữ liệu quốc gia về dân cư, hoàn thành trong tháng 6/2026."""
    letter = PLAN.replace("KẾ HOẠCH", "CÔNG VĂN").replace("Số: 52/KH-UBND", "Số: 52/UBND-KT")
    tasks = extract(letter.format(body=body, subject="V/v kết nối cơ sở dữ liệu")).tasks
    assert [t.lead for t in tasks] == ["Bộ Công an"]


def test_the_steps_of_a_procedure_are_no_task_table():
    body = """II. TỔ CHỨC THỰC HIỆN

Sở Tư pháp chủ trì hướng dẫn các xã thực hiện quy trình nội bộ, hoàn thành trong Quý II/2026.

|
**TT**
|
**Nội dung công việc**
|
**Phân công nhiệm vụ**
|
**Thời gian thực hiện**
|
|
Bước 1
|
Tiếp nhận, kiểm tra hồ sơ và chuyển bộ phận chuyên môn
|
Bộ phận Một cửa cấp xã
|
0,5 ngày làm việc
|
|
Bước 2
|
Thẩm định hồ sơ, trình lãnh đạo phê duyệt kết quả
|
Phòng Văn hóa - Xã hội
|
02 ngày làm việc
|
|
**Tổng thời gian giải quyết thủ tục hành chính**
|
**03 ngày làm việc**
|"""
    tasks = _tasks(body)
    assert [t.lead for t in tasks] == ["Sở Tư pháp"]


def test_short_objects_listed_under_a_lead_in_are_not_duties():
    body = """QUYẾT ĐỊNH:

**Điều 2. Phê duyệt phương án xử lý**

1. Sở Tài chính lập phương án xử lý tài sản đối với:

a) Máy móc thiết bị văn phòng;

b) Xe ô tô chuyên dùng;"""
    tasks = _tasks(body, "Xử lý tài sản công", kind="QUYẾT ĐỊNH")
    # The lead-in with its objects is the one duty.
    assert [(t.lead, t.text[:49]) for t in tasks] == [
        ("Sở Tài chính", "Sở Tài chính lập phương án xử lý tài sản đối với:")
    ]


@pytest.mark.parametrize(
    ("duty", "reason"),
    [
        (
            "Thủ tục cấp giấy phép lái xe quốc tế (Mã số TTHC: 1.000123);",
            "Tên thủ tục hành chính, không phải nhiệm vụ.",
        ),
        (
            "Kịp thời phản ánh những khó khăn, vướng mắc phát sinh để được hướng dẫn",
            "Yêu cầu có điều kiện.",
        ),
        (
            "Phối hợp chặt chẽ với Sở Tư pháp trong quá trình thực hiện, phản ánh kịp thời vướng mắc",
            "Lời kêu gọi chung phối hợp triển khai.",
        ),
        ("xin trao đổi và cảm ơn sự phối hợp của Quý Cơ quan./.", "Câu kết của văn bản."),
    ],
)
def test_procedure_names_calls_to_report_problems_and_thanks_are_no_tasks(duty, reason):
    assert not_task_reason(duty) == reason


def test_coordinating_to_resolve_a_problem_stays_a_duty():
    duty = "Phối hợp với Sở Xây dựng giải quyết vướng mắc về giấy phép trong quá trình thực hiện dự án"
    assert not_task_reason(duty) is None


def test_an_item_whose_number_was_lost_does_not_swallow_the_next_ones():
    body = """II. TỔ CHỨC THỰC HIỆN
Sở Y tế tập trung thực hiện các nhiệm vụ sau:
(1) Rà soát, tổng hợp số cơ sở y tế bị hư hỏng do mưa lũ, hoàn thành
trước ngày 15/4/2026.
Tổ chức tiếp nhận thuốc, vật tư y tế hỗ trợ (phân công đầu mối điều phối.
(3) Công bố danh mục thuốc, vật tư cần hỗ trợ để các địa
phương chi viện kịp thời.
(4) Khôi phục hoạt động khám, chữa bệnh của các trạm y tế."""
    tasks = _tasks(body)
    assert [t.text[:20] for t in tasks] == [
        "Rà soát, tổng hợp số",
        "Công bố danh mục thu",
        "Khôi phục hoạt động ",
    ]


def test_bullets_after_a_duty_sentence_are_further_duties_of_its_subject():
    body = """Thực hiện Quyết định số 120/QĐ-TTg ngày 02/02/2026 của Thủ tướng Chính phủ, UBND tỉnh phát động phong trào thi đua với những nội dung chủ yếu như sau:

I. TỔ CHỨC THỰC HIỆN

1. Các sở, ban, ngành, địa phương xây dựng kế hoạch hưởng ứng phong trào thi đua gắn với nhiệm vụ chính trị của cơ quan, đơn vị.

- Giới thiệu gương điển hình tiên tiến trên các phương tiện thông tin đại chúng.

- Báo cáo UBND tỉnh kết quả phong trào (qua Sở Nội vụ) trước ngày 15/11/2026.

2. Sở Nội vụ tham mưu UBND tỉnh tổng kết phong trào thi đua."""
    tasks = _tasks(body)
    assert [t.lead for t in tasks] == ["Các sở, ban, ngành, địa phương"] * 3 + ["Sở Nội vụ"]
    assert any(t.text.startswith("Giới thiệu gương điển hình") for t in tasks)


def test_bullets_under_an_enforcement_clause_do_not_inherit_its_subject():
    body = """QUYẾT ĐỊNH:

Điều 2. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Y tế chịu trách nhiệm thi hành Quyết định này.

- Trực tiếp tại Trung tâm Phục vụ hành chính công tỉnh.

- Trực tuyến qua Cổng dịch vụ công quốc gia."""
    assert _tasks(body, "Công bố thủ tục hành chính", kind="QUYẾT ĐỊNH") == ()


@pytest.mark.parametrize(
    ("duty", "reason"),
    [
        (
            "có tư cách pháp nhân, có con dấu và tài khoản riêng",
            "Mô tả vị trí, chức năng, không phải nhiệm vụ.",
        ),
        ("đã có Công văn số 12/SYT-NVY hướng dẫn các cơ sở", "Kết quả đã thực hiện."),
        (
            "xin báo cáo Đoàn đại biểu Quốc hội tỉnh như sau:",
            "Ý kiến trả lời của cơ quan ban hành, không giao việc.",
        ),
    ],
)
def test_status_past_letters_and_the_issuers_report_are_no_tasks(duty, reason):
    assert not_task_reason(duty) == reason


def test_a_duty_to_have_a_document_ready_is_still_a_duty():
    assert not_task_reason("có văn bản hướng dẫn các xã trước ngày 20/3/2026") is None


@pytest.mark.parametrize(
    "duty",
    [
        "căn cứ nội dung Quyết định để triển khai thực hiện nghiêm túc, đầy đủ, đảm bảo quyền lợi của người dân.",
        "nghiên cứu triển khai thực hiện, đảm bảo phù hợp với chức năng, nhiệm vụ của đơn vị mình.",
    ],
)
def test_general_calls_to_carry_out_the_document_are_no_tasks(duty):
    assert not_task_reason(duty) == "Lời kêu gọi chung triển khai văn bản này."


def test_building_an_own_plan_on_the_basis_of_this_plan_is_a_duty():
    assert (
        not_task_reason(
            "căn cứ Kế hoạch này xây dựng kế hoạch của đơn vị, gửi Sở Nội vụ trước ngày 10/4/2026"
        )
        is None
    )


def test_a_university_is_a_unit():
    assert _names("Đại học Thái Nguyên rà soát chương trình đào tạo") == ["Đại học Thái Nguyên"]
    assert _names("đào tạo đại học Chính quy") == []


def test_a_basis_set_between_the_subject_and_its_verb():
    from dieuhanh.extract.subjects import subject

    text = "Sở Tài chính, trên cơ sở đề xuất của các sở, ngành, địa phương, chủ trì tổng hợp dự toán kinh phí"
    units, end = subject(text)
    assert [u.name for u in units] == ["Sở Tài chính"]
    assert text[end:].startswith("chủ trì tổng hợp")
    # After an opening clause the same shape is a list of bodies, not a subject.
    text = "Để thống nhất theo yêu cầu của Bộ Chính trị, Ban Bí thư, trên cơ sở định hướng nêu trên, đề nghị các bộ báo cáo"
    assert subject(text, text.index("Ban Bí thư"))[0] == []


def test_a_duty_set_off_by_an_event_is_its_own_task_even_for_the_same_unit():
    body = """II. TỔ CHỨC THỰC HIỆN

1. Sở Xây dựng hoàn thiện hồ sơ điều chỉnh quy hoạch chung đô thị. Sau khi quy hoạch được phê duyệt, Sở Xây dựng khẩn trương công bố công khai quy hoạch theo quy định."""
    first, second = _tasks(body)
    assert (first.lead, second.lead) == ("Sở Xây dựng", "Sở Xây dựng")
    assert second.text.startswith("Sau khi quy hoạch được phê duyệt")
    assert second.deadline.kind == "relative"
