import pytest

from dieuhanh.intake.directory import unit_directory
from tests.intake.factories import build_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return build_org()


def ids(directory) -> set[int]:
    return {entry["id"] for entry in directory.entries}


def test_it_holds_the_commune_its_units_the_province_and_its_departments(org):
    directory = unit_directory(org.commune)
    assert ids(directory) == {
        org.commune.pk,
        org.office.pk,
        org.culture.pk,
        org.economy.pk,
        org.police.pk,
        org.province.pk,
        org.science.pk,
    }


def test_it_resolves_short_names_and_aliases(org):
    directory = unit_directory(org.commune)
    assert directory.resolve("Phòng VH-XH").unit_id == org.culture.pk
    assert directory.resolve("Phòng VHXH").unit_id == org.culture.pk
    assert directory.resolve("Sở KH&CN").unit_id == org.science.pk
    assert directory.resolve("Công an xã").unit_id == org.police.pk


def test_it_knows_how_an_organisation_names_itself(org):
    assert unit_directory(org.commune).resolve("UBND xã").unit_id == org.commune.pk
    assert unit_directory(org.province).resolve("UBND tỉnh").unit_id == org.province.pk


def test_a_province_directory_names_its_communes_but_not_their_departments(org):
    directory = unit_directory(org.province)
    assert {org.commune.pk, org.other_commune.pk, org.science.pk} <= ids(directory)
    assert org.police.pk not in ids(directory)
    assert org.other_police.pk not in ids(directory)


def test_it_leaves_out_inactive_units(org):
    org.economy.is_active = False
    org.economy.save()
    assert org.economy.pk not in ids(unit_directory(org.commune))


def test_it_reads_the_units_in_one_query(org, django_assert_num_queries):
    with django_assert_num_queries(1):
        unit_directory(org.commune)
