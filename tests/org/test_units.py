import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dieuhanh.org.models import Unit, UnitAlias
from tests.factories import CommuneFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_it_keeps_the_path_from_the_root():
    commune = CommuneFactory()
    dept = UnitFactory(parent=commune)
    assert dept.path == f"{commune.path}{dept.pk}/"
    assert list(commune.subtree()) == [commune, dept]


def test_it_refuses_a_unit_as_its_own_parent():
    unit = UnitFactory()
    unit.parent = unit
    with pytest.raises(ValidationError):
        unit.save()


def test_it_refuses_a_cycle_through_a_descendant():
    top = CommuneFactory()
    middle = UnitFactory(parent=top)
    bottom = UnitFactory(parent=middle)
    top.parent = bottom
    with pytest.raises(ValidationError):
        top.save()


def test_it_moves_the_whole_subtree():
    a, b = CommuneFactory(), CommuneFactory()
    dept = UnitFactory(parent=a)
    team = UnitFactory(parent=dept)
    dept.parent = b
    dept.save()
    team.refresh_from_db()
    assert team.path == f"{b.path}{dept.pk}/{team.pk}/"


def test_moving_a_unit_rewrites_its_subtree_in_one_statement_whatever_its_size():
    a, b = CommuneFactory(), CommuneFactory()
    dept = UnitFactory(parent=a)
    teams = [UnitFactory(parent=dept) for _ in range(5)]
    people = [UnitFactory(parent=teams[0]) for _ in range(5)]
    untouched = UnitFactory(parent=a)
    dept.parent = b
    with CaptureQueriesContext(connection) as ctx:
        dept.save()
    updates = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith('UPDATE "org_unit" SET "path"')]
    assert len(updates) == 1
    assert Unit.objects.get(pk=dept.pk).path == f"{b.path}{dept.pk}/"
    for team in teams:
        assert Unit.objects.get(pk=team.pk).path == f"{b.path}{dept.pk}/{team.pk}/"
    for person in people:
        assert Unit.objects.get(pk=person.pk).path == f"{b.path}{dept.pk}/{teams[0].pk}/{person.pk}/"
    assert Unit.objects.get(pk=untouched.pk).path == f"{a.path}{untouched.pk}/"


def test_organisation_is_the_nearest_commune():
    commune = CommuneFactory()
    team = UnitFactory(parent=UnitFactory(parent=commune))
    assert team.organisation() == commune


def test_an_alias_is_folded_for_lookup():
    alias = UnitAlias.objects.create(unit=UnitFactory(), name="Phòng VH-XH")
    assert alias.folded == "phong vh xh"
    assert Unit.objects.filter(aliases__folded="phong vh xh").count() == 1
