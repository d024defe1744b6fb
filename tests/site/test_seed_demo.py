import pytest
from django.core.management import call_command

from dieuhanh.documents.models import Document
from dieuhanh.intake.models import ImportDraft, ProposedTask
from dieuhanh.org.access import Access
from dieuhanh.org.constants import Role
from dieuhanh.org.models import Membership, Unit, User
from dieuhanh.tasks.access import visible_tasks
from dieuhanh.tasks.models import Task

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


def task_counts():
    return (Task.objects.count(), ImportDraft.objects.count(), ProposedTask.objects.count())


def test_seeding_twice_imports_no_task_twice():
    call_command("seed_demo")
    first = task_counts()
    call_command("seed_demo")
    assert task_counts() == first


def test_every_sample_is_imported_and_confirmed_with_its_tasks(capsys):
    call_command("seed_demo")
    drafts = ImportDraft.objects.select_related("document")
    assert drafts.count() == 5
    assert set(drafts.values_list("status", flat=True)) == {ImportDraft.Status.CONFIRMED}
    for draft in drafts:
        kept = draft.tasks.filter(dropped=False).count()
        made = Task.objects.filter(document=draft.document, series=None, parent=None).count()
        assert kept > 0 and made == kept, draft.document.original_name
        assert draft.document.extraction["tasks"]
    assert not Task.objects.filter(lead_unit=None).exists()
    out = capsys.readouterr().out
    assert "1087/UBND-VHXH" in out and "nhiệm vụ" in out


def test_sample_tasks_are_led_by_units_of_their_own_organisation():
    call_command("seed_demo")
    for task in Task.objects.select_related("owner", "lead_unit"):
        assert task.lead_unit.path.startswith(task.owner.path), task


def test_the_demo_police_officer_sees_the_sample_tasks_of_the_commune_police():
    call_command("seed_demo")
    police = Unit.objects.get(code="xa-gia-loc-ca")
    seen = visible_tasks(Access.of(User.objects.get(username="congan")))
    assert seen.filter(lead_unit=police).exists()
    assert all(t.lead_unit == police or police in t.coordinators.all() for t in seen)
