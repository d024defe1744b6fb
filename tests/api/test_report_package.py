"""The commune → province report package: exported and signed by a commune, received by the province
(page and API), shown in its roll-up; a bad signature, a wrong period, a replay are refused."""

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dieuhanh.api.tokens import create_personal_token
from dieuhanh.exchange import signing
from dieuhanh.exchange.models import ReceivedPackage, SenderKey, SigningKey
from dieuhanh.org.constants import Role
from tests.factories import MembershipFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(world):
    """The province's leader and tracker (the office that receives), with API tokens."""
    for role, kind in (("province_leader", Role.LEADER), ("province_tracker", Role.TRACKER)):
        person = MembershipFactory(unit=world.units["province"], role=kind).user
        world.people[role] = person
        world.tokens[role] = create_personal_token(person, f"Mã của {role}")[1]
    return world


def export(world, role="tracker", period="2026-07", cutoff=14) -> dict:
    response = world.client(role).post(
        "/api/v1/report-package", {"period": period, "cutoff": cutoff}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def register(world, package, role="province_leader"):
    key = SigningKey.objects.get(key_id=package["signature"]["key_id"])
    client = Client()
    client.force_login(world.people[role])
    return client.post(
        "/goi-bao-cao/", {"kind": "key", "unit": world.units["a"].pk, "public_key": key.public_key}
    )


def receive(world, package, role="province_tracker", period="2026-07", cutoff=14):
    return world.client(role).post(
        f"/api/v1/report-packages?period={period}&cutoff={cutoff}",
        json.dumps(package),
        content_type="application/json",
    )


def test_the_package_holds_the_reports_figures_and_overdue_list_without_confidential_work(world):
    ProgressReportFactory(task=world.tasks["own"], text="Đã rà soát 2 thôn", percent=40)
    package = export(world)
    payload = package["payload"]
    assert package["format"] == "dieuhanh.goi-bao-cao" and package["signature"]["algorithm"] == "Ed25519"
    assert payload["sender"] == {"code": world.units["a"].code, "name": world.units["a"].name}
    assert payload["period"] == {
        "spec": "2026-07", "cutoff": 14, "label": "Tháng 7/2026", "start": "2026-06-15", "end": "2026-07-14"
    }  # fmt: skip
    figures = {f["key"]: f["value"] for f in payload["figures"]}
    assert figures["qua_han"] == 1 and figures["tong_so"] == 3  # own, later, sibling — and not the secret one
    [overdue] = payload["overdue"]
    assert overdue["task_id"] == world.tasks["own"].pk and overdue["report_percent"] == 40
    assert "MẬT-XYZ" not in json.dumps(package, ensure_ascii=False)
    key = SigningKey.objects.get(organisation=world.units["a"])
    assert signing.verify(payload, package["signature"]["value"], key.public_key)


@pytest.mark.parametrize("role, status", [("viewer", 403), ("member", 404), ("outsider", 404)])
def test_only_the_communes_office_exports(world, role, status):
    body = {"period": "2026-07", "organisation": world.units["a"].pk}
    response = world.client(role).post("/api/v1/report-package", body, content_type="application/json")
    assert response.status_code == status
    assert not SigningKey.objects.filter(organisation=world.units["a"]).exists()


def test_the_province_registers_the_key_receives_and_shows_it_in_its_rollup(province):
    w = province
    package = export(w)
    assert register(w, package).status_code == 302
    response = receive(w, package)
    assert response.status_code == 201, response.content
    assert response.json()["unit"]["id"] == w.units["a"].pk
    rollup = w.client("province_leader").get("/api/v1/report-packages?period=2026-07").json()["items"]
    row = next(r for r in rollup if r["unit"]["id"] == w.units["a"].pk)
    assert row["figures"]["qua_han"] == 1 and row["overdue_count"] == 1
    assert next(r for r in rollup if r["unit"]["id"] == w.units["b"].pk)["received"] is None
    client = Client()
    client.force_login(w.people["province_leader"])
    page = client.get("/goi-bao-cao/?period=2026-07&cutoff=14").content.decode()
    assert "Ủy ban nhân dân xã An" in page and "Chưa nhận gói của kỳ này" in page
    detail = client.get(f"/goi-bao-cao/{ReceivedPackage.objects.get().pk}/").content.decode()
    assert "Việc riêng" in detail


def refusal(response, code: str) -> str:
    assert response.status_code == 400, response.content
    assert response.json()["code"] == code, response.json()
    return response.json()["message"]


def test_a_tampered_package_is_refused_as_badly_signed(province):
    package = export(province)
    register(province, package)
    tampered = copy.deepcopy(package)
    next(f for f in tampered["payload"]["figures"] if f["key"] == "qua_han")["value"] = 0
    assert "Chữ ký không hợp lệ" in refusal(receive(province, tampered), "bad_signature")
    assert not ReceivedPackage.objects.exists()


def test_a_package_for_another_period_is_refused(province):
    package = export(province, period="2026-06")
    register(province, package)
    message = refusal(receive(province, package, period="2026-07"), "wrong_period")
    assert "Tháng 6/2026" in message and "Tháng 7/2026" in message
    assert refusal(receive(province, package, period="2026-06", cutoff=20), "wrong_period")
    assert not ReceivedPackage.objects.exists()


def test_a_replay_and_an_older_package_are_refused(province, clock):
    older = export(province)
    clock.shift(3600)
    newer = export(province)
    register(province, newer)
    assert receive(province, newer).status_code == 201
    assert "đã được nhận" in refusal(receive(province, newer), "replay")
    assert "gói cũ không thay được gói mới" in refusal(receive(province, older), "replay")
    assert ReceivedPackage.objects.count() == 1


def test_an_unregistered_or_revoked_key_is_refused(province):
    package = export(province)
    assert "chưa được đăng ký" in refusal(receive(province, package), "unknown_key")
    register(province, package)
    SenderKey.objects.update(revoked_at="2026-06-01T00:00:00Z")
    assert "đã bị thu hồi" in refusal(receive(province, package), "revoked_key")


def test_a_package_signed_by_another_key_is_refused(province):
    package = export(province)
    register(province, package)
    private, public = signing.new_key()
    forged = copy.deepcopy(package)
    forged["payload"]["figures"][0]["value"] = 99
    forged["signature"]["value"] = signing.sign(forged["payload"], private)
    assert refusal(receive(province, forged), "bad_signature")


@pytest.mark.parametrize(
    "role, status, code",
    [("viewer", 403, "forbidden"), ("outsider", 403, "forbidden"), ("tracker", 403, "forbidden")],
)
def test_only_the_office_above_receives(province, role, status, code):
    package = export(province)
    register(province, package)
    response = receive(province, package, role=role)
    assert response.status_code == status and response.json()["code"] == code
    assert not ReceivedPackage.objects.exists()


def test_only_a_leader_of_the_office_above_registers_keys(province):
    package = export(province)
    assert register(province, package, role="province_tracker").status_code == 400
    assert register(province, package, role="tracker").status_code == 400
    assert not SenderKey.objects.exists()


def test_a_file_that_is_no_package_is_refused_on_the_page(province):
    client = Client()
    client.force_login(province.people["province_tracker"])
    upload = SimpleUploadedFile("goi.json", b"khong phai json")
    response = client.post(
        "/goi-bao-cao/", {"kind": "receive", "period": "2026-07", "cutoff": "14", "file": upload}
    )
    assert response.status_code == 400 and "Tệp không phải gói báo cáo" in response.content.decode()
    broken = SimpleUploadedFile("goi.json", json.dumps({"format": "x"}).encode())
    response = client.post(
        "/goi-bao-cao/", {"kind": "receive", "period": "2026-07", "cutoff": "14", "file": broken}
    )
    assert response.status_code == 400 and "không đúng cấu trúc" in response.content.decode()


def test_the_package_schema_is_in_the_openapi_document(world):
    schema = world.client("tracker").get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    assert {"ReportPackage", "Payload", "Signature", "OverdueTask"} <= set(components)
    assert components["Signature"]["properties"]["algorithm"]["const"] == "Ed25519"


def test_the_commune_exports_from_its_page_and_sees_its_public_key(world):
    client = Client()
    client.force_login(world.people["tracker"])
    response = client.post("/goi-bao-cao/", {"kind": "export", "period": "2026-07", "cutoff": "14"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert f'filename="goi-bao-cao-{world.units["a"].code}-2026-07.json"' in response["Content-Disposition"]
    package = json.loads(response.content)
    key = SigningKey.objects.get(organisation=world.units["a"])
    assert package["signature"]["key_id"] == key.key_id
    assert key.public_key in client.get("/goi-bao-cao/").content.decode()
    refused = client.post(
        "/goi-bao-cao/", {"kind": "export", "period": "2026-07", "organisation": world.units["b"].pk}
    )
    assert refused.status_code == 400 and "không có quyền lập gói báo cáo" in refused.content.decode()


def test_the_page_is_not_found_for_those_who_neither_send_nor_receive(world):
    client = Client()
    client.force_login(world.people["member"])
    assert client.get("/goi-bao-cao/").status_code == 404
