"""The page, the .docx and the .xlsx carry the same numbers, cell by cell (issue 15, part 1).

One data set: the June fixture (conftest.py) plus a paused task and a task completed on 16/06,
after the cut-off (14/06); the report is made on 20/06. Hand-computed figures of Gia Lộc:

    10 tasks = 2 done on time (1 early) + 2 done late + 3 in time (2 due soon: 5 and the one
    completed on 16/06) + 1 overdue + 1 without deadline + 1 paused;
    on time 2/4 = 50,0%; overdue 1/10 = 10,0% of all and 1/5 = 20,0% of those due (1, 2, 3, 4, 8);
    updated 2 of 5 open = 40,0%; 1 extension (objective); 2 reminders sent by 14/06.
"""

import datetime
from decimal import Decimal as Dec

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from dieuhanh.org.models import Unit, User
from dieuhanh.reports.definitions import TABLE_FIGURES
from dieuhanh.tasks.constants import TaskState
from tests.factories import TaskFactory
from tests.reports.outputs import from_docx, from_page, from_xlsx

pytestmark = pytest.mark.django_db
D = datetime.date

SUMMARY = [
    ("Tổng số nhiệm vụ trong kỳ", 10),
    ("Hoàn thành đúng hạn (kể cả trước hạn)", 2),
    ("Hoàn thành quá hạn", 2),
    ("Đang thực hiện trong hạn", 3),
    ("trong đó sắp đến hạn", 2),
    ("Quá hạn chưa hoàn thành", 1),
    ("Không có thời hạn", 1),
    ("Tạm hoãn", 1),
    ("Tỷ lệ hoàn thành đúng hạn (trên số đã hoàn thành)", Dec("50.0")),
    ("Tỷ lệ quá hạn trên tổng số nhiệm vụ", Dec("10.0")),
    ("Tỷ lệ quá hạn trên số nhiệm vụ đã đến hạn", Dec("20.0")),
    ("Tỷ lệ cập nhật tiến độ trong kỳ", Dec("40.0")),
    ("Lượt gia hạn được duyệt trong kỳ", 1),
    ("trong đó do nguyên nhân khách quan", 1),
    ("Lượt đôn đốc đã gửi trong kỳ", 2),
]
UNITS = [
    ("Phòng Kinh tế", [5, 2, 1, 0, 1, 0, 1, Dec("66.7"), Dec("20.0"), Dec("25.0"), Dec("100.0")]),
    ("Phòng Văn hóa - Xã hội", [5, 0, 1, 3, 0, 1, 0, Dec("0.0"), Dec("0.0"), Dec("0.0"), Dec("25.0")]),
    ("Tổng cộng", [10, 2, 2, 3, 1, 1, 1, Dec("50.0"), Dec("10.0"), Dec("20.0"), Dec("40.0")]),
]


@pytest.fixture
def data_set(june):
    with time_machine.travel("2026-05-02 09:00 +0700", tick=False):
        TaskFactory(owner=june.commune, lead_unit=june.kt, summary="Tạm hoãn", state=TaskState.PAUSED)
        TaskFactory(
            owner=june.commune,
            lead_unit=june.vhxh,
            summary="Hoàn thành sau ngày chốt",
            deadline=D(2026, 6, 20),
            state=TaskState.DONE,
            completed_on=D(2026, 6, 16),
        )
    with time_machine.travel("2026-06-20 09:00 +0700", tick=False):
        yield june


def outputs(client, user, unit, unit_sheet="Theo đơn vị chủ trì", period="2026-06"):
    client.force_login(user)
    query = {"period": period, "cutoff": 14, "unit": unit.pk}
    page = client.get(reverse("reports:index"), {**query, "format": "docx", "xem": 1})
    docx = client.get(reverse("reports:index"), {**query, "format": "docx", "tai": 1})
    xlsx = client.get(reverse("reports:index"), {**query, "format": "xlsx", "tai": 1})
    return from_page(page.content.decode()), from_docx(docx.content), from_xlsx(xlsx.content, unit_sheet)


def test_the_page_the_docx_and_the_xlsx_agree_cell_by_cell(client, data_set):
    page, docx, xlsx = outputs(client, data_set.tracker, data_set.commune)
    assert page == docx == xlsx
    summary, units = page
    assert summary == SUMMARY
    assert units == UNITS


def test_the_province_roll_up_is_the_sum_of_its_communes_in_every_output(client, data_set):
    page, docx, xlsx = outputs(client, data_set.province_leader, data_set.province, "Theo xã, phường")
    assert page == docx == xlsx
    _, rows = page
    names = [name for name, _ in rows]
    assert names == ["Ủy ban nhân dân xã Gia Lộc", "Ủy ban nhân dân xã Cẩm Giang", "Tổng cộng"]
    counts = [i for i, f in enumerate(TABLE_FIGURES) if f.kind == "count"]
    *communes, total = [values for _, values in rows]
    assert [sum(values[i] for values in communes) for i in counts] == [total[i] for i in counts]
    assert rows[0][1] == UNITS[-1][1]  # Gia Lộc's row is the commune report's total


def test_the_status_columns_add_up_to_the_total(client, data_set):
    _, units = outputs(client, data_set.tracker, data_set.commune)[0]
    for name, values in units:
        assert values[0] == sum(values[1:7]), name


def test_the_demo_data_of_issue_15_agrees(client):
    """December 2026, row “UBND xã Gia Lộc”: the screen, the .docx and the .xlsx said 12/1, 11/1 and 0/1/11."""
    with time_machine.travel("2026-12-07 09:00 +0700", tick=False):
        call_command("seed_demo", verbosity=0)
        gia_loc = Unit.objects.get(code="xa-gia-loc")
        page, docx, xlsx = outputs(client, User.objects.get(username="chuyenvien"), gia_loc, period="2026-12")
    assert page == docx == xlsx
    row = dict(page[1])["Ủy ban nhân dân xã Gia Lộc"]
    headers = [f.key for f in TABLE_FIGURES]
    values = dict(zip(headers, row, strict=True))
    assert values["tong_so"] == sum(values[k] for k in headers[1:7])
