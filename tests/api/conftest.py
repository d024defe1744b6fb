"""A small world for the API: a commune with a lead unit (its member), a sibling unit, a tracker
named on a confidential document, a viewer, and another commune's tracker — each with a token."""

import datetime
from dataclasses import dataclass

import pytest
import time_machine
from django.test import Client

from dieuhanh.api.tokens import create_personal_token
from dieuhanh.documents.constants import Confidentiality
from dieuhanh.org.constants import Role, UnitKind
from tests.factories import CommuneFactory, DocumentFactory, MembershipFactory, TaskFactory, UnitFactory

D = datetime.date
NOW = "2026-06-15 09:00 +0700"


@dataclass
class World:
    units: dict
    people: dict
    documents: dict
    tasks: dict
    tokens: dict

    def client(self, role: str) -> Client:
        return Client(HTTP_AUTHORIZATION=f"Bearer {self.tokens[role]}", raise_request_exception=False)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db, clock) -> World:
    province = UnitFactory(kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Thử")
    a = CommuneFactory(parent=province, name="Ủy ban nhân dân xã An")
    b = CommuneFactory(parent=province, name="Ủy ban nhân dân xã Bình")
    lead = UnitFactory(parent=a, name="Phòng Văn hóa - Xã hội")
    sibling = UnitFactory(parent=a, name="Phòng Kinh tế")
    b_lead = UnitFactory(parent=b, name="Phòng Kinh tế xã Bình")
    people = {
        "leader": MembershipFactory(unit=a, role=Role.LEADER).user,
        "tracker": MembershipFactory(unit=a, role=Role.TRACKER).user,
        "member": MembershipFactory(unit=lead, role=Role.MEMBER).user,
        "sibling": MembershipFactory(unit=sibling, role=Role.MEMBER).user,
        "viewer": MembershipFactory(unit=a, role=Role.VIEWER).user,
        "outsider": MembershipFactory(unit=b, role=Role.TRACKER).user,
    }
    own = DocumentFactory(owner=a, subject="về rà soát dân cư")
    secret = DocumentFactory(
        owner=a, subject="về việc MẬT-XYZ", confidentiality=Confidentiality.SECRET, text="Nội dung MẬT-XYZ"
    )
    secret.allowed_people.add(people["tracker"], people["member"])
    other = DocumentFactory(owner=b, subject="của xã Bình")
    tasks = {
        "own": TaskFactory(
            owner=a, lead_unit=lead, document=own, deadline=D(2026, 6, 1), summary="Việc riêng"
        ),
        "later": TaskFactory(owner=a, lead_unit=lead, document=own, deadline=D(2026, 9, 30)),
        "sibling": TaskFactory(owner=a, lead_unit=sibling, document=own, deadline=D(2026, 7, 1)),
        "secret": TaskFactory(
            owner=a, lead_unit=lead, document=secret, deadline=D(2026, 7, 1), summary="Việc MẬT-XYZ"
        ),
        "other": TaskFactory(owner=b, lead_unit=b_lead, document=other, deadline=D(2026, 7, 1)),
    }
    tokens = {role: create_personal_token(person, f"Mã của {role}")[1] for role, person in people.items()}
    return World(
        units={"province": province, "a": a, "b": b, "lead": lead, "sibling": sibling, "b_lead": b_lead},
        people=people,
        documents={"own": own, "secret": secret, "other": other},
        tasks=tasks,
        tokens=tokens,
    )
