"""find_deadlines and pick_deadline over running prose of made-up directives."""

from datetime import date

import pytest

from dieuhanh.vn.deadlines import Deadline, find_deadlines, pick_deadline

pytestmark = pytest.mark.pure

DOC = date(2026, 5, 22)


def phrases(text, doc_date=DOC):
    return [(text[m.start : m.end], m.deadline.kind) for m in find_deadlines(text, doc_date)]


# (passage, expected phrase as written, kind, date, recurrence)
PROSE = [
    (
        "Trạm Y tế xã rà soát danh sách đối tượng, gửi UBND xã trước ngày 15/6/2026.",
        "trước ngày 15/6/2026",
        "date",
        date(2026, 6, 15),
        None,
    ),
    (
        "Đề nghị Công an xã hoàn thành việc cập nhật dữ liệu chậm nhất là ngày 30 tháng 6 năm 2026.",
        "chậm nhất là ngày 30 tháng 6 năm 2026",
        "date",
        date(2026, 6, 30),
        None,
    ),
    (
        "Văn phòng HĐND và UBND xã tổng hợp, báo cáo Chủ tịch UBND xã xong trước 05/7.",
        "xong trước 05/7",
        "date",
        date(2026, 7, 5),
        None,
    ),
    (
        "Các thôn thực hiện việc kê khai, thời hạn nộp về xã đến hết ngày 31-7-2026.",
        "đến hết ngày 31-7-2026",
        "date",
        date(2026, 7, 31),
        None,
    ),
    (
        "Phòng Kinh tế tham mưu phương án xử lý, hoàn thành trong quý III/2026.",
        "hoàn thành trong quý III/2026",
        "period",
        date(2026, 9, 30),
        None,
    ),
    (
        "Trường Tiểu học tổ chức tập huấn cho giáo viên trong tháng 8 năm 2026.",
        "trong tháng 8 năm 2026",
        "period",
        date(2026, 8, 31),
        None,
    ),
    (
        "Ban Chỉ huy quân sự xã kiện toàn lực lượng dân quân, hoàn thành trong năm 2026.",
        "hoàn thành trong năm 2026",
        "period",
        date(2026, 12, 31),
        None,
    ),
    (
        "Tổ chức lấy ý kiến nhân dân từ ngày 01/6/2026 đến ngày 20/6/2026 tại nhà văn hóa các thôn.",
        "từ ngày 01/6/2026 đến ngày 20/6/2026",
        "period",
        date(2026, 6, 20),
        None,
    ),
    (
        "Triển khai thí điểm tại 03 thôn Quý I - Quý III/2026, sau đó nhân rộng.",
        "Quý I - Quý III/2026",
        "period",
        date(2026, 9, 30),
        None,
    ),
    (
        "Các đơn vị gửi báo cáo kết quả về Văn phòng trước ngày 20 hàng tháng để tổng hợp.",
        "trước ngày 20 hàng tháng",
        "recurring",
        None,
        "monthly:20",
    ),
    (
        "Công chức Tư pháp - Hộ tịch định kỳ hằng quý báo cáo tình hình đăng ký hộ tịch.",
        "định kỳ hằng quý",
        "recurring",
        None,
        "quarterly",
    ),
    (
        "Trung tâm Phục vụ hành chính công cập nhật số liệu trước 15 giờ hằng ngày.",
        "trước 15 giờ hằng ngày",
        "recurring",
        None,
        "daily",
    ),
    (
        "Phòng Văn hóa - Xã hội báo cáo kết quả công tác gia đình trước ngày 10/12 hằng năm.",
        "trước ngày 10/12 hằng năm",
        "recurring",
        None,
        "yearly:12-10",
    ),
    (
        "Chủ đầu tư trong vòng 20 ngày kể từ ngày nghiệm thu công trình phải quyết toán.",
        "trong vòng 20 ngày kể từ ngày nghiệm thu công trình phải quyết toán",
        "relative",
        None,
        None,
    ),
    (
        "Các thôn báo cáo ngay khi phát hiện ổ dịch trên địa bàn.",
        "báo cáo ngay khi phát hiện ổ dịch trên địa bàn",
        "relative",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("text", "phrase", "kind", "when", "recurrence"), PROSE)
def test_it_finds_the_deadline_phrase_in_prose(text, phrase, kind, when, recurrence):
    found = find_deadlines(text, DOC)
    assert [(text[m.start : m.end], m.deadline.kind) for m in found] == [(phrase, kind)]
    d = found[0].deadline
    assert d.text == phrase
    assert d.date == when
    assert d.recurrence == recurrence


NOT_DEADLINES = [
    "Các đơn vị khẩn trương triển khai, kịp thời báo cáo những khó khăn phát sinh.",
    "Đề nghị các thôn thực hiện ngay và sớm báo cáo kết quả.",
    "Công an xã thường xuyên kiểm tra, xử lý vi phạm trong thời gian sớm nhất.",
    "Thực hiện Công văn số 977/UBND-NC ngày 21/5/2026 của UBND tỉnh về việc tăng cường quản lý.",
    "Căn cứ Kế hoạch số 28/KH-UBND ngày 28/01/2026 của UBND xã, yêu cầu các đơn vị triển khai.",
    "Theo Quyết định số 1234/QĐ-UBND ngày 05 tháng 3 năm 2026 của Chủ tịch UBND tỉnh.",
    "Trường Trung học cơ sở rà soát kết quả năm học 2025 - 2026 và chuẩn bị năm học mới.",
    "Xây dựng kế hoạch phát triển giai đoạn 2026 - 2030 trình HĐND xã.",
    "Phấn đấu đạt chỉ tiêu tỷ lệ hộ nghèo giảm 1,5% trong năm 2026.",
    "Tổ chức thực hiện quy hoạch chung xã đến năm 2030.",
    "Phòng Kinh tế căn cứ khả năng cân đối ngân sách hàng năm, tham mưu bố trí kinh phí.",
    "Chi trả trợ cấp xã hội hàng tháng cho đối tượng bảo trợ đúng quy định.",
    "Kinh phí thực hiện từ nguồn ngân sách nhà nước hằng năm theo phân cấp.",
    "Hộ gia đình được công nhận quyền sử dụng đất trước ngày 01/7/2004 được xem xét cấp giấy.",
    "Số liệu báo cáo tính đến ngày 15/5/2026.",
    "Quyết định này có hiệu lực thi hành kể từ ngày ký.",
    "Trường hợp có khó khăn, vướng mắc, báo cáo về UBND xã để xem xét.",
    "Năm 2025, xã đã tổ chức 12 lớp tập huấn cho cán bộ.",
    "Rà soát các Nghị định mới ban hành trong năm 2025.",
    "Nghị quyết số 05/2026/NQ-HĐND được thông qua tại Kỳ họp thứ 8.",
]


@pytest.mark.parametrize("text", NOT_DEADLINES)
def test_it_ignores_adverbs_scope_phrases_and_citations(text):
    assert phrases(text) == []


def test_it_keeps_the_deadline_after_a_citation():
    text = "Thực hiện Kế hoạch số 28/KH-UBND ngày 28/01/2026, các đơn vị báo cáo trước ngày 30/6/2026."
    assert phrases(text) == [("trước ngày 30/6/2026", "date")]


def test_spans_are_in_original_coordinates_across_lines_and_markup():
    text = "Báo cáo kết quả về UBND xã **trước\nngày 18 hằng tháng**; hoàn thành trong **quý II/2026**."
    found = find_deadlines(text, DOC)
    assert [m.deadline.kind for m in found] == ["recurring", "period"]
    assert text[found[0].start : found[0].end] == "trước\nngày 18 hằng tháng"
    assert found[0].deadline.text == "trước ngày 18 hằng tháng"
    assert found[1].deadline.text == "hoàn thành trong quý II/2026"


def test_it_reads_table_cells_on_their_own_line():
    text = "1\n|\nNâng cấp mạng LAN\n|\nVăn phòng\n|\nQuý II/2026\n|\n2\n|\nTập huấn\n|\nThường xuyên\n|\n"
    assert phrases(text) == [("Quý II/2026", "period"), ("Thường xuyên", "none")]


def test_it_reads_a_time_line_as_a_slot():
    text = "- Rà soát, kiểm kê tài sản.\nThời gian thực hiện: Từ tháng 6/2026 đến khi kết thúc kiểm kê.\n"
    found = find_deadlines(text, DOC)
    assert [(m.deadline.kind, m.deadline.text) for m in found] == [
        ("relative", "Từ tháng 6/2026 đến khi kết thúc kiểm kê")
    ]


def test_it_reports_open_years_as_none_with_text():
    found = find_deadlines("Duy trì mô hình năm 2026 và các năm tiếp theo.", DOC)
    assert [(m.deadline.kind, m.deadline.text) for m in found] == [("none", "năm 2026 và các năm tiếp theo")]


def test_it_accepts_folded_text_without_diacritics():
    assert phrases("bao cao truoc ngay 18 hang thang") == [("truoc ngay 18 hang thang", "recurring")]


def test_pick_takes_the_latest_of_several_dates():
    text = "Lập danh sách trước ngày 10/6/2026; tổ chức thực hiện, hoàn thành trước ngày 31/8/2026."
    d = pick_deadline(text, DOC)
    assert (d.kind, d.date, d.text) == ("date", date(2026, 8, 31), "hoàn thành trước ngày 31/8/2026")
    assert "10/06/2026" in d.reason


def test_pick_compares_dates_and_periods_by_their_last_day():
    d = pick_deadline(
        "Khảo sát trong tháng 7/2026, hoàn thành trước ngày 15/9/2026 và tổng kết trong quý III/2026.", DOC
    )
    assert (d.kind, d.date) == ("period", date(2026, 9, 30))


def test_pick_merges_recurring_phrases_into_one():
    text = "Báo cáo nhanh hằng tháng; báo cáo định kỳ 6 tháng, năm trước ngày 15/12 hằng năm."
    d = pick_deadline(text, DOC)
    assert d.kind == "recurring"
    assert d.text == "hằng tháng"
    assert d.recurrence == "monthly,semiannual,yearly:12-15"


def test_pick_drops_the_vague_cycle_when_a_precise_one_exists():
    d = pick_deadline("Định kỳ báo cáo kết quả về UBND xã trước ngày 18 hằng tháng.", DOC)
    assert (d.recurrence, d.text) == ("monthly:18", "trước ngày 18 hằng tháng")


def test_pick_prefers_a_written_date_to_a_recurring_report():
    d = pick_deadline("Hoàn thành trước ngày 30/9/2026; định kỳ hằng tháng báo cáo tiến độ.", DOC)
    assert (d.kind, d.date) == ("date", date(2026, 9, 30))


def test_pick_returns_a_relative_deadline_when_nothing_is_dated():
    d = pick_deadline("Sau khi được phê duyệt, Phòng Kinh tế tổ chức triển khai.", DOC)
    assert d.kind == "relative"
    assert d.date is None


def test_pick_returns_no_deadline_for_plain_duty():
    assert pick_deadline("Công an xã khẩn trương rà soát, kịp thời xử lý.", DOC) == Deadline(
        "none", None, None, None
    )


def test_pick_anchors_working_days_on_the_document_date():
    # 22/5/2026 is a Friday: five working days later is Friday 29/5
    d = pick_deadline(
        "Các thôn gửi danh sách về xã trong 05 ngày làm việc kể từ ngày ban hành Công văn này.", DOC
    )
    assert (d.kind, d.count, d.working_days, d.date) == ("relative", 5, True, date(2026, 5, 29))


def test_it_finds_every_phrase_in_a_long_document():
    paragraph = (
        "Căn cứ Kế hoạch số 28/KH-UBND ngày 28/01/2026 của UBND xã, Phòng Văn hóa - Xã hội chủ trì, "
        "phối hợp với Công an xã rà soát, hoàn thành trước ngày 10/7/2026; định kỳ báo cáo trước ngày "
        "18 hằng tháng. Trường học thực hiện kế hoạch năm học 2025 - 2026 trong quý III/2026.\n"
    )
    text = paragraph * (30_000 // len(paragraph))
    found = find_deadlines(text, DOC)
    assert len(found) == 4 * text.count("\n")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Hoàn thiện cơ sở dữ liệu đất đai, năm 2027.", "năm 2027"),
        ("Số hóa hồ sơ hộ tịch (năm 2026 - 2027).", "năm 2026 - 2027"),
        ("Lắp đặt camera giám sát tại các thôn - Năm 2026;", "Năm 2026"),
    ],
)
def test_it_takes_a_year_set_off_at_the_end_of_a_duty(text, phrase):
    assert phrases(text) == [(phrase, "period")]


