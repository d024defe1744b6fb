"""The indexes the registry list, the duplicate check of an import, the task list and the figures
rely on: the database's own plan (EXPLAIN) names them.

A small table is read whole whatever its indexes, so PostgreSQL is asked for its plan
with sequential scans and sorts priced out, and filters are asked without the models' default
order: the plan then shows that the index can serve the query.
"""

import datetime

import pytest
from django.db import connection, transaction

from dieuhanh.documents.models import Document
from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.models import Task
from tests.factories import CommuneFactory, DocumentFactory, UnitFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def plan(queryset) -> str:
    """The plan of `queryset` (in a savepoint rolled back after, for the settings below)."""
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")  # statistics, so the planner does not pick among indexes blindly
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        shown = "\n".join(str(row) for row in cursor.fetchall())
        transaction.set_rollback(True)
    return shown


@pytest.fixture
def rows():
    """A registry and task table of a commune's year or two, not a handful of rows: on five rows
    PostgreSQL's statistics tie an index with any other that holds the column (seen on fresh
    clones, with the owner's, the list-order and the covering figures index)."""
    owner = CommuneFactory()
    lead = UnitFactory(parent=owner)
    for i in range(200):
        document = DocumentFactory(owner=owner, issued_date=D(2025, 1, 1) + datetime.timedelta(days=2 * i))
    first = D(2025, 1, 1)
    tasks = Task.objects.bulk_create(
        Task(
            owner=owner,
            lead_unit=lead,
            text=f"Nhiệm vụ {i}",
            document=document,
            state=TaskState.DONE if i % 2 else TaskState.OPEN,
            completed_on=first + datetime.timedelta(days=i) if i % 2 else None,
        )
        for i in range(600)
    )
    for i, task in enumerate(tasks):  # created_at is set to now on insert: spread it over the days
        Task.objects.filter(pk=task.pk).update(
            created_at=datetime.datetime.combine(
                first + datetime.timedelta(days=i), datetime.time(), datetime.UTC
            )
        )
    return document


def test_the_registry_list_is_read_in_order_from_its_index(rows):
    assert "document_list_order" in plan(Document.objects.order_by("-issued_date", "-id")[:25])


def test_the_duplicate_check_finds_the_number_in_the_organisations_registry(rows):
    same = Document.objects.filter(
        owner=rows.owner, number="105", symbol="UBND-VP", issuer="", issued_date=D(2026, 5, 5)
    ).order_by()
    assert "document_number_per_owner" in plan(same)


def test_the_newest_tasks_come_from_the_creation_index(rows):
    assert "task_created_at" in plan(Task.objects.order_by("-created_at")[:25])
    since = datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC)
    assert "task_created_at" in plan(Task.objects.filter(created_at__gte=since).order_by())


def test_tasks_done_in_a_period_come_from_the_completion_index(rows):
    done = Task.objects.filter(completed_on__gte=D(2026, 6, 1), completed_on__lt=D(2026, 7, 1)).order_by()
    assert "task_completed_on" in plan(done)
