"""List pages make the same number of queries for 5 rows as for 50 (no N+1), as NetBox's baselines do."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import DocumentFactory, ProgressReportFactory, TaskFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def add_rows(s, n):
    for i in range(n):
        doc = DocumentFactory(owner=s.commune)
        task = TaskFactory(
            owner=s.commune, lead_unit=s.lead_unit, document=doc, deadline=D(2026, 6, 1 + i % 28)
        )
        task.coordinators.add(s.coord_unit)
        ProgressReportFactory(task=task, reported_on=D(2026, 6, 10))


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/nhiem-vu/",
        "/nhiem-vu/?status=open&q=ra+soat&sort=unit",
        "/van-ban/",
        "/van-ban/?q=chuyen+doi+so",
        "/tong-quan/",
        "/don-vi-cua-toi/",
    ],
)
def test_list_pages_make_a_bounded_number_of_queries(s, login, django_assert_max_num_queries, url):
    client = login(s.leader if "don-vi" not in url else s.lead)
    add_rows(s, 5)
    few = count(client, url)
    add_rows(s, 45)
    with django_assert_max_num_queries(few):
        client.get(url)
    assert few <= 20


def test_the_export_makes_a_bounded_number_of_queries(s, login, django_assert_max_num_queries):
    client = login(s.tracker)
    add_rows(s, 5)
    few = count(client, "/nhiem-vu/xuat-excel/")
    add_rows(s, 45)
    with django_assert_max_num_queries(few):
        client.get("/nhiem-vu/xuat-excel/")


# A document's full text and extraction JSON run to hundreds of kilobytes: a row shows its number.
DOCUMENT_BODY = ('"documents_document"."text"', '"documents_document"."extraction"')


@pytest.mark.parametrize(
    "who, url",
    [
        ("leader", "/nhiem-vu/"),
        ("leader", "/tong-quan/"),
        ("lead", "/don-vi-cua-toi/"),
        ("tracker", "/nhiem-vu/xuat-excel/"),
        ("tracker", "/bao-cao/xuat/tasks/"),
        ("tracker", "/bao-cao/xuat/documents/"),
    ],
)
def test_lists_and_exports_never_read_a_documents_text_or_extraction(s, login, who, url):
    add_rows(s, 5)
    with CaptureQueriesContext(connection) as ctx:
        assert login(getattr(s, who)).get(url).status_code == 200
    assert [q["sql"] for q in ctx.captured_queries if any(c in q["sql"] for c in DOCUMENT_BODY)] == []


def fill_task(s, n):
    """n more of everything the task page lists: reports with evidence, directions, requests, children."""
    from dieuhanh.tasks.models import CompletionRequest, DeadlineChange, Direction, ProgressAttachment
    from tests.factories import UnitFactory

    task = s.task
    for i in range(n):
        report = ProgressReportFactory(task=task, reported_on=D(2026, 6, 1 + i))
        ProgressAttachment.objects.create(report=report, file="evidence/a.pdf", name=f"bien-ban-{i}.pdf")
        Direction.objects.create(task=task, author=s.leader, text=f"Chỉ đạo {i}")
        DeadlineChange.objects.create(
            task=task,
            old_date=task.deadline,
            new_date=D(2026, 8, 1 + i),
            reason="Chờ kinh phí",
            status="rejected",
        )
        CompletionRequest.objects.create(task=task, claimed_on=D(2026, 6, 1), status="rejected")
        task.coordinators.add(UnitFactory(parent=s.commune))
        task.assignees.add(s.lead)
        TaskFactory(owner=s.commune, lead_unit=s.lead_unit, parent=task)


# The task page works out who the person is to the task once (TaskRelation). Before, this page
# made 24 queries for a leader and 21 for a member of the lead unit, 5 of them the same visibility check.
# One of them is the navigation's "việc chờ tôi" count, on every page.
@pytest.mark.parametrize(("who", "queries"), [("leader", 15), ("tracker", 15), ("lead", 15), ("coord", 14)])
def test_the_task_page_makes_a_fixed_number_of_queries(s, login, django_assert_num_queries, who, queries):
    client = login(getattr(s, who))
    url = f"/nhiem-vu/{s.task.pk}/"
    fill_task(s, 2)
    client.get(url)  # the session's first use
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    fill_task(s, 5)
    client.get(url)  # units were added: the cached commune names (unit_names.py) are read again once
    with django_assert_num_queries(queries):
        client.get(url)
