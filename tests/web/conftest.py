import pytest
import time_machine
from django.test import Client

from tests.scenario import build_scenario

NOW = "2026-06-15 09:00 +0700"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def s(db, clock):
    return build_scenario()


@pytest.fixture
def login():
    """A test client logged in as `user`."""

    def make(user, **kwargs):
        client = Client(**kwargs)
        client.force_login(user)
        return client

    return make
