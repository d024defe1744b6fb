"""The province's page of trusted keys: each commune's key with when it was registered and last used,
revoked after a confirmation; a package signed with a revoked key is refused, saying so. Only those who
may register a key (a leader or administrator of the office above the commune) see the page or revoke."""

import json

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from dieuhanh.core.models import AuditEvent
from dieuhanh.exchange import signing
from dieuhanh.exchange.models import ReceivedPackage, SenderKey
from tests.exchange.conftest import logged_in, signed_package

pytestmark = pytest.mark.django_db


@pytest.fixture
def trusted(province):
    """Commune An's key, registered by the province's leader on the package page."""
    w = province
    w.key = signing.new_key()
    response = logged_in(w.people["province_leader"]).post(
        "/goi-bao-cao/", {"kind": "key", "unit": w.units["a"].pk, "public_key": w.key[1]}
    )
    assert response.status_code == 302
    w.sender_key = SenderKey.objects.get()
    return w


def receive(w, package):
    return w.client("province_tracker").post(
        "/api/v1/report-packages?period=2026-07", json.dumps(package), content_type="application/json"
    )


def test_the_page_lists_each_key_with_its_commune_registration_and_last_use(trusted):
    w = trusted
    page = logged_in(w.people["province_leader"]).get("/goi-bao-cao/khoa/").content.decode()
    row = page[page.index(f'data-key="{w.sender_key.pk}"') :].split("</tr>")[0]
    assert "Ủy ban nhân dân xã An" in row and w.sender_key.key_id in row
    assert "15/06/2026" in row and "chưa nhận gói nào" in row

    with time_machine.travel("2026-07-15 10:30 +0700", tick=False):
        assert receive(w, signed_package(w.units["a"], w.key)).status_code == 201
    w.sender_key.refresh_from_db()
    assert w.sender_key.last_package_at is not None
    page = logged_in(w.people["province_leader"]).get("/goi-bao-cao/khoa/").content.decode()
    row = page[page.index(f'data-key="{w.sender_key.pk}"') :].split("</tr>")[0]
    assert "15/07/2026 10:30" in row


def test_revoking_asks_first_then_refuses_packages_signed_with_that_key(trusted):
    w = trusted
    client = logged_in(w.people["province_leader"])
    url = f"/goi-bao-cao/khoa/{w.sender_key.pk}/thu-hoi/"
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Không hoàn tác được" in confirm.content.decode()
    w.sender_key.refresh_from_db()
    assert w.sender_key.revoked_at is None  # looking at the question changes nothing

    done = client.post(url, follow=True)
    assert "Đã thu hồi khóa" in done.content.decode()
    w.sender_key.refresh_from_db()
    assert w.sender_key.revoked_at is not None and w.sender_key.revoked_by == w.people["province_leader"]
    assert AuditEvent.objects.filter(note__contains="thu hồi khóa công khai của xã").exists()

    response = receive(w, signed_package(w.units["a"], w.key))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "revoked_key"
    assert body["message"].startswith(
        f"Khóa {w.sender_key.key_id} của Ủy ban nhân dân xã An đã bị thu hồi ngày 15/06/2026"
    )
    assert not ReceivedPackage.objects.exists()


def test_a_revoked_key_is_refused_on_the_upload_page_too(trusted):

    w = trusted
    SenderKey.objects.update(revoked_at="2026-06-10T00:00:00Z")
    upload = SimpleUploadedFile("goi.json", json.dumps(signed_package(w.units["a"], w.key)).encode())
    response = logged_in(w.people["province_tracker"]).post(
        "/goi-bao-cao/", {"kind": "receive", "period": "2026-07", "cutoff": "14", "file": upload}
    )
    assert response.status_code == 400 and "đã bị thu hồi ngày 10/06/2026" in response.content.decode()


@pytest.mark.parametrize("role", ["province_tracker", "tracker", "leader", "viewer", "outsider", "member"])
def test_who_may_not_register_keys_neither_sees_the_page_nor_revokes(trusted, role):
    w = trusted
    client = logged_in(w.people[role])
    assert client.get("/goi-bao-cao/khoa/").status_code == 404
    assert client.get(f"/goi-bao-cao/khoa/{w.sender_key.pk}/thu-hoi/").status_code == 404
    assert client.post(f"/goi-bao-cao/khoa/{w.sender_key.pk}/thu-hoi/").status_code == 404
    w.sender_key.refresh_from_db()
    assert w.sender_key.revoked_at is None


def test_a_huge_or_unknown_key_id_is_a_404(trusted):
    client = logged_in(trusted.people["province_leader"])
    assert client.get("/goi-bao-cao/khoa/99999999999999999999/thu-hoi/").status_code == 404
    assert client.post(f"/goi-bao-cao/khoa/{trusted.sender_key.pk + 1}/thu-hoi/").status_code == 404
