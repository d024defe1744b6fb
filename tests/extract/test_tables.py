"""Appendix task tables in three layouts, mapped by what their headers say."""

import pytest

from dieuhanh.extract.normalize import physical_lines
from dieuhanh.extract.tables import column_roles, find_tables

pytestmark = pytest.mark.pure


def _only_table(text: str):
    (found,) = find_tables(physical_lines(text))
    return found[2]


def test_columns_are_named_by_header_meaning():
    header = [
        "STT",
        "Tên nhiệm vụ",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời hạn",
        "Sản phẩm",
        "Kinh phí (triệu đồng)",
        "Nguồn vốn",
    ]
    assert column_roles(header) == ("tt", "task", "lead", "coord", "time", "result", "budget", "source")


def test_a_row_per_line_pipe_table_with_a_separator_row():
    text = """| TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Số hóa hồ sơ địa chính | Phòng Kinh tế | Văn phòng HĐND và UBND xã | Quý III/2026 |
| 2 | Lắp đặt camera an ninh | Công an xã | Các thôn | Tháng 10/2026 |"""
    table = _only_table(text)
    assert table.is_task_list
    assert [r.get("lead") for r in table.rows] == ["Phòng Kinh tế", "Công an xã"]
    assert table.rows[1].get("time") == "Tháng 10/2026"
    start, end = table.rows[0].cells["task"].start, table.rows[0].cells["task"].end
    assert text[start:end] == "Số hóa hồ sơ địa chính"


def test_a_cell_per_line_web_table_with_merged_cells_and_group_rows():
    text = """|
**TT**
|
**Nhiệm vụ**
|
**Cơ quan chủ trì**
|
**Cơ quan phối hợp**
|
**Thời gian hoàn thành**
|
|
**I**
|
**Hạ tầng số**
|
|
1
|
Nâng cấp mạng nội bộ
tại trụ sở xã
|
Văn phòng HĐND và UBND xã
|
Phòng Văn hóa - Xã hội
|
Quý IV/2026
|
|
Mua sắm máy chủ dự phòng
|
Phòng Kinh tế
|
|
2
|
Tập huấn kỹ năng số
|
Phòng Văn hóa - Xã hội
|
Các thôn
|
Năm 2026
|"""
    table = _only_table(text)
    rows = table.rows
    assert [r.get("task") for r in rows] == [
        "Nâng cấp mạng nội bộ tại trụ sở xã",
        "Mua sắm máy chủ dự phòng",
        "Tập huấn kỹ năng số",
    ]
    assert rows[0].group == "I Hạ tầng số"
    assert rows[1].get("lead") == "Phòng Kinh tế"
    assert rows[1].get("time") == "Quý IV/2026"  # merged cell inherited from the numbered row
    assert "time" in rows[1].inherited


def test_a_table_without_a_lead_column_is_not_a_task_list():
    text = """| STT | Tên mỏ | Diện tích (ha) | Ghi chú |
| 1 | Mỏ đá Núi Cao | 12,5 | |
| 2 | Mỏ cát Sông Đáy | 3,2 | |"""
    assert not _only_table(text).is_task_list


def test_a_table_flattened_by_pdf_extraction_is_rebuilt():
    text = """TT Nội dung công việc Kết quả cần đạt
Thời gian
hoàn thành
Đơn vị chủ
trì
Đơn vị phối
hợp
Kinh
phí
(trđ)
Nguồn
vốn
1
Số hóa hồ sơ lưu trữ
của xã
Số hóa toàn bộ 100% hồ sơ lưu trữ từ năm 2015
Quý II/
2026
Văn phòng
HĐND và UBND xã
Phòng Kinh tế
450
Ngân
sách xã
2 Tuyên truyền chuyển đổi số
Đưa tin trên hệ thống truyền thanh hằng tuần tới các thôn
Năm 2026
Phòng Văn
hóa - Xã hội
Các thôn
"""
    table = _only_table(text)
    assert table.layout == "flat"
    first, second = table.rows
    assert first.get("task") == "Số hóa hồ sơ lưu trữ của xã"
    assert first.get("time") == "Quý II/ 2026"
    assert first.get("lead").startswith("Văn phòng HĐND và UBND xã")
    assert first.get("budget") == "450"
    assert first.get("source") == "Ngân sách xã"
    assert second.get("task") == "Tuyên truyền chuyển đổi số"
    assert second.get("time") == "Năm 2026"


