"""The API's small world (tests/api/conftest.py) with the province's office that receives packages, and
packages signed here for communes that have no installation in the test."""

import uuid

import pytest
from django.test import Client

from dieuhanh.api.tokens import create_personal_token
from dieuhanh.exchange import signing
from dieuhanh.exchange.schema import FORMAT, VERSION
from dieuhanh.org.constants import Role
from tests.api.conftest import clock, world  # noqa: F401  (fixtures)
from tests.factories import MembershipFactory

PERIODS = {"2026-07": ("Tháng 7/2026", "2026-06-15", "2026-07-14")}


@pytest.fixture
def province(world):  # noqa: F811
    """The province's leader and tracker (the office that receives), with API tokens and logged-in clients."""
    for role, kind in (("province_leader", Role.LEADER), ("province_tracker", Role.TRACKER)):
        person = MembershipFactory(unit=world.units["province"], role=kind).user
        world.people[role] = person
        world.tokens[role] = create_personal_token(person, f"Mã của {role}")[1]
    return world


def logged_in(person) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(person)
    return client


def signed_package(
    unit, key: tuple[str, str], spec="2026-07", signed_at="2026-07-15T08:00:00+07:00", **figures
):
    """A package as a commune's installation makes it, signed with `key` (private, public)."""
    private_key, public = key
    label, start, end = PERIODS[spec]
    payload = {
        "package_id": str(uuid.uuid4()),
        "signed_at": signed_at,
        "sender": {"code": unit.code, "name": unit.name},
        "period": {"spec": spec, "cutoff": 14, "label": label, "start": start, "end": end},
        "as_of": end,
        "figures": [{"key": k, "label": k, "kind": "count", "value": v} for k, v in figures.items()],
        "units": [],
        "overdue": [],
    }
    return {
        "format": FORMAT,
        "version": VERSION,
        "payload": payload,
        "signature": {
            "algorithm": signing.ALGORITHM,
            "key_id": signing.key_id(public),
            "value": signing.sign(payload, private_key),
        },
    }
