from collections import Counter

from dieuhanh.notify.worker import planned_summary


def test_the_console_line_names_the_kinds_in_vietnamese_not_a_dict():
    line = planned_summary(Counter({"overdue": 3, "before_deadline": 2}))
    assert line == "5 lượt nhắc (quá hạn: 3; sắp đến hạn: 2)"
    assert "{" not in line
