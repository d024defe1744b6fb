"""Header and closing of made-up directives in the layouts converters produce."""

from datetime import date

import pytest

from dieuhanh.extract.header import parse_header

pytestmark = pytest.mark.pure

CONG_VAN_VV = """

**ỦY BAN NHÂN DÂN
XÃ HOÀ BÌNH**

**CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc**

Số: 08 /CV- UBND
V/v tăng cường công tác phòng, chống
dịch bệnh trên địa bàn xã

*Hoà Bình, ngày 03 tháng 9 năm 2026*

Kính gửi:

- Trạm Y tế xã;
- Các thôn trên địa bàn xã.

Thực hiện Công văn số 512/SYT-NVY ngày 28/8/2026 của Sở Y tế về việc phòng, chống dịch;

1. Trạm Y tế xã chủ trì theo dõi tình hình dịch bệnh, báo cáo trước ngày 20 hằng tháng.

Ủy ban nhân dân xã yêu cầu các đơn vị nghiêm túc thực hiện./.

**Nơi nhận:**

- Như trên;
- TT Đảng ủy xã;
- Lưu: VT.

**TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH**

**Lê Văn Minh**
"""

KE_HOACH_TABLE = """**ỦY BAN NHÂN
DÂN **
TỈNH BÌNH MINH
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 215/KH-UBND
|
*Bình Minh, ngày
05 tháng 10 năm 2026*
|


**KẾ HOẠCH**

PHÁT TRIỂN DỮ LIỆU SỐ
TRÊN ĐỊA BÀN TỈNH BÌNH MINH NĂM 2027

Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học;

I. MỤC ĐÍCH, YÊU CẦU

Sở Khoa học và Công nghệ chủ trì triển khai.

|
*Nơi nhận:*
- Bộ Khoa học và Công nghệ;
- Lưu: VT, KT.
|
**TM. ỦY BAN
NHÂN DÂN**
KT. CHỦ TỊCH
**PHÓ CHỦ TỊCH**
**Trần Thị Hoa**
|

**PHỤ LỤC**
*(Kèm theo Kế hoạch số 215/KH-UBND ngày 05/10/2026 của Ủy ban nhân dân tỉnh)*
"""

DEPARTMENT = """UỶ BAN NHÂN DÂN
TỈNH HÀ TĨNH
**SỞ NỘI VỤ**
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
|
Số: 1203/SNV-CCHC
*Về việc rà soát thủ tục hành chính
năm 2026*
|
*Hà Tĩnh, ngày 12 tháng 3 năm 2026*
|
**Kính gửi: **Ủy ban nhân dân các xã, phường
Căn cứ Kế hoạch số 28/KH-UBND ngày 28/01/2026 của UBND tỉnh;
Sở Nội vụ đề nghị các xã rà soát thủ tục hành chính.
|
*Nơi nhận:*
- Như trên;
- Lưu: VT.
|
**KT GIÁM ĐỐC**
PHÓ GIÁM ĐỐC
**Phạm Quốc Bảo**
"""

PIPE_TABLE = """| ỦY BAN NHÂN DÂN THÀNH PHỐ AN PHÚ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
| SỞ TÀI CHÍNH | Độc lập - Tự do - Hạnh phúc |
| Số: 77/STC-QLNS | An Phú, ngày 22/5/2026 |
| HỎA TỐC |  |

**QUYẾT ĐỊNH**

VỀ VIỆC GIAO DỰ TOÁN BỔ SUNG NĂM 2026

**GIÁM ĐỐC SỞ TÀI CHÍNH**

Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;

**QUYẾT ĐỊNH:**

Điều 1. Giao dự toán.

Nơi nhận:
- Như Điều 3;
- Lưu: VT.

GIÁM ĐỐC

Võ Thanh Tùng
"""

CHAIRMAN_DECISION = """**ỦY BAN NHÂN DÂN**
TỈNH LONG SƠN
-------
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
Số: 1500/QĐ-UBND
*Long Sơn, ngày 01 tháng 12 năm 2026*

**QUYẾT ĐỊNH**

VỀ VIỆC BAN HÀNH KẾ HOẠCH KIỂM KÊ TÀI SẢN CÔNG
NĂM 2027

**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LONG SƠN**

*Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;*

**QUYẾT ĐỊNH:**

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch kiểm kê.

Nơi nhận:
- Như Điều 2;
- Lưu: VT.

**KT. CHỦ TỊCH**
PHÓ CHỦ TỊCH
Đỗ Hữu Nghĩa
"""

DRAFT = """
Số: /UBND-VP

Tân An, ngày   tháng 6 năm 2026

V/v triển khai Thông báo số 294/TB-VP ngày 12/6/2026 của Văn phòng UBND tỉnh

Kính gửi: Các phòng, ban thuộc UBND xã.

Chủ tịch UBND xã yêu cầu các phòng, ban thực hiện các nhiệm vụ sau:

1. Văn phòng rà soát hồ sơ.

Nơi nhận:
- Như trên;
- Lưu: VT.

CHỦ TỊCH

Vương Đình Hải
"""