def test_it_does_not_take_a_year_that_names_the_object():
    assert phrases("Xây dựng kế hoạch cải cách hành chính năm 2026.") == []


def test_it_ignores_a_data_window():
    assert phrases("Số liệu tính từ ngày 15/12/2025 đến ngày 14/6/2026.") == []


def test_a_time_line_may_wrap_onto_the_next_line():
    text = "- Cơ quan thực hiện: Công an xã.\n- Thời gian thực hiện: năm\n2026 - 2027.\n\n2. Nhiệm vụ khác\n"
    found = find_deadlines(text, DOC)
    assert [(m.deadline.kind, m.deadline.date) for m in found] == [("period", date(2027, 12, 31))]


def test_a_time_line_does_not_swallow_the_next_duty():
    text = "Thời gian thực hiện: Quý III/2026\nSở Tài chính chủ trì tổng hợp\n"
    found = find_deadlines(text, DOC)
    assert [m.deadline.text for m in found] == ["Quý III/2026"]


def test_a_wrapped_line_starting_with_a_year_is_not_a_cell():
    text = "Căn cứ Luật Đất đai ngày 18 tháng 01\nnăm 2024;\n"
    assert phrases(text) == []


def test_a_cited_session_is_not_a_deadline():
    text = "Nghị quyết số 141/2024/QH15 về hoạt động chất\nvấn tại kỳ họp thứ 7, Quốc hội khóa XV."
    assert phrases(text) == []
    assert phrases("Luật Thủ đô được Quốc hội thông qua tại kỳ họp thứ 7.") == []


