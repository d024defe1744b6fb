"""Query shapes that keep the dashboard and the lists fast on a province's 100,000 tasks (issue 17).

Each test checks the rows first (same tasks as the plain rule), then, on SQLite, the plan:
SQLite keeps no statistics unless ANALYZE runs, so a condition that can use an index is read
through it, even when it matches nearly every row, one row at a time (bench/scale_bench.py).
"""

import datetime
import re

import pytest
import time_machine
from django import forms
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from dieuhanh.core.form_fields import RowChoiceField
from dieuhanh.org.access import Access
from dieuhanh.org.models import Unit
from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.dashboard import dashboard_list, scope
from dieuhanh.tasks.forms.filters import PlainSelect
from dieuhanh.tasks.listing import in_subtree
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.rates import in_period
from dieuhanh.tasks.status import Status, annotate_status
from tests.factories import TaskFactory, UnitFactory
from tests.scenario import build_scenario

pytestmark = pytest.mark.django_db
D = datetime.date
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="EXPLAIN QUERY PLAN of SQLite")


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(row[-1] for row in cursor.fetchall())


def any_plan(queryset) -> str:
    """The plan on either database. On PostgreSQL with sequential scans disabled: a test database
    of a few rows is read whole whatever the query, so this shows whether an index *can* answer it
    (bench/explain_dashboard.py shows the plans chosen on a province's million tasks)."""
    if connection.vendor == "sqlite":
        return plan(queryset)
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        shown = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on")
    return shown


@pytest.fixture
def s():
    with time_machine.travel("2026-03-01 09:00 +0700", tick=False):
        s = build_scenario()
        deeper = UnitFactory(parent=s.lead_unit, name="Tổ công tác")
        TaskFactory(owner=s.province, lead_unit=deeper)  # the province's task led inside the commune
        TaskFactory(owner=s.other_commune, lead_unit=UnitFactory(parent=s.other_commune))
        TaskFactory(owner=s.commune, lead_unit=s.lead_unit, state=TaskState.DONE, completed_on=D(2026, 2, 1))
    return s


def test_a_communes_tasks_are_the_ones_tracked_or_led_in_its_subtree(s):
    path = s.commune.path
    by_path = Task.objects.filter(Q(owner__path__startswith=path) | Q(lead_unit__path__startswith=path))
    assert set(Task.objects.filter(in_subtree(s.commune))) == set(by_path)
    assert Task.objects.filter(in_subtree(s.commune)).count() == 3


@sqlite_only
def test_a_communes_tasks_are_found_through_the_owner_and_lead_unit_indexes(s):
    shown = plan(Task.objects.filter(in_subtree(s.commune)))
    assert "SCAN tasks_task" not in shown, shown
    assert "tasks_task_owner_id" in shown and "tasks_task_lead_unit_id" in shown, shown


@time_machine.travel("2026-06-15 09:00 +0700", tick=False)
def test_a_period_not_yet_ended_counts_every_task_created_so_far(s):
    created_later = TaskFactory(owner=s.commune, lead_unit=s.lead_unit)  # created today, 15/06
    in_june = in_period(Task.objects.all(), D(2026, 6, 1), D(2026, 6, 30))
    assert created_later in in_june
    assert not in_june.filter(state=TaskState.DONE).exists()  # done on 1/2, before the period
    in_may = in_period(Task.objects.all(), D(2026, 5, 1), D(2026, 5, 31))
    assert created_later not in in_may
    assert in_may.count() == 3


@sqlite_only
@time_machine.travel("2026-06-15 09:00 +0700", tick=False)
def test_the_tasks_of_the_current_year_are_read_in_one_scan_not_through_an_index(s):
    shown = plan(in_period(Task.objects.all(), D(2026, 1, 1), D(2026, 12, 31)))
    assert "task_created_at" not in shown and "task_completed_on" not in shown, shown


def _options(html: str) -> list[tuple[str, bool, str]]:
    return [
        (value, bool(chosen), label)
        for value, chosen, label in re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)
    ]


@pytest.mark.parametrize("value", [None, "pick", "12345678"])
def test_the_unit_pick_list_written_in_python_offers_what_djangos_select_offers(s, value):
    units = Unit.objects.filter(path__startswith=s.province.path)
    chosen = {None: None, "pick": str(s.lead_unit.pk), "12345678": "12345678"}[value]

    def form(widget):
        class Form(forms.Form):
            unit = RowChoiceField(
                queryset=units, required=False, empty_label="Tất cả <đơn vị>", widget=widget
            )

        return str(Form({"unit": chosen} if chosen else None)["unit"])

    plain, django_select = form(PlainSelect), form(forms.Select)
    assert _options(plain) == _options(django_select)
    assert len(_options(plain)) == units.count() + 1
    assert plain.startswith('<select name="unit"') and 'id="id_unit"' in plain


@sqlite_only  # PostgreSQL's choice on a few rows says nothing: see bench/explain_dashboard.py
@time_machine.travel("2026-03-01 09:00 +0700", tick=False)
def test_the_dashboards_overdue_and_due_soon_lists_walk_the_deadline_index(s):
    """The two short lists are the first ten by deadline: read in deadline order from an index and
    stopped after ten, not every task sorted. The due-soon list reads the week ahead from the
    deadline index and the awaiting claims from their own (partial) index, sorting only those."""
    access = Access.of(s.province_leader)
    for status, indexes in ((Status.OVERDUE, 1), (Status.DUE_SOON, 2)):
        with CaptureQueriesContext(connection) as ctx:
            dashboard_list(scope(access), status, D(2026, 1, 1), D(2026, 12, 31), D(2026, 3, 1))
        plans = [explain(q["sql"]) for q in ctx.captured_queries if "tasks_task" in q["sql"]]
        assert len(plans) == indexes, plans
        assert "tasks_task_deadline" in plans[0] and "TEMP B-TREE FOR ORDER BY" not in plans[0], plans[0]
        if status == Status.DUE_SOON:
            assert "task_awaiting_claims" in plans[1], plans[1]


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(row[-1] for row in cursor.fetchall())


def test_a_communes_tasks_can_be_found_through_the_owner_and_lead_unit_indexes_on_both_databases(s):
    shown = any_plan(Task.objects.filter(in_subtree(s.commune)).order_by())
    # Any index that starts with the column will do (lead_unit has two: its own and lead_unit+state).
    assert index_lookup(shown, "owner_id") and index_lookup(shown, "lead_unit_id"), shown


def index_lookup(plan_text: str, column: str) -> bool:
    if connection.vendor == "sqlite":
        return re.search(rf"USING (?:COVERING )?INDEX \S+ \({column}=", plan_text) is not None
    return re.search(rf"Index Cond: \({column} = ", plan_text) is not None


@time_machine.travel("2026-03-01 09:00 +0700", tick=False)
def test_the_status_reads_the_stored_outcome_instead_of_working_out_a_closed_tasks_status(s):
    sql = str(annotate_status(Task.objects.all(), D(2026, 3, 1)).query)
    assert 'THEN "tasks_task"."outcome"' in sql
    assert "'done_late'" not in sql and "'cancelled'" not in sql  # no branch per closed status