NO_HEADER_TITLE = """**THÔNG BÁO**

KẾT LUẬN CỦA THỦ TƯỚNG CHÍNH PHỦ TẠI BUỔI LÀM VIỆC
VỚI LÃNH ĐẠO TỈNH BẮC SƠN

Ngày 10 tháng 11 năm 2026, Thủ tướng Chính phủ đã làm việc với lãnh đạo tỉnh Bắc Sơn.

1. Bộ Xây dựng chỉ đạo hoàn thành dự án trước ngày 31/12/2026.

*Nơi nhận:*
- Thủ tướng, các Phó Thủ tướng CP;
- Lưu: VT, QHĐP.
|
**KT. BỘ TRƯỞNG,
CHỦ NHIỆM**
**PHÓ CHỦ NHIỆM**
**Hoàng Minh Đức**
"""

NO_HEADER_KINH_GUI = """**Kính gửi:** Các trường
trực thuộc Bộ

Thực hiện Thông báo số 460/TB-VPCP ngày 04/9/2026, Bộ Nông nghiệp và Môi trường (NNMT) đề nghị các trường thực hiện:

1. Rà soát chương trình đào tạo.

Nơi nhận:
- Như trên;
- Lưu: VT.
|
**KT. BỘ TRƯỞNG **
THỨ TRƯỞNG
Lý Thị Mai
|

**PHỤ LỤC**

*(Kèm theo Công văn số 7001/BNNMT-TCCB ngày 02/10/2026 của Bộ Nông nghiệp
và Môi trường)*
"""

# PDF text: every line ends in a space, phrases break across blank lines.
_PDF_LINES = """     KẾ HOẠCH

Chuyển đổi số trên địa bàn xã Yên Lạc năm 2027



Thực hiện Công văn số 3063/SKHCN-CĐS ngày 23/10/2026 của Sở Khoa

học và Công nghệ, Ủy ban nhân dân xã Yên Lạc xây dựng kế hoạch như sau:

I. MỤC TIÊU

Nơi nhận:
- Chủ tịch, các PCT UBND xã;

- Lưu: VT,UBND.

TM. ỦY BAN NHÂN DÂN

KT. CHỦ TỊCH

PHÓ CHỦ TỊCH



         Nguyễn Hữu Tâm

PHỤ LỤC

(Kèm theo Kế hoạch số      /KH-UBND ngày     /11/2026 của UBND xã)
"""
PDF_PLAN = "\n".join(line + " " for line in _PDF_LINES.splitlines()) + "\n"

DATE_FIRST = """**ỦY BAN NHÂN DÂN
XÃ ĐÔNG HƯNG**

**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc**

Số: 1087/UBND-VHXH

*Đông Hưng, ngày 22 tháng 5 năm 2026*

V/v triển khai kết luận của Ban Chỉ đạo về chuyển đổi số và Đề án 06

Kính gửi:

- Công an xã;
- Trung tâm Phục vụ hành chính công xã.

Thực hiện Công văn số 977/UBND-NC ngày 21/5/2026 của UBND thành phố.

MẬT
"""


def test_it_reads_a_cong_van_in_vv_layout():
    h = parse_header(CONG_VAN_VV)
    assert h.issuer == "Ủy ban nhân dân xã Hoà Bình"
    assert h.number == "08/CV-UBND"
    assert h.symbol == "CV-UBND"
    assert h.doc_type == "Công văn"
    assert h.place == "Hoà Bình"
    assert h.date == date(2026, 9, 3)
    assert h.subject == "tăng cường công tác phòng, chống dịch bệnh trên địa bàn xã"
    assert h.recipients[:2] == ("Trạm Y tế xã", "Các thôn trên địa bàn xã")
    assert "TT Đảng ủy xã" in h.recipients
    assert h.signing_authority == "KT."
    assert h.signing_for == "CHỦ TỊCH"
    assert h.signer_title == "PHÓ CHỦ TỊCH"
    assert h.signer == "Lê Văn Minh"
    assert CONG_VAN_VV[h.body_start :].startswith("Thực hiện Công văn")
    assert CONG_VAN_VV[h.body_end :].lstrip("* \n").startswith("Nơi nhận")
    assert h.citations[0].number == "512/SYT-NVY"
    assert h.confidentiality == "thường" and h.urgency == "thường"


def test_it_gives_every_found_field_a_vietnamese_reason():
    h = parse_header(CONG_VAN_VV)
    for name in ("issuer", "number", "date", "subject", "signer", "doc_type"):
        assert h.reasons[name], name
    assert "Số:" in h.reasons["number"]


def test_it_reads_a_plan_with_broken_header_lines_and_title():
    h = parse_header(KE_HOACH_TABLE)
    assert h.issuer == "Ủy ban nhân dân tỉnh Bình Minh"
    assert h.number == "215/KH-UBND"
    assert h.doc_type == "Kế hoạch"
    assert h.date == date(2026, 10, 5)
    assert h.subject == "Phát triển dữ liệu số trên địa bàn tỉnh Bình Minh năm 2027"
    assert h.signer == "Trần Thị Hoa"
    assert h.signing_authority == "KT."
    assert KE_HOACH_TABLE[h.body_start :].startswith("Căn cứ Nghị quyết")


def test_it_names_a_department_with_the_place_of_its_parent():
    h = parse_header(DEPARTMENT)
    assert h.issuer == "Sở Nội vụ tỉnh Hà Tĩnh"
    assert h.parent_issuer == "Uỷ ban nhân dân tỉnh Hà Tĩnh"
    assert h.number == "1203/SNV-CCHC"
    assert h.subject == "Về việc rà soát thủ tục hành chính năm 2026"
    assert h.recipients[0] == "Ủy ban nhân dân các xã, phường"
    assert h.signing_authority == "KT."
    assert h.signing_for == "GIÁM ĐỐC"
    assert h.signer == "Phạm Quốc Bảo"


