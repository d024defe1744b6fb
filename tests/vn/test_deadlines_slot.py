"""parse_deadline on phrases that fill a time slot (a "Thời gian" cell or a "Thời hạn: ..." line)."""

from datetime import date

import pytest

from dieuhanh.vn.deadlines import Deadline, parse_deadline

pytestmark = pytest.mark.pure

DOC = date(2026, 3, 12)

# (phrase, kind, date, recurrence) — made-up phrases written the ways directives write them
CASES = [
    # one day
    ("Trước ngày 20/4/2026", "date", date(2026, 4, 20), None),
    ("trước ngày 05 tháng 8 năm 2026", "date", date(2026, 8, 5), None),
    ("Chậm nhất là ngày 5-9-2026", "date", date(2026, 9, 5), None),
    ("chậm nhất ngày 30/9/2026", "date", date(2026, 9, 30), None),
    ("Hoàn thành trước ngày 15.10.2026", "date", date(2026, 10, 15), None),
    ("xong trước ngày 01/12/2026", "date", date(2026, 12, 1), None),
    ("Hạn chót: ngày 28/02/2027", "date", date(2027, 2, 28), None),
    ("đến hết ngày 31/12/2026", "date", date(2026, 12, 31), None),
    ("Ngày 25/6/2026", "date", date(2026, 6, 25), None),
    ("17/3/2026", "date", date(2026, 3, 17), None),
    ("trước 30/6", "date", date(2026, 6, 30), None),
    ("trước ngày 15 tháng 4", "date", date(2026, 4, 15), None),
    # periods
    ("Quý II/2026", "period", date(2026, 6, 30), None),
    ("trong quý III năm 2026", "period", date(2026, 9, 30), None),
    ("Quý 4 năm 2026", "period", date(2026, 12, 31), None),
    ("Quí I-2027", "period", date(2027, 3, 31), None),
    ("Quý II Năm 2027", "period", date(2027, 6, 30), None),
    ("Quý I - Quý IV/2026", "period", date(2026, 12, 31), None),
    ("Quý II- III/2026", "period", date(2026, 9, 30), None),
    ("Quý I - II/ 2027", "period", date(2027, 6, 30), None),
    ("Quý III/2026 - Quý I/2027", "period", date(2027, 3, 31), None),
    ("Quý IV", "period", date(2026, 12, 31), None),
    ("Tháng 9/2026", "period", date(2026, 9, 30), None),
    ("trong tháng 10 năm 2026", "period", date(2026, 10, 31), None),
    ("hoàn thành trong tháng 02/2027", "period", date(2027, 2, 28), None),
    ("Tháng 5 - 7/2026", "period", date(2026, 7, 31), None),
    ("tháng 11/2026 - tháng 01/2027", "period", date(2027, 1, 31), None),
    ("6 tháng đầu năm 2026", "period", date(2026, 6, 30), None),
    ("6 tháng cuối năm (2026)", "period", date(2026, 12, 31), None),
    ("9 tháng đầu năm 2026", "period", date(2026, 9, 30), None),
    ("Năm 2026", "period", date(2026, 12, 31), None),
    ("2027", "period", date(2027, 12, 31), None),
    ("trong năm 2026", "period", date(2026, 12, 31), None),
    ("cuối năm 2026", "period", date(2026, 12, 31), None),
    ("Năm 2026 - 2027", "period", date(2027, 12, 31), None),
    ("năm 2026-2028", "period", date(2028, 12, 31), None),
    ("Từ ngày 02/3/2026 đến ngày 30/4/2026", "period", date(2026, 4, 30), None),
    ("từ ngày 10 đến ngày 20 tháng 5 năm 2026", "period", date(2026, 5, 20), None),
    # recurring
    ("trước ngày 25 hằng tháng", "recurring", None, "monthly:25"),
    ("Trước ngày 05 hàng tháng", "recurring", None, "monthly:5"),
    ("ngày 20 hàng tháng", "recurring", None, "monthly:20"),
    ("Định kỳ hằng tháng", "recurring", None, "monthly"),
    ("hàng quý", "recurring", None, "quarterly"),
    ("Định kỳ hàng quý hoặc đột xuất", "recurring", None, "quarterly"),
    ("định kỳ 6 tháng", "recurring", None, "semiannual"),
    ("Định kỳ 6 tháng, hằng năm", "recurring", None, "semiannual,yearly"),
    ("Định kỳ 06 tháng, năm hoặc đột xuất khi có yêu cầu", "recurring", None, "semiannual,yearly"),
    ("Hàng năm", "recurring", None, "yearly"),
    ("hằng năm hoặc đột xuất", "recurring", None, "yearly"),
    ("trước ngày 20/11 hằng năm", "recurring", None, "yearly:11-20"),
    ("hạn cuối ngày 10 tháng 01 hàng năm", "recurring", None, "yearly:01-10"),
    ("trước ngày 15/5 và 10/11 hàng năm", "recurring", None, "yearly:05-15,yearly:11-10"),
    ("Hằng tuần", "recurring", None, "weekly"),
    ("hàng ngày", "recurring", None, "daily"),
    ("trước 16 giờ hằng ngày", "recurring", None, "daily"),
    ("Trước 9h00 hàng ngày", "recurring", None, "daily"),
    ("Định kỳ", "recurring", None, "periodic"),
    ("theo định kỳ hoặc đột xuất", "recurring", None, "periodic"),
    ("Thường xuyên, hằng quý", "recurring", None, "quarterly"),
    ("Thường xuyên; định kỳ hằng năm báo cáo", "recurring", None, "yearly"),
    # relative
    ("Trong vòng 30 ngày kể từ ngày nhận được hồ sơ", "relative", None, None),
    ("trong thời hạn 07 ngày làm việc kể từ ngày nhận được văn bản", "relative", None, None),
    ("Sau khi hoàn thành thủ tục đầu tư", "relative", None, None),
    ("Khi có phát sinh", "relative", None, None),
    ("ngay khi có sự cố", "relative", None, None),
    ("Từ tháng 3/2026 đến khi kết thúc đợt kiểm tra", "relative", None, None),
    ("Trình tại Kỳ họp thứ 12 Hội đồng nhân dân xã", "relative", None, None),
    ("trong 45 ngày cao điểm", "relative", None, None),
    # open phrases kept as text
    ("Thường xuyên", "none", None, None),
    ("Thực hiện thường xuyên", "none", None, None),
    ("Theo Kế hoạch riêng", "none", None, None),
    ("Theo lộ trình của Bộ", "none", None, None),
    ("Theo tiến độ dự án", "none", None, None),
    ("năm 2026 và các năm tiếp theo", "none", None, None),
    ("Từ năm 2027 trở đi", "none", None, None),
    ("Liên tục", "none", None, None),
]


