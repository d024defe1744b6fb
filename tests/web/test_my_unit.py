"""“Đơn vị của tôi”: tasks needing action first, and the one-form progress report."""

import datetime

import pytest

from dieuhanh.tasks.constants import TaskState
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_tasks_needing_action_come_first(s, login):
    overdue = TaskFactory(owner=s.commune, lead_unit=s.lead_unit, deadline=D(2026, 6, 1))
    soon = TaskFactory(owner=s.commune, lead_unit=s.lead_unit, deadline=D(2026, 6, 20))
    returned = TaskFactory(
        owner=s.commune,
        lead_unit=s.lead_unit,
        deadline=D(2026, 9, 1),
        state_reason="Thực hiện lại: thiếu biên bản",
    )
    TaskFactory(owner=s.commune, lead_unit=s.lead_unit, state=TaskState.DONE, completed_on=D(2026, 6, 1))
    TaskFactory(owner=s.commune, lead_unit=s.outsider_unit, deadline=D(2026, 6, 1))
    r = login(s.lead).get("/don-vi-cua-toi/")
    assert [t.pk for t in r.context["urgent"]] == [overdue.pk, returned.pk, soon.pk]
    assert [t.pk for t in r.context["others"]] == [s.task.pk]
    assert "Thực hiện lại" in r.content.decode()


def test_a_coordinator_sees_the_task_and_an_outsider_does_not(s, login):
    assert [t.pk for t in login(s.coord).get("/don-vi-cua-toi/").context["others"]] == [s.task.pk]
    r = login(s.outsider).get("/don-vi-cua-toi/")
    assert r.context["urgent"] == [] and r.context["others"] == []


def test_the_one_form_progress_report(s, login):
    client = login(s.coord)
    r = client.post(
        "/don-vi-cua-toi/", {"task": s.task.pk, "text": "Đã phối hợp", "percent": "30"}, follow=True
    )
    assert "Đã gửi báo cáo tiến độ" in r.content.decode()
    report = s.task.reports.get()
    assert (report.unit, report.percent) == (s.coord_unit, 30)


def test_the_form_refuses_a_task_outside_the_unit_and_explains_in_vietnamese(s, login):
    foreign = TaskFactory(owner=s.commune, lead_unit=s.outsider_unit)
    r = login(s.lead).post("/don-vi-cua-toi/", {"task": foreign.pk, "text": "x", "percent": "10"})
    assert r.status_code == 400
    assert "Nhiệm vụ đã chọn không hợp lệ." in r.content.decode()
    assert not foreign.reports.exists()
    r = login(s.lead).post("/don-vi-cua-toi/", {"task": "", "text": "", "percent": ""})
    body = r.content.decode()
    assert "Cần chọn nhiệm vụ." in body and "Cần nhập tiến độ (0–100%)." in body