def test_it_reads_two_columns_flattened_into_a_pipe_table():
    h = parse_header(PIPE_TABLE)
    assert h.issuer == "Sở Tài chính thành phố An Phú"
    assert h.parent_issuer == "Ủy ban nhân dân thành phố An Phú"
    assert h.number == "77/STC-QLNS"
    assert h.date == date(2026, 5, 22)
    assert h.place == "An Phú"
    assert h.urgency == "Hỏa tốc"
    assert h.doc_type == "Quyết định"
    assert h.subject == "Về việc giao dự toán bổ sung năm 2026"
    assert h.signer == "Võ Thanh Tùng"
    assert h.signer_title == "GIÁM ĐỐC"
    assert h.signing_authority is None


def test_it_names_the_chairman_when_he_issues_the_decision():
    h = parse_header(CHAIRMAN_DECISION)
    assert h.issuer == "Chủ tịch Ủy ban nhân dân tỉnh Long Sơn"
    assert h.doc_type == "Quyết định"
    assert h.subject == "Về việc ban hành Kế hoạch kiểm kê tài sản công năm 2027"
    assert CHAIRMAN_DECISION[h.body_start :].startswith("*Căn cứ Luật")
    assert h.signer == "Đỗ Hữu Nghĩa"


def test_it_leaves_blank_number_and_day_of_a_draft_empty():
    h = parse_header(DRAFT)
    assert h.number is None
    assert h.symbol == "UBND-VP"
    assert h.date is None
    assert (h.month, h.year) == (6, 2026)
    assert h.issuer == "UBND xã Tân An"
    assert h.signer == "Vương Đình Hải"
    assert h.signer_title == "CHỦ TỊCH"
    assert "để trống" in h.reasons["number"]


def test_it_reads_a_notice_that_starts_at_its_title():
    h = parse_header(NO_HEADER_TITLE)
    assert h.doc_type == "Thông báo"
    assert h.number is None and h.date is None
    assert h.subject.startswith("Kết luận của Thủ tướng Chính phủ tại buổi làm việc")
    assert h.issuer == "Văn phòng Chính phủ"
    assert h.signing_for == "BỘ TRƯỞNG, CHỦ NHIỆM"
    assert h.signer == "Hoàng Minh Đức"


def test_it_takes_number_and_date_from_the_appendix_caption_when_the_header_is_lost():
    h = parse_header(NO_HEADER_KINH_GUI)
    assert h.number == "7001/BNNMT-TCCB"
    assert h.date == date(2026, 10, 2)
    assert h.doc_type == "Công văn"
    assert h.issuer == "Bộ Nông nghiệp và Môi trường"
    assert h.recipients[0] == "Các trường trực thuộc Bộ"
    assert h.subject is None
    assert h.signer == "Lý Thị Mai"


def test_it_reads_a_pdf_plan_without_header_block():
    h = parse_header(PDF_PLAN)
    assert h.doc_type == "Kế hoạch"
    assert h.subject == "Chuyển đổi số trên địa bàn xã Yên Lạc năm 2027"
    assert h.issuer == "Ủy ban nhân dân xã Yên Lạc"  # as the plan names itself
    assert h.number is None and h.symbol == "KH-UBND"
    assert h.date is None and h.month == 11
    assert h.signer == "Nguyễn Hữu Tâm"
    assert PDF_PLAN[h.body_start :].startswith("Thực hiện Công văn")


def test_it_reads_the_subject_after_the_date_line():
    h = parse_header(DATE_FIRST)
    assert h.date == date(2026, 5, 22)
    assert h.subject.startswith("triển khai kết luận của Ban Chỉ đạo")
    assert h.recipients == ("Công an xã", "Trung tâm Phục vụ hành chính công xã")


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Hà Nội, ngày 22/5/2026", date(2026, 5, 22)), ("Hà Nội, ngày 07 tháng 01 năm 2027", date(2027, 1, 7))],
)
def test_it_reads_numeric_and_worded_dates(line, expected):
    h = parse_header(f"Số: 12/UBND-VP\n{line}\nV/v kiểm tra\n\nNội dung.\n")
    assert h.date == expected
    assert h.place == "Hà Nội"


def test_it_reads_stamps_of_secrecy_and_urgency():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH NAM AN\nMẬT\nTHƯỢNG KHẨN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 3/UBND-NC\n"
    )
    h = parse_header(text)
    assert h.confidentiality == "Mật"
    assert h.urgency == "Thượng khẩn"
    assert h.issuer == "Ủy ban nhân dân tỉnh Nam An"


def test_it_does_not_take_a_name_in_noi_nhan_as_signer():
    text = CONG_VAN_VV.replace("- TT Đảng ủy xã;", "- Ông Trần Văn Bình;")
    assert parse_header(text).signer == "Lê Văn Minh"


def test_it_survives_text_without_any_header():
    h = parse_header("Các đơn vị rà soát hồ sơ.\n")
    assert h.issuer is None and h.number is None and h.signer is None
    assert h.doc_type == "Công văn"
    assert h.body_start == 0


def test_it_reads_a_long_document():
    text = KE_HOACH_TABLE.replace(
        "Sở Khoa học và Công nghệ chủ trì triển khai.", "Sở chủ trì triển khai. " * 1300
    )
    assert len(text) > 30000
    assert parse_header(text).issuer is not None


