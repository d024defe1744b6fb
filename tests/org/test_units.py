import pytest
from django.core.exceptions import ValidationError

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


def test_organisation_is_the_nearest_commune():
    commune = CommuneFactory()
    team = UnitFactory(parent=UnitFactory(parent=commune))
    assert team.organisation() == commune


def test_an_alias_is_folded_for_lookup():
    alias = UnitAlias.objects.create(unit=UnitFactory(), name="Phòng VH-XH")
    assert alias.folded == "phong vh xh"
    assert Unit.objects.filter(aliases__folded="phong vh xh").count() == 1
