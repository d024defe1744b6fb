import pytest
from django.core.management import call_command

from dieuhanh.documents.models import Document
from dieuhanh.org.constants import Role
from dieuhanh.org.models import Membership, Unit, User

pytestmark = pytest.mark.django_db


def counts():
    return (Unit.objects.count(), User.objects.count(), Membership.objects.count(), Document.objects.count())


def test_seeding_twice_duplicates_nothing(capsys):
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    assert "quantri" in capsys.readouterr().out


def test_the_demo_has_a_province_with_the_three_sample_communes():
    call_command("seed_demo")
    province = Unit.objects.get(kind="province")
    communes = set(Unit.objects.filter(kind="commune", parent=province).values_list("name", flat=True))
    assert {
        "Ủy ban nhân dân xã Gia Lộc",
        "Ủy ban nhân dân xã Cẩm Giang",
        "Ủy ban nhân dân xã Kỳ Lạc",
    } <= communes
    gia_loc = Unit.objects.get(code="xa-gia-loc")
    assert gia_loc.children.filter(name="Phòng Văn hóa - Xã hội", aliases__name="Phòng VH-XH").exists()
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)


def test_the_five_samples_are_registered_in_their_communes():
    call_command("seed_demo")
    assert Document.objects.count() == 5
    doc = Document.objects.get(number="1087")
    assert doc.symbol == "UBND-VHXH"
    assert doc.owner.code == "xa-gia-loc"
    assert doc.signer == "Nguyễn Thị Thu"
    assert doc.citations.filter(number="977/UBND-NC").exists()