@pytest.mark.parametrize("blank_lines", [0, 59, 61, 300])
def test_it_finds_a_header_below_many_blank_lines(blank_lines):
    # Converters sometimes put hundreds of empty lines (page breaks, empty table rows) first.
    h = parse_header("\n" * blank_lines + CONG_VAN_VV)
    assert h.number == "08/CV-UBND"
    assert h.date == date(2026, 9, 3)


CRAWLED_VV = """**BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG**
-------
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
|
Số: 4521/BNNMT-KH.TC
*V/v hoàn thiện hồ sơ Dự án hồ chứa nước
Ea Krông và Dự án kè sông Cầu Đỏ giai đoạn 2*
|
*Hà Nội, ngày 14
tháng 10 năm 2026*
|
**Kính gửi:** Ủy ban nhân dân tỉnh Đông Sơn.
Bộ Nông nghiệp và Môi trường đề nghị Ủy ban nhân dân tỉnh hoàn thiện hồ sơ.
|
Nơi nhận:
- Như trên;
- Lưu: VT, KH.
|
**KT. BỘ TRƯỞNG**
THỨ TRƯỞNG
**Đặng
Quốc Khánh**
|
"""


def test_it_reads_a_subject_in_italics_across_a_capitalised_line_then_the_date():
    h = parse_header(CRAWLED_VV)
    assert h.subject == ("hoàn thiện hồ sơ Dự án hồ chứa nước Ea Krông và Dự án kè sông Cầu Đỏ giai đoạn 2")
    assert (h.place, h.date) == ("Hà Nội", date(2026, 10, 14))
    assert h.recipients[0] == "Ủy ban nhân dân tỉnh Đông Sơn"


def test_it_keeps_a_dot_inside_the_symbol():
    assert parse_header(CRAWLED_VV).number == "4521/BNNMT-KH.TC"


def test_it_joins_a_signer_name_broken_inside_bold():
    h = parse_header(CRAWLED_VV)
    assert (h.signer, h.signer_title) == ("Đặng Quốc Khánh", "THỨ TRƯỞNG")


def test_a_subject_ending_in_so_does_not_swallow_the_date_line():
    text = (
        "UBND XÃ AN THỊNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 77/UBND-VP\nV/v đẩy mạnh chuyển đổi số\nAn Thịnh, ngày 02 tháng 3 năm 2026\n"
        "Kính gửi: Các thôn.\nỦy ban nhân dân xã đề nghị các thôn thực hiện.\n"
    )
    h = parse_header(text)
    assert (h.subject, h.date) == ("đẩy mạnh chuyển đổi số", date(2026, 3, 2))


def test_it_reads_a_party_numbered_caption_and_not_a_cited_one():
    text = (
        "**HƯỚNG DẪN**\n**VỀ CÔNG TÁC TUYÊN TRUYỀN NĂM 2027**\n"
        "Thực hiện Quy chế (ban hành kèm theo Quyết định số 55-QĐ/BTG, ngày 02/3/2026 của Ban Tuyên giáo), "
        "Ban Tuyên giáo Tỉnh ủy hướng dẫn như sau:\n1. Các huyện ủy tổ chức quán triệt.\n"
        "**PHỤ LỤC**\n*(Kèm theo Hướng dẫn số 14-HD/BTG, ngày 20/11/2026 của Ban Tuyên giáo\nTỉnh ủy)*\n"
    )
    h = parse_header(text)
    assert (h.number, h.date) == ("14-HD/BTG", date(2026, 11, 20))
    assert h.issuer == "Ban Tuyên giáo Tỉnh ủy"


def test_the_authority_of_a_decision_may_break_across_lines():
    text = CHAIRMAN_DECISION.replace(
        "**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LONG SƠN**", "**CHỦ TỊCH ỦY BAN NHÂN DÂN\nTỈNH LONG SƠN**"
    )
    assert parse_header(text).issuer == "Chủ tịch Ủy ban nhân dân tỉnh Long Sơn"


@pytest.mark.parametrize(
    ("opening", "issuer"),
    [
        (
            "Thực hiện chỉ đạo của Chính phủ, Ủy ban nhân dân (UBND) tỉnh Hòa Sơn yêu cầu",
            "Ủy ban nhân dân tỉnh Hòa Sơn",
        ),
        (
            "Theo Kết luận số 12-KL/TW, Hội đồng thi đua khen thưởng các cấp của ngành giáo dục (sau đây "
            "gọi tắt là Hội đồng) đề nghị",
            "Hội đồng thi đua khen thưởng các cấp của ngành giáo dục",
        ),
        (
            "Về vướng mắc nêu tại công văn của Công ty, Chi cục Hải quan Bắc Hà trả lời",
            "Chi cục Hải quan Bắc Hà",
        ),
        ("Trả lời công văn của Công ty, Cục Kiểm định Bắc Hà có ý kiến", "Cục Kiểm định Bắc Hà"),
        ("Chi cục Thuế Nam Sơn đã nhận được", "Chi cục Thuế Nam Sơn"),
        (
            "Thực hiện chủ trương của Chính phủ, Cục Hàng\nhải Bắc Hà xin trân trọng thông báo",
            "Cục Hàng hải Bắc Hà",
        ),
    ],
)
def test_a_page_without_its_header_is_issued_by_the_body_that_names_itself(opening, issuer):
    text = (
        f"**Kính gửi:** Các đơn vị trực thuộc.\n{opening} các đơn vị thực hiện như sau:\n1. Rà soát hồ sơ.\n"
    )
    assert parse_header(text).issuer == issuer


