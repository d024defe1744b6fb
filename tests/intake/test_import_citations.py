import pytest

from dieuhanh.intake.services.importing import import_document
from tests.intake.factories import build_org
from tests.intake.texts import COMMUNE_DIRECTIVE, PROVINCE_DIRECTIVE, data

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return build_org()


def import_province(org):
    return import_document(
        org=org.province, data=data(PROVINCE_DIRECTIVE), filename="977.txt", actor=org.province_tracker
    ).document


def import_commune(org):
    return import_document(
        org=org.commune, data=data(COMMUNE_DIRECTIVE), filename="215.txt", actor=org.tracker
    ).document


def test_a_commune_directive_links_to_the_province_directive_already_registered(org):
    province_doc = import_province(org)
    commune_doc = import_commune(org)
    citation = commune_doc.citations.get(number="977/UBND-KGVX")
    assert citation.cited_document == province_doc
    assert list(province_doc.cited_by.values_list("document", flat=True)) == [commune_doc.pk]


def test_a_directive_registered_later_is_linked_from_the_ones_citing_it(org):
    commune_doc = import_commune(org)
    assert commune_doc.citations.get(number="977/UBND-KGVX").cited_document is None
    province_doc = import_province(org)
    assert commune_doc.citations.get(number="977/UBND-KGVX").cited_document == province_doc
    assert province_doc.cited_by.get().document == commune_doc
