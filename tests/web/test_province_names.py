"""Province views name the commune beside every department (issue 14, item 10): lists, the
dashboard's lists, the task page, and a unit pick-list grouped by commune, cached per organisation."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dieuhanh.org.models import Unit
from dieuhanh.org.unit_names import place_name
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def place(unit: Unit) -> str:
    return place_name(unit.name)


def test_a_province_sees_the_commune_beside_each_department(s, login):
    labelled = f"Phòng Văn hóa - Xã hội · {place(s.commune)}"
    TaskFactory(owner=s.commune, lead_unit=s.lead_unit, deadline=datetime.date(2026, 6, 1))  # overdue
    province = login(s.province_leader)
    assert labelled in province.get("/nhiem-vu/").content.decode()
    page = province.get(f"/nhiem-vu/{s.task.pk}/").content.decode()
    assert labelled in page and f"Công an xã · {place(s.commune)}" in page  # the coordinator too
    assert labelled in province.get("/tong-quan/").content.decode()  # the overdue / due soon lists


def test_a_commune_sees_its_own_departments_by_their_names(s, login):
    for who in (s.tracker, s.lead):
        body = login(who).get(f"/nhiem-vu/{s.task.pk}/").content.decode()
        assert "Phòng Văn hóa - Xã hội" in body and " · " + place(s.commune) not in body


def test_the_unit_pick_list_groups_by_commune_for_a_province(s, login):
    body = login(s.province_leader).get("/nhiem-vu/").content.decode()
    select = body.split('name="unit"')[1].split("</select>")[0]
    group = f'<optgroup label="{place(s.commune)}">'
    assert group in select and f'<optgroup label="{place(s.other_commune)}">' in select
    in_group = select.split(group)[1].split("</optgroup>")[0]
    assert f'<option value="{s.lead_unit.pk}">Phòng Văn hóa - Xã hội</option>' in in_group
    commune_body = login(s.tracker).get("/nhiem-vu/").content.decode()
    assert "<optgroup" not in commune_body.split('name="unit"')[1].split("</select>")[0]


def test_a_chosen_unit_stays_selected_in_its_group(s, login):
    body = login(s.province_leader).get(f"/nhiem-vu/?unit={s.lead_unit.pk}").content.decode()
    assert f'<option value="{s.lead_unit.pk}" selected>' in body


def test_the_pick_list_is_cached_and_follows_a_renamed_unit(s, login):
    client = login(s.province_leader)
    client.get("/nhiem-vu/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/nhiem-vu/")
    listed = [q for q in warm.captured_queries if 'ORDER BY "org_unit"."path"' in q["sql"]]
    assert not listed, listed
    s.outsider_unit.name = "Phòng Kinh tế - Hạ tầng"
    s.outsider_unit.save()
    body = client.get("/nhiem-vu/").content.decode()
    assert f'<option value="{s.outsider_unit.pk}">Phòng Kinh tế - Hạ tầng</option>' in body
    added = Unit.objects.create(parent=s.other_commune, kind="commune_dept", name="Phòng Mới", code="moi")
    assert f'<option value="{added.pk}">Phòng Mới</option>' in client.get("/nhiem-vu/").content.decode()