def test_a_preamble_after_hearing_reports_is_not_a_deadline():
    assert phrases("Sau khi nghe báo cáo của Sở Tài chính, Chủ tịch UBND tỉnh kết luận như sau:") == []


def test_an_event_phrase_runs_across_a_wrapped_line():
    d = pick_deadline("Sau khi hoàn thành việc\nkiểm kê, các đơn vị báo cáo kết quả.", DOC)
    assert (d.kind, d.text) == ("relative", "Sau khi hoàn thành việc kiểm kê")


@pytest.mark.parametrize(
    "text",
    [
        "Rà soát các nhiệm vụ được giao trong năm 2026, bảo đảm đúng tiến độ.",
        "Tổng hợp kết quả xếp loại năm 2026 của các trường.",
        "Xây dựng kịch bản tăng trưởng cho những tháng cuối năm 2026.",
        "Thống kê các hợp tác xã thành lập trước ngày 01/7/2025 chưa chuyển đổi.",
        "Soạn thảo văn bản hướng dẫn các luật được thông qua tại Kỳ họp thứ 11.",
    ],
)
def test_a_time_phrase_that_qualifies_an_object_is_no_deadline(text):
    assert pick_deadline(text, DOC).kind == "none"


def test_a_deadline_after_a_qualified_object_is_still_read():
    text = "Báo cáo kết quả xếp loại năm 2026 về Sở Nội vụ trước ngày 15/01/2027."
    assert pick_deadline(text, DOC).date == date(2027, 1, 15)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Tổ chức thu gom rác thải, khơi thông cống rãnh sau khi nước rút.", "sau khi nước rút"),
        ("Khi sơ tán dân khỏi vùng sạt lở, bố trí lực lượng dẫn đường.", "Khi sơ tán dân khỏi vùng sạt lở"),
    ],
)
def test_an_event_that_will_happen_is_a_relative_deadline(text, trigger):
    d = pick_deadline(text, DOC)
    assert (d.kind, d.trigger) == ("relative", trigger)