def test_bars_that_only_draw_the_page_layout_are_not_a_table():
    text = "|\n**ỦY BAN NHÂN DÂN**\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\n|\nSố: 12/UBND\n|"
    assert find_tables(physical_lines(text)) == []


def test_a_header_row_glued_to_the_caption_cell_before_it():
    text = """|
*(Kèm theo Kế hoạch số 15/KH-UBND ngày 02/3/2026 của UBND xã)*
|
**TT**
|
**Nội dung thực
hiện**
|
**Cơ quan chủ trì**
|
**Thời gian**
|
|
1
|
Số hóa hồ sơ hộ tịch
|
Công an xã
|
Quý III/2026
|"""
    table = _only_table(text)
    assert table.roles == ("tt", "task", "lead", "time")
    (row,) = table.rows
    assert (row.get("task"), row.get("lead"), row.get("time")) == (
        "Số hóa hồ sơ hộ tịch",
        "Công an xã",
        "Quý III/2026",
    )


@pytest.mark.parametrize(
    ("header", "roles"),
    [
        (["TT", "Nội dung thực hiện", "Đơn vị chủ trì"], ("tt", "task", "lead")),
        (["TT", "Nhiệm vụ", "Lãnh đạo chịu trách nhiệm", "Cơ quan thực hiện"], ("tt", "task", "", "lead")),
    ],
)
def test_content_and_person_columns_do_not_take_the_lead_role(header, roles):
    assert column_roles(header) == roles


@pytest.mark.parametrize(
    "header",
    [
        "| TT | Tên thủ tục hành chính | Thời hạn giải quyết | Địa điểm thực hiện | Phí, lệ phí |",
        "| Bước | Nội dung công việc | Đơn vị/người thực hiện | Thời gian thực hiện |",
        "| STT | Họ và tên | Chức vụ | Đơn vị công tác |",
    ],
)
def test_procedure_catalogues_and_lists_of_people_are_not_task_lists(header):
    text = header + "\n| 1 | Cấp giấy phép xây dựng | Công an xã | 15 ngày | Không |"
    assert not _only_table(text).is_task_list


def test_a_row_that_lost_a_merged_middle_cell_keeps_its_lead_and_time():
    text = """| TT | Nhiệm vụ | Văn bản giao | Đơn vị chủ trì | Thời hạn |
| 1 | Lập danh mục dữ liệu dùng chung | Kế hoạch số 5/KH-UBND | Phòng Kinh tế | 30/6/2026 |
| 2 | Số hóa hồ sơ hộ tịch | Công an xã | 30/9/2026 |
| 2.1 | Số hóa hồ sơ khai sinh | Công an xã | 30/9/2026 |"""
    rows = _only_table(text).rows
    assert [(r.number, r.get("lead"), r.get("time")) for r in rows] == [
        ("1", "Phòng Kinh tế", "30/6/2026"),
        ("2", "Công an xã", "30/9/2026"),
        ("2.1", "Công an xã", "30/9/2026"),
    ]


def test_a_second_table_glued_to_the_last_row_of_the_first_one_has_its_own_columns():
    text = """| TT | Nhiệm vụ | Đơn vị chủ trì | Thời hạn |
| 1 | Lập danh mục dữ liệu dùng chung | Phòng Kinh tế | 30/6/2026 |
| 2 | Số hóa hồ sơ hộ tịch | Công an xã | 30/9/2026 | STT | Tên nhiệm vụ | Thời hạn | Đơn vị chủ trì |
| 1 | Cập nhật bản đồ số | 31/12/2026 | Văn phòng HĐND và UBND xã |"""
    rows = _only_table(text).rows
    assert [(r.get("lead"), r.get("time")) for r in rows] == [
        ("Phòng Kinh tế", "30/6/2026"),
        ("Công an xã", "30/9/2026"),
        ("Văn phòng HĐND và UBND xã", "31/12/2026"),
    ]