PARTY_GUIDE = """TỈNH ỦY BÌNH MINH
**BAN DÂN VẬN**
*
|
**ĐẢNG CỘNG SẢN VIỆT NAM**
---------------
|
Số 08-HD/BDVTU
|
*Bình Minh, ngày 09 tháng 4 năm 2026*
|
**HƯỚNG DẪN**
VỀ CÔNG TÁC DÂN VẬN NĂM 2026
Căn cứ Quy định số 12-QĐ/TU, ngày 02/3/2026; Số 3/2026 thôn bản đã hoàn thành.
|
*Nơi nhận:*
- Các huyện ủy,
- Lưu VP.
|
**K/T TRƯỞNG BAN**
PHÓ TRƯỞNG BAN
**Lò Văn Sáng**
"""


def test_it_reads_a_party_document():
    h = parse_header(PARTY_GUIDE)
    assert (h.issuer, h.parent_issuer) == ("Ban Dân vận Tỉnh ủy Bình Minh", "Tỉnh ủy Bình Minh")
    assert (h.number, h.date, h.doc_type) == ("08-HD/BDVTU", date(2026, 4, 9), "Hướng dẫn")
    assert (h.signer, h.signing_authority, h.signer_title) == ("Lò Văn Sáng", "KT.", "PHÓ TRƯỞNG BAN")


def test_a_number_without_colon_inside_a_sentence_is_no_document_number():
    text = "**Kính gửi:** Các sở.\nThực hiện các Nghị định số 15/2026/NĐ-CP; Số\n21/2026/NĐ-CP ngày 02/02/2026.\n"
    assert parse_header(text).number is None


PAGE_INFO_CELLS = """Số hiệu:
|
145/CĐ-TTg
|
Loại văn bản:
|
Công điện
|
Nơi ban hành:
|
Thủ tướng Chính phủ
|
Người ký:
|
Trần Văn Bình
|
Ngày ban hành:
|
03/08/2026
|
Ngày hiệu lực:
|
Đã biết
|
**CÔNG ĐIỆN**
VỀ VIỆC CHỦ ĐỘNG ỨNG PHÓ BÃO SỐ 3
**THỦ TƯỚNG CHÍNH PHỦ điện:**
- Chủ tịch Ủy ban nhân dân các tỉnh ven biển;
- Bộ trưởng Bộ Quốc phòng.
Bộ Quốc phòng chủ trì chuẩn bị lực lượng cứu hộ.
"""

PAGE_INFO_ROWS = """| Số hiệu: | 27/2026/TT-BXD | Loại văn bản: | Thông tư |
| Nơi ban hành: | Bộ Xây dựng | Người ký: | Đang cập nhật |
| Ngày ban hành: | 15/06/2026 | Ngày hiệu lực: | Đã biết |
Kính gửi: Các sở xây dựng.
Bộ Xây dựng đề nghị các sở rà soát quy hoạch.
"""


def test_the_page_info_block_gives_what_the_lost_header_would():
    h = parse_header(PAGE_INFO_CELLS)
    assert (h.number, h.symbol, h.doc_type) == ("145/CĐ-TTg", "CĐ-TTg", "Công điện")
    assert (h.issuer, h.signer, h.date) == ("Thủ tướng Chính phủ", "Trần Văn Bình", date(2026, 8, 3))
    assert h.subject == "Về việc chủ động ứng phó bão số 3"
    assert "Nơi ban hành" not in PAGE_INFO_CELLS[h.body_start :]


def test_the_page_info_block_in_table_rows_and_its_unknown_values():
    h = parse_header(PAGE_INFO_ROWS)
    assert (h.number, h.issuer, h.date, h.signer) == (
        "27/2026/TT-BXD",
        "Bộ Xây dựng",
        date(2026, 6, 15),
        None,
    )
    assert PAGE_INFO_ROWS[h.body_start :].startswith("Bộ Xây dựng đề nghị")


def test_the_document_own_header_wins_over_the_page_info_block():
    h = parse_header(PAGE_INFO_ROWS.replace("Kính gửi", "Số: 28/2026/TT-BXD\nKính gửi"))
    assert h.number == "28/2026/TT-BXD"


PORTAL = """UBND XÃ TÂN PHÚ
Số: 31 /CV- UBND
V/v rà soát hộ nghèo, hộ cận nghèo
năm 2026 trên địa bàn xã
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tân Phú, ngày 11 tháng 5 năm 2026
Kính gửi: Các thôn, tổ dân phố.
Ủy ban nhân dân xã đề nghị các thôn rà soát danh sách hộ nghèo.
"""


def test_it_reads_a_portal_page_that_prints_the_left_column_first():
    h = parse_header(PORTAL)
    assert (h.issuer, h.number) == ("UBND xã Tân Phú", "31/CV-UBND")
    assert h.subject == "rà soát hộ nghèo, hộ cận nghèo năm 2026 trên địa bàn xã"
    assert (h.date, h.recipients) == (date(2026, 5, 11), ("Các thôn, tổ dân phố",))
    assert PORTAL[h.body_start :].startswith("Ủy ban nhân dân xã đề nghị")