@pytest.mark.parametrize(
    "text",
    [
        "Khi cần thiết, báo cáo UBND xã.",
        "Hỗ trợ người dân sau khi nước rút về nơi ở cũ còn khó khăn, nhất là hộ nghèo",
    ],
)
def test_an_occasion_is_not_a_deadline(text):
    assert pick_deadline(text, DOC).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "Sở Y tế tổng hợp nhu cầu vắc xin, báo cáo UBND tỉnh trước ngày 20/6/2026.",
        "Các xã gửi báo cáo về Ủy ban nhân dân tỉnh chậm nhất ngày 20/6/2026.",
        "Hoàn thiện hồ sơ, trình Chủ tịch UBND tỉnh trước ngày 20/6/2026.",
    ],
)
def test_the_province_before_a_deadline_is_not_a_data_cut_off(text):
    # "tỉnh" (province) folds to the same letters as "tính" (counted up to): only the second
    # one makes "… tính đến ngày …" a data window.
    assert pick_deadline(text, DOC).date == date(2026, 6, 20)


@pytest.mark.parametrize(
    "text",
    [
        "Hoàn thành việc sắp xếp trụ sở trong cuối năm 2026.",
        "Tập trung giải ngân vốn đầu tư công những tháng cuối năm 2026.",
    ],
)
def test_the_end_of_a_year_is_a_vague_range_kept_as_written(text):
    # Labelling rule 1 of devset2: "cuối năm", like "đầu năm", has no last day.
    picked = pick_deadline(text, DOC)
    assert (picked.kind, picked.date) == ("none", None)
    assert picked.text == "cuối năm 2026"


def test_the_end_of_a_month_or_quarter_still_has_a_last_day():
    assert pick_deadline("Hoàn thành cuối quý III/2026.", DOC).date == date(2026, 9, 30)
    assert pick_deadline("Hoàn thành cuối tháng 10 năm 2026.", DOC).date == date(2026, 10, 31)


@pytest.mark.parametrize(
    "text",
    [
        "Các Bộ báo cáo Thủ tướng Chính phủ trước 16 giờ 00 ngày 10/6/2026.",
        "Gửi báo cáo về Văn phòng Chính phủ trước 17h ngày 10 tháng 6 năm 2026.",
        "Hoàn thành việc thống kê thiệt hại trước 9 giờ sáng ngày 10/6/2026.",
    ],
)
def test_an_hour_before_the_day_keeps_the_day(text):
    picked = pick_deadline(text, DOC)
    assert (picked.kind, picked.date) == ("date", date(2026, 6, 10))
