"""General shapes of directives found by counting over the corpus; every text is made up."""

import pytest

from dieuhanh.extract.pipeline import extract

pytestmark = pytest.mark.pure

PLAN = """ỦY BAN NHÂN DÂN
TỈNH AN GIANG

Số: 71/KH-UBND

An Giang, ngày 12 tháng 02 năm 2026

KẾ HOẠCH
Phòng, chống dịch bệnh trên đàn gia súc

{body}

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lê Văn Bình
"""


def _tasks(body: str, template: str = PLAN):
    return extract(template.format(body=body)).tasks


def test_a_lead_in_opening_with_its_basis_still_hands_out_the_unit_headings_below_it():
    body = """II. PHÂN CÔNG TRÁCH NHIỆM

Căn cứ Chương trình phòng, chống dịch bệnh của Bộ Nông nghiệp và Môi trường và Kế hoạch này, các sở, ngành quán triệt thực hiện trong đơn vị. Đồng thời, yêu cầu các Sở, ban, ngành, địa phương thực hiện các công tác trọng tâm như sau:

1. Sở Tài chính

a) Bố trí kinh phí mua vắc xin cho đàn gia súc.

2. Sở Y tế

- Giám sát bệnh lây từ động vật sang người tại các xã."""
    assert [t.lead for t in _tasks(body)] == ["Sở Tài chính", "Sở Y tế"]


def test_a_basis_heading_still_gives_no_tasks():
    body = """I. CĂN CỨ XÂY DỰNG KẾ HOẠCH

Căn cứ pháp lý:

- Sở Tài chính đã bố trí kinh phí năm 2025 theo Quyết định số 12/QĐ-UBND.

II. NHIỆM VỤ

1. Sở Y tế giám sát bệnh lây từ động vật sang người tại các xã."""
    assert [t.lead for t in _tasks(body)] == ["Sở Y tế"]


LETTER = """BỘ TÀI CHÍNH

Số: 812/BTC-QLCS
V/v góp ý dự thảo Nghị định về quản lý tài sản công

Hà Nội, ngày 03 tháng 3 năm 2026

Kính gửi: Các Bộ, cơ quan ngang Bộ

{body}

KT. BỘ TRƯỞNG
THỨ TRƯỞNG

Trần Văn Nam
"""


def test_a_duty_to_give_an_opinion_is_a_task_but_the_issuers_own_reply_is_not():
    body = """Bộ Tài chính có ý kiến như sau:

1. Đề nghị các Bộ, cơ quan ngang Bộ có ý kiến bằng văn bản về dự thảo Nghị định, gửi Bộ Tài chính trước ngày 20/3/2026."""
    (task,) = _tasks(body, LETTER)
    assert task.lead == "các Bộ, cơ quan ngang Bộ"
    assert task.deadline.date.isoformat() == "2026-03-20"


REPLY = """BỘ TÀI CHÍNH
CỤC THUẾ

Số: 5120/CT-CS
V/v chính sách thuế giá trị gia tăng

Hà Nội, ngày 10 tháng 3 năm 2026

Kính gửi: Hiệp hội Doanh nghiệp nhỏ và vừa Việt Nam

{body}

KT. CỤC TRƯỞNG
PHÓ CỤC TRƯỞNG

Nguyễn Văn An
"""


def test_a_reply_quotes_the_law_to_whoever_asked_and_assigns_only_what_it_names_a_unit_for():
    body = """(Địa chỉ: số 8 P. Tràng Thi, Hà Nội) Cục Thuế nhận được công văn số 25/CV-HH ngày 02/3/2026 của Hiệp hội Doanh nghiệp nhỏ và vừa Việt Nam hỏi về thuế suất. Cục Thuế có ý kiến như sau:

Căn cứ khoản 2 Điều 9 Luật Thuế giá trị gia tăng quy định mức thuế suất 5% áp dụng đối với hàng hóa, dịch vụ sau đây.

Căn cứ quy định trên, hàng hóa của doanh nghiệp thuộc đối tượng áp dụng thuế suất 5%.

Đề nghị Chi cục Thuế khu vực I căn cứ hồ sơ thực tế của doanh nghiệp để hướng dẫn theo quy định."""
    assert [t.lead for t in _tasks(body, REPLY)] == ["Chi cục Thuế khu vực I"]


def test_a_basis_between_the_unit_and_its_verb_without_a_comma_is_not_part_of_the_name():
    body = """III. TỔ CHỨC THỰC HIỆN

Văn phòng Ủy ban nhân dân tỉnh trên cơ sở chức năng, nhiệm vụ được giao theo dõi, đôn đốc việc thực hiện Kế hoạch, báo cáo Chủ tịch Ủy ban nhân dân tỉnh."""
    assert [t.lead for t in _tasks(body)] == ["Văn phòng Ủy ban nhân dân tỉnh"]