def test_it_reads_a_title_and_its_subject_on_one_line():
    text = CHAIRMAN_DECISION.replace(
        "**QUYẾT ĐỊNH**\n\nVỀ VIỆC BAN HÀNH KẾ HOẠCH KIỂM KÊ TÀI SẢN CÔNG\nNĂM 2027",
        "QUYẾT ĐỊNH Về việc ban hành kế hoạch kiểm kê tài sản công năm 2027",
    )
    h = parse_header(text)
    assert (h.doc_type, h.subject) == (
        "Quyết định",
        "Về việc ban hành kế hoạch kiểm kê tài sản công năm 2027",
    )
    assert h.issuer == "Chủ tịch Ủy ban nhân dân tỉnh Long Sơn"


# As typed in TCVN3: lines set in a capital font (".VnTimeH") hold lower-case letters, and the
# converted text keeps them in lower case (TCVN3 has no capital toned letters at all).
TCVN3_TYPED = """ủy ban nhân dân
xã hòa bình
cộng hòa xã hội chủ nghĩa việt nam
Độc lập - Tự do - Hạnh phúc
Số: 45/KH-UBND
Hòa Bình, ngày 12 tháng 3 năm 2026

kế hoạch
triển khai chuyển đổi số trên địa bàn xã năm 2026

Căn cứ Kế hoạch số 20/KH-UBND ngày 02/02/2026 của UBND huyện;
1. Công an xã chủ trì rà soát dữ liệu dân cư, hoàn thành trước ngày 30/6/2026.

Nơi nhận:
- Như trên;
- Lưu: VT.

tm. ủy ban nhân dân
kt. chủ tịch
phó chủ tịch
nguyễn văn bình
"""


def test_it_reads_a_header_whose_capitals_were_lost_in_tcvn3_conversion():
    from dieuhanh.extract.load import load_bytes
    from tests.extract.fixtures_build import encode_tcvn3

    loaded = load_bytes(encode_tcvn3(TCVN3_TYPED), "kh.txt")
    assert loaded.encoding == "tcvn3"
    h = parse_header(loaded.text)
    assert (h.issuer, h.doc_type) == ("Ủy ban nhân dân xã Hòa Bình", "Kế hoạch")
    assert h.subject == "Triển khai chuyển đổi số trên địa bàn xã năm 2026"
    assert (h.signer, h.signing_authority, h.signer_title) == ("Nguyễn Văn Bình", "KT.", "PHÓ CHỦ TỊCH")
    assert loaded.text[h.body_start :].startswith("Căn cứ Kế hoạch")


def test_a_subject_in_capitals_takes_the_capitals_the_document_gives_its_words():
    text = (
        "**CÔNG ĐIỆN**\nVỀ ỨNG PHÓ BÃO TẠI KHU VỰC NAM TRUNG BỘ VÀ TỈNH ĐÔNG SƠN\n"
        "**THỦ TƯỚNG CHÍNH PHỦ điện:**\n- Chủ tịch Ủy ban nhân dân tỉnh Đông Sơn.\n"
        "Bão đang vào khu vực Nam Trung Bộ; Thủ tướng Chính phủ yêu cầu tỉnh Đông Sơn sơ tán dân, "
        "các bộ hỗ trợ.\n"
    )
    assert parse_header(text).subject == "Về ứng phó bão tại khu vực Nam Trung Bộ và tỉnh Đông Sơn"


def test_a_vv_subject_makes_a_cong_van_whatever_its_symbol_opens_with():
    text = (
        "BỘ TÀI CHÍNH\nCỤC THUẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 812/CT-CS\nV/v chính sách thuế thu nhập cá nhân\nHà Nội, ngày 04 tháng 5 năm 2026\n"
        "Kính gửi: Công ty TNHH Bình An.\nCục Thuế có ý kiến như sau:\n"
    )
    assert parse_header(text).doc_type == "Công văn"


def test_a_title_broken_inside_its_bold_run_and_a_head_broken_across_lines():
    text = (
        "**ỦY\nBAN NHÂN DÂN**\nTỈNH LONG SƠN\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 07/2026/QĐ-UBND\n*Long Sơn, ngày 02 tháng 2 năm 2026*\n"
        "**QUYẾT\nĐỊNH**\nBÃI BỎ QUYẾT ĐỊNH SỐ 12/2024/QĐ-UBND CỦA ỦY BAN NHÂN DÂN TỈNH\n"
        "**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH**\n*Căn cứ Luật Tổ chức chính quyền địa phương;*\n"
    )
    h = parse_header(text)
    assert (h.doc_type, h.issuer) == ("Quyết định", "Chủ tịch Ủy ban nhân dân tỉnh Long Sơn")
    assert h.subject.startswith("Bãi bỏ quyết định số 12/2024/QĐ-UBND")
    assert text[h.body_start :].startswith("*Căn cứ Luật")


def test_the_type_comes_from_the_first_lettered_part_of_the_symbol():
    text = "UBND TỈNH LONG SƠN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 09/2026/QĐ-UBND\nCăn cứ Luật.\n"
    assert parse_header(text).doc_type == "Quyết định"


