"""Documents, the unit tree, figures and notifications through the API."""

import datetime

import pytest

from dieuhanh.notify.models import Notification

pytestmark = pytest.mark.django_db


def test_documents_are_listed_as_the_registry_shows_them(world):
    def listed(role, **query):
        response = world.client(role).get("/api/v1/documents", query)
        assert response.status_code == 200, response.content
        return {d["id"] for d in response.json()["items"]}

    d = world.documents
    assert listed("tracker") == {d["own"].pk, d["secret"].pk}
    assert listed("viewer") == {d["own"].pk}
    assert listed("outsider") == {d["other"].pk}
    assert listed("tracker", confidentiality="Mật") == {d["secret"].pk}
    assert listed("viewer", q="MẬT-XYZ") == set()


def test_a_confidential_documents_text_reaches_only_the_people_named(world):
    url = f"/api/v1/documents/{world.documents['secret'].pk}"
    named = world.client("member").get(url)
    assert named.status_code == 200 and named.json()["text"] == "Nội dung MẬT-XYZ"
    assert named.json()["task_count"] == 1
    for role in ("leader", "viewer", "sibling", "outsider"):
        response = world.client(role).get(url)
        assert response.status_code == 404
        assert "MẬT-XYZ" not in response.content.decode()


def test_a_bad_document_filter_is_a_400(world):
    response = world.client("tracker").get("/api/v1/documents", {"date_from": "hôm qua"})
    assert response.status_code == 400 and response.json()["code"] == "invalid"
    assert world.client("tracker").get("/api/v1/documents", {"sort": "x"}).status_code == 400


def test_the_unit_tree_is_scoped(world):
    def names(role):
        def walk(nodes):
            for node in nodes:
                yield node["name"]
                yield from walk(node["children"])

        return set(walk(world.client(role).get("/api/v1/units").json()))

    tree = world.client("tracker").get("/api/v1/units").json()
    assert [n["name"] for n in tree] == ["Ủy ban nhân dân xã An"]
    assert {c["name"] for c in tree[0]["children"]} == {"Phòng Văn hóa - Xã hội", "Phòng Kinh tế"}
    assert names("member") == {"Phòng Văn hóa - Xã hội"}
    assert names("outsider") == {"Ủy ban nhân dân xã Bình", "Phòng Kinh tế xã Bình"}


def test_figures_come_from_the_reports_definitions(world):
    response = world.client("tracker").get("/api/v1/figures", {"period": "2026-07"})
    assert response.status_code == 200, response.content
    body = response.json()
    figures = {f["key"]: f["value"] for f in body["figures"]}
    # Tasks in the period the tracker sees (the secret one included: they are named on it).
    assert figures["tong_so"] == 4
    assert figures["qua_han"] == 1
    viewer = world.client("viewer").get("/api/v1/figures", {"period": "2026-07"}).json()
    assert {f["key"]: f["value"] for f in viewer["figures"]}["tong_so"] == 3


def test_figures_refuse_a_unit_out_of_scope_and_a_bad_period(world):
    client = world.client("tracker")
    other = client.get("/api/v1/figures", {"period": "2026-06", "unit": world.units["b"].pk})
    assert other.status_code == 404 and other.json()["code"] == "not_found"
    for query in ({"period": "2026-13"}, {}, {"period": "2026-06", "cutoff": 40}):
        response = client.get("/api/v1/figures", query)
        assert response.status_code == 400 and response.json()["code"] == "invalid", query


def test_notifications_are_the_callers_own_and_never_about_a_task_hidden_from_them(world):
    at = datetime.datetime(2026, 6, 11, 6, tzinfo=datetime.UTC)
    mine = Notification.objects.create(person=world.people["viewer"], task=world.tasks["own"], created_at=at)
    Notification.objects.create(person=world.people["tracker"], task=world.tasks["own"], created_at=at)
    # Written straight into the table, as a reminder planned before the document became secret.
    Notification.objects.create(person=world.people["viewer"], task=world.tasks["secret"], created_at=at)
    body = world.client("viewer").get("/api/v1/notifications").json()
    assert [n["id"] for n in body["items"]] == [mine.pk]
    assert "MẬT-XYZ" not in str(body)
    assert world.client("viewer").get("/api/v1/notifications", {"unread": "true"}).json()["count"] == 1