def test_row_numbers_under_a_header_without_a_number_cell():
    text = """| Nội dung | Đơn vị thực hiện | Thời gian thực hiện |
| 1.1 | Số hóa hồ sơ hộ tịch | Công an xã | Năm 2026 |"""
    (row,) = _only_table(text).rows
    assert (row.number, row.get("task"), row.get("lead")) == ("1.1", "Số hóa hồ sơ hộ tịch", "Công an xã")


def test_a_progress_report_glued_after_a_task_table_gives_no_rows():
    text = """| TT | Nhiệm vụ | Đơn vị chủ trì | Thời hạn |
| 1 | Lập danh mục dữ liệu dùng chung | Phòng Kinh tế | 30/6/2026 |
| TT | Nhiệm vụ | Đơn vị chủ trì | Thời hạn | Kết quả thực hiện |
| 1 | Số hóa hồ sơ hộ tịch | Công an xã | 30/9/2025 | Đã hoàn thành |"""
    assert [r.get("task") for r in _only_table(text).rows] == ["Lập danh mục dữ liệu dùng chung"]


def _crawl(*rows: list[str]) -> str:
    """A web-crawl table: every cell on its own lines between "|" lines, a blank line between rows."""
    return "\n".join("|\n" + "\n|\n".join(row) + "\n|\n" for row in rows)


def test_a_two_level_header_gives_its_sub_cells_their_own_columns():
    text = _crawl(
        ["**TT**", "**Nội dung**", "**Cơ quan thực hiện**", "**Thời gian hoàn thành**"],
        ["**Chủ trì**", "**Phối hợp**"],
        ["1", "Xây dựng kho dữ liệu dùng chung", "Sở Khoa học và Công nghệ", "Các sở, ngành", "Quý II/2026"],
        ["2", "Đào tạo kỹ năng số cho công chức", "Sở Nội vụ", "UBND các xã", "Năm 2026"],
    )
    table = _only_table(text)
    assert [(r.get("lead"), r.get("coord"), r.get("time")) for r in table.rows] == [
        ("Sở Khoa học và Công nghệ", "Các sở, ngành", "Quý II/2026"),
        ("Sở Nội vụ", "UBND các xã", "Năm 2026"),
    ]


def test_a_lead_cell_merged_over_two_rows_leads_both_and_a_merged_coordinator_cell_too():
    text = _crawl(
        ["**TT**", "**Nội dung**", "**Cơ quan chủ trì**", "**Cơ quan phối hợp**", "**Thời gian**"],
        ["1", "Xây dựng kho dữ liệu dùng chung", "Sở Khoa học và Công nghệ", "Các sở, ngành", "Quý II/2026"],
        ["2", "Nâng cấp trung tâm dữ liệu của tỉnh", "Các sở, ngành", "Quý III/2026"],
        ["3", "Số hóa hồ sơ thủ tục hành chính", "Sở Nội vụ", "Tháng 9/2026"],
    )
    rows = _only_table(text).rows
    assert [(r.get("lead"), r.get("coord"), r.get("time")) for r in rows] == [
        ("Sở Khoa học và Công nghệ", "Các sở, ngành", "Quý II/2026"),
        ("Sở Khoa học và Công nghệ", "Các sở, ngành", "Quý III/2026"),
        ("Sở Nội vụ", "Các sở, ngành", "Tháng 9/2026"),
    ]


def test_a_numbered_group_title_row_takes_nothing_from_the_row_above():
    text = _crawl(
        ["**TT**", "**Nội dung**", "**Cơ quan chủ trì**", "**Cơ quan phối hợp**", "**Thời gian**"],
        ["1", "Xây dựng kho dữ liệu dùng chung", "Sở Khoa học và Công nghệ", "Các sở, ngành", "Quý II/2026"],
        ["2", "**Nhóm nhiệm vụ về hạ tầng số**"],
        [
            "2.1",
            "Phủ sóng 5G tại các khu công nghiệp",
            "Sở Khoa học và Công nghệ",
            "Các doanh nghiệp",
            "Năm 2026",
        ],
    )
    rows = _only_table(text).rows
    assert [r.number for r in rows if r.get("lead")] == ["1", "2.1"]