@pytest.mark.parametrize(("phrase", "kind", "when", "recurrence"), CASES)
def test_it_parses_slot_phrase(phrase, kind, when, recurrence):
    d = parse_deadline(phrase, DOC)
    assert (d.kind, d.date) == (kind, when), d.reason
    if recurrence is not None:
        assert d.recurrence == recurrence
    assert d.text == " ".join(phrase.split()).rstrip(" .")
    assert d.reason


def test_it_returns_none_without_text_for_empty_slot():
    assert parse_deadline("", DOC) == Deadline("none", None, None, None)
    assert parse_deadline("  * ", DOC).text is None


def test_it_collapses_whitespace_and_drops_markup_in_text():
    d = parse_deadline("**Trước   ngày\n31/5/2026**", DOC)
    assert d.text == "Trước ngày 31/5/2026"
    assert d.date == date(2026, 5, 31)


def test_it_keeps_date_none_when_no_year_is_known():
    d = parse_deadline("trước ngày 15/7", None)
    assert d.kind == "date"
    assert d.date is None


def test_it_moves_a_yearless_date_to_next_year_in_a_december_document():
    d = parse_deadline("trước ngày 15/7", date(2026, 12, 3))
    assert d.date == date(2027, 7, 15)


def test_it_keeps_a_yearless_date_in_the_same_year_when_still_ahead():
    assert parse_deadline("trước ngày 15/12", date(2026, 12, 3)).date == date(2026, 12, 15)
    assert parse_deadline("trong tháng 12", date(2026, 12, 3)).date == date(2026, 12, 31)


def test_it_moves_a_yearless_quarter_to_next_year_late_in_the_year():
    assert parse_deadline("Quý I", date(2026, 11, 20)).date == date(2027, 3, 31)


def test_it_anchors_working_days_on_the_document_date():
    # Friday 13/2/2026; Tết holidays 16–20/2/2026 are skipped
    d = parse_deadline("05 ngày làm việc kể từ ngày ban hành văn bản này", date(2026, 2, 13))
    assert d.kind == "relative"
    assert d.count == 5
    assert d.working_days is True
    assert d.trigger == "ngày ban hành văn bản này"
    assert d.date == date(2026, 2, 27)


def test_it_anchors_calendar_days_on_the_signing_date():
    d = parse_deadline("trong vòng 10 ngày kể từ ngày ký", date(2026, 3, 12))
    assert (d.date, d.working_days, d.count) == (date(2026, 3, 22), False, 10)


def test_it_leaves_an_event_anchor_without_date():
    d = parse_deadline("Trong vòng 15 ngày kể từ ngày nghiệm thu, bàn giao công trình", DOC)
    assert d.kind == "relative"
    assert d.date is None
    assert d.count == 15
    assert d.trigger == "ngày nghiệm thu"


def test_it_gives_period_start_for_ranges():
    d = parse_deadline("Quý IV/2026 - Quý I/2027", DOC)
    assert d.period_start == date(2026, 10, 1)
    assert parse_deadline("từ ngày 08 đến ngày 12 tháng 6 năm 2026", DOC).period_start == date(2026, 6, 8)


def test_it_lists_each_cycle_of_a_combined_recurring_slot():
    d = parse_deadline(
        "định kỳ 6 tháng trước ngày 20 tháng 6 và hàng năm trước ngày 20 tháng 12 hàng năm", DOC
    )
    assert d.kind == "recurring"
    assert d.recurrence == "semiannual,yearly:12-20"


def test_reason_is_vietnamese_and_names_the_rule():
    assert "hằng tháng" in parse_deadline("trước ngày 18 hằng tháng", DOC).reason
    assert "quý" in parse_deadline("Quý II/2026", DOC).reason
