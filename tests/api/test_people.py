"""People through the API: no more than the web shows each role."""

import pytest

from dieuhanh.api.tokens import create_personal_token
from dieuhanh.org.constants import Role
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def names(world, role, **query) -> set[str]:
    response = world.client(role).get("/api/v1/people", query)
    assert response.status_code == 200, response.content
    return {p["name"] for p in response.json()["items"]}


def name(world, role) -> str:
    return str(world.people[role])


def test_a_tracker_sees_the_people_of_their_commune_without_roles(world):
    seen = names(world, "tracker")
    assert {name(world, r) for r in ("leader", "tracker", "member", "sibling", "viewer")} <= seen
    assert name(world, "outsider") not in seen
    items = world.client("tracker").get("/api/v1/people").json()["items"]
    assert all(u["role"] is None for p in items for u in p["units"])


def test_a_member_sees_their_own_unit_only(world):
    assert names(world, "member") == {name(world, "member")}
    assert names(world, "sibling") == {name(world, "sibling")}


def test_a_viewer_sees_no_one_and_an_outsider_only_their_commune(world):
    assert names(world, "viewer") == set()
    assert names(world, "outsider") == {name(world, "outsider")}


def test_an_administrator_sees_roles_as_on_the_units_page(world):
    admin = MembershipFactory(unit=world.units["a"], role=Role.ADMIN).user
    world.tokens["admin"] = create_personal_token(admin, "Mã quản trị")[1]
    items = world.client("admin").get("/api/v1/people", {"page_size": 100}).json()["items"]
    roles = {p["name"]: p["units"][0]["role"] for p in items}
    assert roles[name(world, "viewer")] == "viewer" and name(world, "outsider") not in roles


def test_a_unit_filter_narrows_and_another_communes_unit_is_not_found(world):
    assert names(world, "tracker", unit=world.units["lead"].pk) == {name(world, "member")}
    response = world.client("tracker").get("/api/v1/people", {"unit": world.units["b"].pk})
    assert response.status_code == 404