def test_a_decision_without_noi_nhan_is_signed_before_its_long_appendix():
    appendix = "\n".join(f"| {n} | Thủ tục cấp phép số {n} | Sở Xây dựng |" for n in range(1, 120))
    text = (
        CHAIRMAN_DECISION.replace("Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n", "") + "\n**PHỤ LỤC**\n" + appendix
    )
    h = parse_header(text)
    assert (h.signer, h.signer_title) == ("Đỗ Hữu Nghĩa", "PHÓ CHỦ TỊCH")
    assert text[h.body_end :].startswith("**KT. CHỦ TỊCH**")


def test_the_issuer_as_the_document_names_itself_wins_over_the_page_info_block():
    text = PAGE_INFO_ROWS.replace("Bộ Xây dựng đề nghị", "Ủy ban nhân dân Thành phố đề nghị")
    assert parse_header(text).issuer == "Ủy ban nhân dân Thành phố"


def test_an_agency_head_broken_across_lines_is_one_name():
    text = NO_HEADER_TITLE.replace(
        "**THÔNG BÁO**", "**VĂN\nPHÒNG CHÍNH PHỦ**\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n**THÔNG BÁO**"
    )
    h = parse_header(text)
    assert (h.issuer, h.parent_issuer) == ("Văn phòng Chính phủ", None)


@pytest.mark.parametrize(
    ("lines", "issuer", "parent"),
    [
        ("CHỦ TỊCH ỦY\nBAN NHÂN DÂN\nTỈNH ĐÔNG SƠN", "Chủ tịch Ủy ban nhân dân tỉnh Đông Sơn", None),
        ("BỘ VĂN HÓA, THỂ\nTHAO\nVÀ DU LỊCH", "Bộ Văn hóa, Thể thao và Du lịch", None),
        ("CỤC THUẾ\nTHUẾ TỈNH ĐÔNG SƠN", "Thuế tỉnh Đông Sơn", "Cục Thuế"),
    ],
)
def test_issuer_lines_broken_anywhere_are_read_as_names(lines, issuer, parent):
    text = f"{lines}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 15/QĐ-CT\n"
    h = parse_header(text)
    assert (h.issuer, h.parent_issuer) == (issuer, parent)


def test_a_name_broken_after_two_words_inside_bold_is_joined():
    text = CRAWLED_VV.replace("**Đặng\nQuốc Khánh**", "**Đặng Quốc\nKhánh**")
    assert parse_header(text).signer == "Đặng Quốc Khánh"


def test_a_symbol_broken_after_its_separator():
    text = CHAIRMAN_DECISION.replace("Số: 1500/QĐ-UBND", "Số: 1500/QĐ-\nUBND")
    h = parse_header(text)
    assert (h.number, h.date) == ("1500/QĐ-UBND", date(2026, 12, 1))


PARTY_CONCLUSION = """BAN CHẤP HÀNH
TRUNG ƯƠNG
**BAN KINH TẾ**
*
|
**ĐẢNG CỘNG SẢN VIỆT NAM**
|
Số 15-KL/BKTTW
|
*Hà Nội, ngày 02 tháng 3 năm 2026*
|

**KẾT LUẬN**

CỦA ĐỒNG CHÍ TRƯỞNG BAN KINH TẾ TRUNG ƯƠNG

TẠI HỘI NGHỊ SƠ KẾT CÔNG TÁC NĂM 2025

-----

Hội nghị sơ kết công tác năm 2025 đã đánh giá kết quả của các ban đảng. Đồng chí Trưởng Ban Kinh tế
Trung ương kết luận như sau:
"""


def test_a_conclusion_subject_names_its_type_and_goes_on_across_blank_lines():
    h = parse_header(PARTY_CONCLUSION)
    assert h.doc_type == "Kết luận"
    assert h.subject == (
        "Kết luận của đồng chí Trưởng Ban Kinh tế Trung ương tại Hội nghị sơ kết công tác năm 2025"
    )
    assert PARTY_CONCLUSION[h.body_start :].lstrip("-\n").startswith("Hội nghị sơ kết")


def test_a_vv_under_the_title_of_a_cong_dien_is_not_part_of_its_subject():
    text = (
        "**CÔNG ĐIỆN**\nV/V CHỦ ĐỘNG PHÒNG, CHỐNG RÉT ĐẬM\n**THỦ TƯỚNG CHÍNH PHỦ điện:**\n"
        "- Chủ tịch Ủy ban nhân dân các tỉnh.\nRét đậm kéo dài ở các tỉnh.\n"
    )
    assert parse_header(text).subject == "Chủ động phòng, chống rét đậm"


def test_a_subject_in_capitals_is_recased_by_the_words_beside_each_word():
    text = (
        "**QUYẾT ĐỊNH**\nVỀ VIỆC CÔNG BỐ THỦ TỤC THUỘC PHẠM VI CỦA BỘ CHÍNH TRỊ, SỞ KHOA HỌC VÀ CÔNG NGHỆ "
        "VÀ CÁC XÃ, PHƯỜNG\n**BỘ TRƯỞNG**\nCăn cứ ý kiến của các bộ, ngành; theo đề nghị của Sở Khoa học "
        "và Công nghệ.\nĐiều 1. Công bố kèm theo Quyết định này thủ tục thuộc phạm vi quản lý của Bộ Chính "
        "trị; Phường An Bình, Phường Tây Sơn, Phường Đông Hà gửi các xã, phường để công khai.\n"
    )
    assert parse_header(text).subject == (
        "Về việc công bố thủ tục thuộc phạm vi của Bộ Chính trị, Sở Khoa học và Công nghệ và các xã, phường"
    )


