"""Report packages in the admin: each person sees the keys and packages of their own unit tree only, a
commune's private key on no page, nothing can be added, edited or deleted there, and keys are revoked
(an admin action) only by those who may register them — never by a read-only role."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from dieuhanh.core.models import AuditEvent
from dieuhanh.exchange import signing
from dieuhanh.exchange.models import ReceivedPackage, SenderKey, SigningKey
from dieuhanh.exchange.package import build_package
from dieuhanh.exchange.receiving import receive, register_key
from dieuhanh.org.constants import Role, UnitKind
from tests.exchange.conftest import logged_in, signed_package
from tests.factories import CommuneFactory, MembershipFactory, UnitFactory

pytestmark = pytest.mark.django_db

MODELS = ["senderkey", "receivedpackage", "signingkey", "sentpackage"]


def staff(unit, role):
    """A staff account holding `role` in `unit`, with Django's view permission on the package models."""
    user = MembershipFactory(unit=unit, role=role).user
    user.is_staff = True
    user.save()
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="exchange", codename__startswith="view_")
    )
    return user


@pytest.fixture
def two_provinces(province):
    """Commune An sends to this province (key registered, one package received); another province's
    commune does the same there."""
    w = province
    a, leader = w.units["a"], w.people["province_leader"]
    package = build_package(a, w.people["tracker"], "2026-07")
    register_key(a, SigningKey.objects.get(organisation=a).public_key, leader)
    receive(package, leader, "2026-07")
    other_province = UnitFactory(kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Khác")
    far = CommuneFactory(parent=other_province, name="Ủy ban nhân dân xã Xa")
    far_leader = MembershipFactory(unit=other_province, role=Role.LEADER).user
    key = signing.new_key()
    register_key(far, key[1], far_leader)
    receive(signed_package(far, key), far_leader, "2026-07")
    w.units.update(other_province=other_province, far=far)
    return w


def changelist(client, model) -> str:
    response = client.get(reverse(f"admin:exchange_{model}_changelist"))
    assert response.status_code == 200
    return response.content.decode()


def test_each_person_sees_only_the_keys_and_packages_of_their_tree(two_provinces):
    w = two_provinces
    here = logged_in(staff(w.units["province"], Role.LEADER))
    there = logged_in(staff(w.units["other_province"], Role.LEADER))
    for model in ("senderkey", "receivedpackage"):
        assert "xã An" in changelist(here, model) and "xã Xa" not in changelist(here, model)
        assert "xã Xa" in changelist(there, model) and "xã An" not in changelist(there, model)
    mine = ReceivedPackage.objects.get(unit=w.units["a"])
    assert there.get(reverse("admin:exchange_receivedpackage_change", args=[mine.pk])).status_code == 302
    assert here.get(reverse("admin:exchange_receivedpackage_change", args=[mine.pk])).status_code == 200
    # The commune's own side: its key and what it sent, to its own people, not to another commune's.
    commune = logged_in(staff(w.units["a"], Role.TRACKER))
    assert "xã An" in changelist(commune, "signingkey") and "xã An" in changelist(commune, "sentpackage")
    other_commune = logged_in(staff(w.units["b"], Role.TRACKER))
    assert "xã An" not in changelist(other_commune, "signingkey") + changelist(other_commune, "sentpackage")


def test_a_communes_private_key_is_on_no_admin_page(two_provinces):
    w = two_provinces
    root = MembershipFactory(
        unit=w.units["province"], role=Role.ADMIN, user__is_staff=True, user__is_superuser=True
    ).user
    client = logged_in(root)
    key = SigningKey.objects.get()
    pages = [
        reverse("admin:exchange_signingkey_changelist"),
        reverse("admin:exchange_signingkey_change", args=[key.pk]),
    ]
    pages += [
        reverse("admin:core_auditevent_change", args=[pk])
        for pk in AuditEvent.objects.values_list("pk", flat=True)
    ]
    for url in pages:
        page = client.get(url).content.decode()
        assert key.private_key not in page, url
    assert key.public_key in client.get(pages[1]).content.decode()


def test_nothing_is_added_edited_or_deleted_in_the_admin(two_provinces):
    w = two_provinces
    root = MembershipFactory(
        unit=w.units["province"], role=Role.ADMIN, user__is_staff=True, user__is_superuser=True
    ).user
    client = logged_in(root)
    package = ReceivedPackage.objects.get(unit=w.units["a"])
    before = json.dumps(package.document, sort_keys=True)
    for model in MODELS:
        assert client.get(reverse(f"admin:exchange_{model}_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:exchange_receivedpackage_delete", args=[package.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    client.post(reverse("admin:exchange_receivedpackage_change", args=[package.pk]), {"period_label": "Sửa"})
    package.refresh_from_db()
    assert json.dumps(package.document, sort_keys=True) == before and package.period_label == "Tháng 7/2026"


def _revoke(client, key):
    return client.post(
        reverse("admin:exchange_senderkey_changelist"),
        {"action": "revoke", "_selected_action": [key.pk], "index": 0},
        follow=True,
    )


def test_a_leader_of_the_office_above_revokes_keys_from_the_admin(two_provinces):
    w = two_provinces
    leader = staff(w.units["province"], Role.LEADER)
    key = SenderKey.objects.get(unit=w.units["a"])
    page = _revoke(logged_in(leader), key).content.decode()
    assert "Đã thu hồi 1 khóa" in page
    key.refresh_from_db()
    assert key.revoked_at is not None and key.revoked_by == leader


@pytest.mark.parametrize("role", [Role.VIEWER, Role.TRACKER])
def test_read_only_and_receiving_only_roles_cannot_revoke(two_provinces, role):
    w = two_provinces
    client = logged_in(staff(w.units["province"], role))
    assert 'value="revoke"' not in changelist(client, "senderkey")
    _revoke(client, SenderKey.objects.get(unit=w.units["a"]))
    assert not SenderKey.objects.filter(revoked_at__isnull=False).exists()


def test_a_leader_cannot_revoke_another_provinces_key(two_provinces):
    w = two_provinces
    _revoke(logged_in(staff(w.units["province"], Role.LEADER)), SenderKey.objects.get(unit=w.units["far"]))
    assert not SenderKey.objects.filter(revoked_at__isnull=False).exists()
