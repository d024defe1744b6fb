"""Dashboard: counts, table by unit, lists, charts, filters; numbers link to the list behind them."""

import datetime
import json

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dieuhanh.documents.constants import Confidentiality
from dieuhanh.tasks.constants import TaskState
from tests.factories import DocumentFactory, ProgressReportFactory, TaskFactory, UnitFactory

pytestmark = pytest.mark.django_db
D = datetime.date
# Session, person, scopes, the province check, the rates with the table by unit (grouped by unit
# and outcome, and the tasks judged apart) and the units' names, the overdue list, the due-soon
# list (the week ahead, the awaiting claims), the trend chart, the notification badge.
DASHBOARD_QUERIES = 13  # + the navigation's waiting count


@pytest.fixture
def tasks(s):
    """In the commune (today 15/06/2026): in time, overdue, due soon, done late; one in the other commune."""
    return {
        "in_time": s.task,
        "overdue": TaskFactory(owner=s.commune, lead_unit=s.outsider_unit, deadline=D(2026, 6, 1)),
        "due_soon": TaskFactory(owner=s.commune, lead_unit=s.lead_unit, deadline=D(2026, 6, 18)),
        "done_late": TaskFactory(
            owner=s.commune,
            lead_unit=s.lead_unit,
            deadline=D(2026, 6, 5),
            state=TaskState.DONE,
            completed_on=D(2026, 6, 10),
        ),
        "elsewhere": TaskFactory(
            owner=s.other_commune, lead_unit=UnitFactory(parent=s.other_commune), deadline=D(2026, 6, 2)
        ),
    }


def test_leaders_trackers_viewers_see_the_dashboard_and_members_do_not(s, login):
    for who in (s.leader, s.tracker, s.viewer, s.province_leader):
        assert login(who).get("/tong-quan/").status_code == 200
    for who in (s.lead, s.coord, s.outsider):
        assert login(who).get("/tong-quan/").status_code == 403
    assert 'data-testid="nav-dashboard"' not in login(s.lead).get("/nhiem-vu/").content.decode()


def test_the_counts_are_those_of_the_commune(s, login, tasks):
    r = login(s.leader).get("/tong-quan/")
    rates = r.context["board"].rates
    assert (rates.total, rates.in_time, rates.overdue, rates.due_soon, rates.done_late) == (4, 1, 1, 1, 1)
    body = r.content.decode()
    assert 'data-testid="count-overdue"><span class="n">1</span>' in body
    assert 'rate-on-time">0,0%' in body


def test_each_number_links_to_the_list_behind_it(s, login, tasks):
    client = login(s.leader)
    board = client.get("/tong-quan/").context["board"]
    link = "period_start=01%2F01%2F2026&period_end=31%2F12%2F2026"
    listed = client.get(f"/nhiem-vu/?{link}&status=overdue")
    assert {t.pk for t in listed.context["page_obj"].object_list} == {tasks["overdue"].pk}
    assert listed.context["page_obj"].paginator.count == board.rates.overdue
    assert client.get(f"/nhiem-vu/?{link}").context["page_obj"].paginator.count == board.rates.total
    for line in board.units:
        r = client.get(f"/nhiem-vu/?{link}&unit={line.unit_id}&status=overdue")
        assert r.context["page_obj"].paginator.count == line.rates.overdue
    body = client.get("/tong-quan/").content.decode()
    assert 'href="/nhiem-vu/?{}&amp;status=overdue"'.format(link.replace("&", "&amp;")) in body


def test_the_update_rate_links_to_the_tasks_not_updated(s, login, tasks):
    ProgressReportFactory(task=tasks["overdue"], reported_on=D(2026, 6, 10))
    client = login(s.leader)
    board = client.get("/tong-quan/?period=month").context["board"]
    assert board.rates.updated == 1
    r = client.get("/nhiem-vu/?period_start=01/06/2026&period_end=30/06/2026&status=open&updated=no")
    assert r.context["page_obj"].paginator.count == board.rates.open - board.rates.updated


def test_overdue_and_due_soon_lists(s, login, tasks):
    board = login(s.tracker).get("/tong-quan/").context["board"]
    assert [t.pk for t in board.overdue] == [tasks["overdue"].pk]
    assert [t.pk for t in board.due_soon] == [tasks["due_soon"].pk]


def test_the_charts_use_the_vendored_library_and_carry_their_data(s, login, tasks):
    body = login(s.leader).get("/tong-quan/").content.decode()
    assert "/static/core/vendor/chart.umd.js" in body
    assert "cdn" not in body.lower()
    status = json.loads(
        body.split('<script id="status-chart-data" type="application/json">')[1].split("</script>")[0]
    )
    assert sum(status["datasets"][0]["data"]) == 4
    trend = json.loads(
        body.split('<script id="trend-chart-data" type="application/json">')[1].split("</script>")[0]
    )
    assert trend["labels"][-1] == "12/2026" and len(trend["labels"]) == 12


