"""A small province with two communes whose units carry the names directives use, and drafts."""

from dataclasses import dataclass

import factory

from dieuhanh.intake.models import ImportDraft, ProposedTask
from dieuhanh.intake.services.corrections import current_values
from dieuhanh.org.constants import Role, UnitKind
from dieuhanh.org.models import Unit, UnitAlias, User
from tests.factories import CommuneFactory, DocumentFactory, MembershipFactory, UnitFactory


@dataclass
class Org:
    province: Unit
    science: Unit
    commune: Unit
    office: Unit
    culture: Unit
    economy: Unit
    police: Unit
    other_commune: Unit
    other_police: Unit
    tracker: User
    province_tracker: User
    member: User


def unit(parent, name, kind=UnitKind.COMMUNE_DEPT, short_name="", aliases=()) -> Unit:
    made = UnitFactory(parent=parent, name=name, kind=kind, short_name=short_name)
    for alias in aliases:
        UnitAlias.objects.create(unit=made, name=alias)
    return made


def person(unit: Unit, role: str) -> User:
    """A member without a password: hashing one costs most of a test's time."""
    return MembershipFactory(unit=unit, role=role, user__password=None).user


def build_org() -> Org:
    """Tỉnh Bình Thử ── Sở KH&CN, xã Hòa An (four units), xã Bình Yên (its police)."""
    province = UnitFactory(
        kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Bình Thử", short_name="UBND tỉnh Bình Thử"
    )
    science = unit(province, "Sở Khoa học và Công nghệ", UnitKind.PROVINCE_DEPT, "Sở KH&CN")
    commune = CommuneFactory(parent=province, name="Ủy ban nhân dân xã Hòa An", short_name="UBND xã Hòa An")
    other = CommuneFactory(parent=province, name="Ủy ban nhân dân xã Bình Yên", short_name="UBND xã Bình Yên")
    culture = unit(commune, "Phòng Văn hóa - Xã hội", short_name="Phòng VH-XH", aliases=["Phòng VHXH"])
    return Org(
        province=province,
        science=science,
        commune=commune,
        office=unit(commune, "Văn phòng HĐND và UBND xã", short_name="VP HĐND-UBND"),
        culture=culture,
        economy=unit(commune, "Phòng Kinh tế", short_name="Phòng KT"),
        police=unit(commune, "Công an xã", UnitKind.POLICE),
        other_commune=other,
        other_police=unit(other, "Công an xã", UnitKind.POLICE),
        tracker=person(commune, Role.TRACKER),
        province_tracker=person(province, Role.TRACKER),
        member=person(culture, Role.MEMBER),
    )


class ImportDraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportDraft

    document = factory.SubFactory(DocumentFactory)
    organisation = factory.SelfAttribute("document.owner")


class ProposedTaskFactory(factory.django.DjangoModelFactory):
    """A proposed task whose `proposed` matches its fields, as import_document leaves it."""

    class Meta:
        model = ProposedTask
        skip_postgeneration_save = True

    draft = factory.SubFactory(ImportDraftFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Rà soát nội dung số {n}.")
    summary = factory.LazyAttribute(lambda t: t.text)
    lead_unit = None
    lead_name = factory.LazyAttribute(lambda t: t.lead_unit.name if t.lead_unit else "")
    lead_confidence = 1.0

    @factory.post_generation
    def proposal(obj, create, extracted, **kwargs):
        if create and obj.origin == ProposedTask.Origin.EXTRACTED:
            obj.proposed = current_values(obj, [])
            obj.save()