@pytest.mark.parametrize(
    ("block", "authority", "signing_for", "title", "signer"),
    [
        (
            "**TL. CỤC\nTRƯỞNG**\nTRƯỞNG BAN PHÁP CHẾ\n**Trần\nVăn Hùng**",
            "TL.",
            "CỤC TRƯỞNG",
            "TRƯỞNG BAN PHÁP CHẾ",
            "Trần Văn Hùng",
        ),
        (
            "**KT.\nGIÁM ĐỐC**\n**PHÓ\nGIÁM ĐỐC**\nĐinh Thị Lan",
            "KT.",
            "GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Đinh Thị Lan",
        ),
        (
            "**T/M ỦY\nBAN NHÂN DÂN**\nCHỦ TỊCH\n**Hà Văn Sơn**",
            "TM.",
            "ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Hà Văn Sơn",
        ),
        (
            "**TỔNG THANH TRA\nCHÍNH PHỦ**\n**Vũ Đức\nThành**",
            None,
            None,
            "TỔNG THANH TRA CHÍNH PHỦ",
            "Vũ Đức Thành",
        ),
        (
            "TRƯỞNG BAN KẾ HOẠCH,\nTÀI CHÍNH\n**Lê Thu\nH****à**",
            None,
            None,
            "TRƯỞNG BAN KẾ HOẠCH, TÀI CHÍNH",
            "Lê Thu Hà",
        ),
        (
            "**KT. TRƯỞNG BAN QUẢN LÝ **\nVỀ XUẤT NHẬP KHẨU PHÓ TRƯỞNG BAN\n**Mai Văn Tú**",
            "KT.",
            "TRƯỞNG BAN QUẢN LÝ VỀ XUẤT NHẬP KHẨU",
            "PHÓ TRƯỞNG BAN",
            "Mai Văn Tú",
        ),
    ],
)
def test_a_signature_block_broken_across_lines_is_read_whole(block, authority, signing_for, title, signer):
    text = f"{CRAWLED_VV.split('Nơi nhận')[0]}Nơi nhận:\n- Như trên;\n- Lưu: VT.\n|\n{block}\n|\n"
    h = parse_header(text)
    assert (h.signing_authority, h.signing_for, h.signer_title, h.signer) == (
        authority,
        signing_for,
        title,
        signer,
    )


def test_a_kinh_gui_label_broken_after_kinh_and_a_name_closed_on_the_next_line():
    text = (
        "**Kính\ngửi:** Công ty TNHH\nThương mại Hòa Phát.\n"
        "Trả lời công văn số 12/CV-HP của Công ty, Chi cục Hải quan Bắc Hà có ý kiến như sau:\n"
        "1. Công ty thực hiện theo quy định.\n"
    )
    h = parse_header(text)
    assert h.recipients == ("Công ty TNHH Thương mại Hòa Phát",)
    assert text[h.body_start :].startswith("Trả lời công văn")


def test_noi_nhan_items_broken_across_lines_notes_and_two_on_one_bullet():
    closing = (
        "Nơi nhận:\n- Ban Thi đua - Khen thưởng Trung ương\n(b/c);\n- Văn phòng các Bộ, cơ quan thuộc\n"
        "Chính phủ;\n- Văn phòng Ủy ban Trung ương Mặt trận Tổ\nquốc Việt Nam;\n- TT. Tỉnh ủy; TT. HĐND tỉnh;\n"
        "- Sở Nội vụ; (Báo cáo)\n- Lưu: VT.\n|\n**CHỦ TỊCH**\n**Hà Văn Sơn**\n"
    )
    text = f"{CRAWLED_VV.split('Nơi nhận')[0]}{closing}"
    assert parse_header(text).recipients[-6:] == (
        "Ban Thi đua - Khen thưởng Trung ương (b/c)",
        "Văn phòng các Bộ, cơ quan thuộc Chính phủ",
        "Văn phòng Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        "TT. Tỉnh ủy",
        "TT. HĐND tỉnh",
        "Sở Nội vụ",
    )


@pytest.mark.parametrize(
    ("head", "issuer"),
    [
        (
            "Trưởng Ban Chỉ đạo phòng, chống thiên tai tỉnh Đông Sơn",
            "Ban Chỉ đạo phòng, chống thiên tai tỉnh Đông Sơn",
        ),
        ("Bộ trưởng Bộ Y tế", "Bộ Y tế"),
        ("Chủ tịch Ủy ban nhân dân tỉnh Đông Sơn", "Chủ tịch Ủy ban nhân dân tỉnh Đông Sơn"),
    ],
)
def test_a_head_named_in_the_caption_of_a_page_without_header_gives_the_body(head, issuer):
    text = (
        "**QUY CHẾ**\n**Hoạt động của Tổ giúp việc**\n"
        f"*(Ban hành kèm theo Quyết định số 45/QĐ-BCĐ ngày 02/3/2026 của {head})*\n"
        "Điều 1. Phạm vi điều chỉnh\n"
    )
    assert parse_header(text).issuer == issuer


def test_a_page_without_title_is_the_type_its_body_calls_itself_unless_it_opens_as_a_letter():
    decision = "Điều 1. Phạm vi điều chỉnh\nQuyết định này quy định định mức xe chuyên dùng.\n"
    assert parse_header(decision).doc_type == "Quyết định"
    letter = f"**Kính gửi:** Các sở, ngành.\n{decision}"
    assert parse_header(letter).doc_type == "Công văn"
