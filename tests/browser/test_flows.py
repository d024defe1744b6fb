"""The tracking loop in a real browser: a clerk imports a directive, a unit reports and asks for
completion, a leader approves and the dashboard moves; on a desktop and at phone width."""

import datetime

import pytest

from dieuhanh.tasks.models import Task
from tests.browser import flows
from tests.browser.helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What approving the Công an xã task (deadline 30/06/2026, today 15/06/2026) moves on the dashboard.
APPROVAL_MOVES = {
    "count-total": 0,
    "count-done": +1,
    "count-done-ok": +1,
    "count-done-late": 0,
    "count-in-time": -1,
    "count-due-soon": 0,
    "count-overdue": 0,
    "count-no-deadline": 0,
}


def moves(before: dict, after: dict) -> dict:
    return {key: after[key] - before[key] for key in before}


def test_clerk_imports_corrects_and_confirms_a_directive(desktop, demo_people, shot):
    login(desktop, "chuyenvien")
    flows.upload_directive(desktop, shot)
    flows.review_and_confirm(desktop, shot)
    task = Task.objects.get(text__startswith=flows.POLICE_TASK)
    assert task.deadline == datetime.date(2026, 6, 30)
    assert task.lead_unit.code == "xa-gia-loc-ca"
    assert task.document.number == "1087"


def test_member_reports_and_leader_approves(demo, new_page, shot):
    # The demo's sample 001 names no deadline for the Công an xã task: a reviewer gave it one.
    Task.objects.filter(text__startswith=flows.POLICE_TASK, owner__code="xa-gia-loc").update(
        deadline=datetime.date(2026, 6, 30)
    )
    member = new_page()
    login(member, "congan")
    flows.report_and_claim(member, shot)

    leader = new_page()
    login(leader, "lanhdao")
    before, after = flows.approve_on_dashboard(leader, shot)
    assert moves(before, after) == APPROVAL_MOVES


def test_the_whole_loop_on_a_phone(demo_people, new_page, shot):
    clerk = new_page(phone=True)
    login(clerk, "chuyenvien")
    flows.upload_directive(clerk, shot, phone=True)
    flows.review_and_confirm(clerk, shot, phone=True)

    member = new_page(phone=True)
    login(member, "congan")
    flows.report_and_claim(member, shot, phone=True)

    leader = new_page(phone=True)
    login(leader, "lanhdao")
    before, after = flows.approve_on_dashboard(leader, shot, phone=True)
    assert moves(before, after) == APPROVAL_MOVES
    assert after["count-total"] == 6
