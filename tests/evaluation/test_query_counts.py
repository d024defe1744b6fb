"""The evaluation's lists and files make as many queries for 30 officials (or products) as for 3."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dieuhanh.evaluation.models import Sheet
from dieuhanh.evaluation.services import cycle
from dieuhanh.evaluation.services.periods import open_period
from dieuhanh.org.constants import Role
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def officials(world, n):
    for _ in range(n):
        person = MembershipFactory(unit=world.culture, role=Role.MEMBER).user
        world.people[person.username] = person
        world.task(person.username, DAY(2026, 6, 10), done_on=DAY(2026, 6, 9))


@pytest.mark.parametrize(
    "name",
    [
        "evaluation:home",
        "evaluation:period",
        "evaluation:period_summary_file",
        "evaluation:period_export",
        "year",
    ],
)
def test_pages_and_files_over_many_officials(client, world, django_assert_max_num_queries, name):
    client.force_login(world.people["leader"])

    def url(period):
        if name == "year":
            return reverse("evaluation:year", args=[2026])
        if name == "evaluation:home":
            return reverse(name)
        if name == "evaluation:period_export":
            return reverse(name, args=[period.pk, "csv"])
        return reverse(name, args=[period.pk])

    officials(world, 3)
    period, _ = open_period(world.commune, world.people["clerk"], year=2026, number=6)
    few = count(client, url(period))
    officials(world, 27)
    open_period(world.commune, world.people["clerk"], year=2026, number=6)
    with django_assert_max_num_queries(few):
        client.get(url(period))


def test_a_sheet_page_over_many_products(client, world, django_assert_max_num_queries):
    for day in range(1, 4):
        world.task("hoa", DAY(2026, 6, day), done_on=DAY(2026, 6, day))
    period, _ = open_period(world.commune, world.people["clerk"], year=2026, number=6)
    sheet = Sheet.objects.get(period=period, person=world.people["hoa"])
    client.force_login(world.people["hoa"])
    url = reverse("evaluation:sheet", args=[sheet.pk])
    few = count(client, url)
    for day in range(4, 30):
        world.task("hoa", DAY(2026, 6, day), done_on=DAY(2026, 6, day))
    cycle.refresh_products(sheet, world.people["hoa"])
    assert sheet.products.count() == 29
    with django_assert_max_num_queries(few):
        client.get(url)
