"""The indexes the registry list, the duplicate check of an import, the task list and the figures
rely on: the database's own plan (EXPLAIN) names them.

A table of a few rows is read whole whatever its indexes, so PostgreSQL is asked for its plan
with sequential scans and sorts priced out, and filters are asked without the models' default
order: the plan then shows that the index can serve the query.
"""

import datetime

import pytest
from django.db import connection, transaction

from dieuhanh.documents.models import Document
from dieuhanh.tasks.models import Task
from tests.factories import DocumentFactory, TaskFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def plan(queryset, without: tuple[str, ...] = ()) -> str:
    """The plan of `queryset`; on PostgreSQL the indexes `without` are dropped for it (and back after:
    the savepoint is rolled back) when on a table of a few rows they tie with the one looked for."""
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name in without:
                cursor.execute(f'DROP INDEX "{name}"')
            cursor.execute("ANALYZE")  # statistics, so the planner does not pick among indexes blindly
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        shown = "\n".join(str(row) for row in cursor.fetchall())
        transaction.set_rollback(True)  # the indexes dropped come back
    return shown


@pytest.fixture
def rows():
    for i in range(5):
        document = DocumentFactory(issued_date=D(2026, 5, 1 + i))
        TaskFactory(owner=document.owner, document=document, completed_on=None)
    return document


def test_the_registry_list_is_read_in_order_from_its_index(rows):
    assert "document_list_order" in plan(Document.objects.order_by("-issued_date", "-id")[:25])


def test_the_duplicate_check_finds_the_number_in_the_organisations_registry(rows):
    same = Document.objects.filter(
        owner=rows.owner, number="105", symbol="UBND-VP", issuer="", issued_date=D(2026, 5, 5)
    ).order_by()
    # On a few rows PostgreSQL may walk the list-order index as cheaply (seen on a fresh clone).
    assert "document_number_per_owner" in plan(same, without=("document_list_order",))


def test_the_newest_tasks_come_from_the_creation_index(rows):
    assert "task_created_at" in plan(Task.objects.order_by("-created_at")[:25])
    since = datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)
    assert "task_created_at" in plan(Task.objects.filter(created_at__gte=since).order_by())


def test_tasks_done_in_a_period_come_from_the_completion_index(rows):
    done = Task.objects.filter(completed_on__gte=D(2026, 6, 1), completed_on__lt=D(2026, 7, 1)).order_by()
    assert "task_completed_on" in plan(done)