def test_a_province_leader_sees_communes_and_can_filter_one(s, login, tasks):
    client = login(s.province_leader)
    board = client.get("/tong-quan/").context["board"]
    assert board.group_by == "owner" and board.rates.total == 5
    assert {line.unit_id for line in board.units} == {s.commune.pk, s.other_commune.pk}
    r = client.get(f"/tong-quan/?commune={s.other_commune.pk}")
    assert r.context["board"].rates.total == 1 and r.context["board"].group_by == "lead_unit"
    assert 'name="commune"' in r.content.decode()
    assert 'name="commune"' not in login(s.leader).get("/tong-quan/").content.decode()


def test_the_period_filter(s, login, tasks):
    client = login(s.leader)
    board = client.get("/tong-quan/?period=custom&start=01/01/2026&end=31/05/2026").context["board"]
    assert (board.start, board.end, board.as_of) == (D(2026, 1, 1), D(2026, 5, 31), D(2026, 5, 31))
    r = client.get("/tong-quan/?period=custom&start=01/06/2026")
    assert "Kỳ tùy chọn cần có cả ngày bắt đầu và ngày kết thúc." in r.content.decode()
    assert client.get("/tong-quan/?period=quarter").context["board"].start == D(2026, 4, 1)


def test_confidential_tasks_are_not_counted(s, login, tasks):
    secret = DocumentFactory(owner=s.commune, confidentiality=Confidentiality.TOP_SECRET)
    TaskFactory(owner=s.commune, lead_unit=s.lead_unit, document=secret, deadline=D(2026, 6, 1))
    assert login(s.leader).get("/tong-quan/").context["board"].rates.overdue == 1
    secret.allowed_people.add(s.leader)
    assert login(s.leader).get("/tong-quan/").context["board"].rates.overdue == 2


def test_another_communes_tracker_counts_nothing_of_this_commune(s, login, tasks):
    board = login(s.other_tracker).get("/tong-quan/").context["board"]
    assert board.rates.total == 1
    assert [t.pk for t in board.overdue] == [tasks["elsewhere"].pk]


def _created_per_month(client) -> dict[str, int]:
    trend = client.get("/tong-quan/").context["board"].trend_chart
    return dict(zip(trend["labels"], trend["datasets"][0]["data"], strict=True))


def test_the_trend_counts_a_task_in_the_month_it_was_created_in_local_time(s, login):
    client = login(s.leader)
    before = _created_per_month(client)
    with time_machine.travel("2026-06-01 00:30 +0700", tick=False):  # 17:30 on 31/05 in UTC
        TaskFactory(owner=s.commune, lead_unit=s.lead_unit)
    with time_machine.travel("2026-05-31 23:30 +0700", tick=False):
        TaskFactory(owner=s.commune, lead_unit=s.lead_unit)
    after = _created_per_month(client)
    assert after["05/2026"] - before["05/2026"] == 1
    assert after["06/2026"] - before["06/2026"] == 1


def test_the_trend_counts_tasks_done_on_time_and_late_per_month(s, login, tasks):
    TaskFactory(
        owner=s.commune,
        lead_unit=s.lead_unit,
        deadline=D(2026, 5, 31),
        state=TaskState.DONE,
        completed_on=D(2026, 5, 30),
    )
    trend = login(s.leader).get("/tong-quan/").context["board"].trend_chart
    ok, late = (dict(zip(trend["labels"], d["data"], strict=True)) for d in trend["datasets"][1:])
    assert (ok["05/2026"], late["05/2026"]) == (1, 0)
    assert (ok["06/2026"], late["06/2026"]) == (0, 1)


# SQL functions that turn a stored date or instant into another value: a condition or a
# grouping on them reads every row instead of a range of an index.
DATE_FUNCTIONS = ("django_datetime_cast_date", "django_datetime_trunc", "django_date_trunc", "AT TIME ZONE")


def test_the_dashboard_runs_a_fixed_number_of_queries_without_date_functions(s, login, tasks):
    client = login(s.leader)
    client.get("/tong-quan/")  # the session and the person's scopes, read once
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/tong-quan/").status_code == 200
    sql = [q["sql"] for q in ctx.captured_queries]
    assert len(sql) == DASHBOARD_QUERIES, "\n".join(sql)
    assert not [q for q in sql if any(f in q for f in DATE_FUNCTIONS)]


def test_the_dashboards_counts_work_out_each_tasks_status_once(s, login, tasks):
    """The figures work out no status for most tasks: grouped by the stored outcome, open tasks
    split by their deadline; only the few judged apart are grouped by the status CASE, once per
    row (11 copies of it per row made the dashboard take seconds on 100,000 tasks). The trend
    counts done tasks by their stored outcome."""
    client = login(s.leader)
    client.get("/tong-quan/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/tong-quan/")
    # Not the navigation's "việc chờ tôi" count (a count over one UNION ALL of what waits).
    counting = [
        q["sql"]
        for q in ctx.captured_queries
        if "COUNT(" in q["sql"]
        and "tasks_task" in q["sql"]
        and not q["sql"].startswith("SELECT COUNT(*) FROM (")
    ]
    rates, apart, trend = counting  # the rates with the table by unit, those judged apart, the trend
    assert "'no_deadline'" not in rates and '"outcome"' in rates, rates  # no status at all
    assert apart.count("THEN 'no_deadline'") == 1, apart
    assert "'no_deadline'" not in trend and '"outcome"' in trend, trend
