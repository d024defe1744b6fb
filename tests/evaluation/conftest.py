"""A commune with two units, their heads and officials, for the evaluation tests.

    commune (leader, office clerk = tracker, viewer)
      ├── Phòng Văn hóa - Xã hội: head, official "hoa", official "tuan"
      └── Công an xã: head

The clock stands at Monday 06/07/2026, when June 2026 is evaluated.
"""

import datetime
from dataclasses import dataclass

import pytest
import time_machine

from dieuhanh.org.constants import Role, UnitKind
from dieuhanh.tasks.constants import DeadlineKind, TaskState
from tests.factories import CommuneFactory, MembershipFactory, TaskFactory, UnitFactory, UserFactory

D = datetime.date
JUNE = (D(2026, 6, 1), D(2026, 6, 30))


@dataclass
class World:
    commune: object
    culture: object
    police: object
    people: dict

    def task(self, who: str, deadline=None, *, done_on=None, awaiting_on=None, unit=None, **kw):
        """A task of `unit` (the official's) given to `who`, done on `done_on` if given."""
        unit = unit or (self.police if who == "police_head" else self.culture)
        state, completed = TaskState.OPEN, None
        if done_on:
            state, completed = TaskState.DONE, done_on
        if awaiting_on:
            state, completed = TaskState.AWAITING_APPROVAL, awaiting_on
        task = TaskFactory(
            owner=self.commune,
            lead_unit=unit,
            deadline=deadline,
            state=state,
            completed_on=completed,
            **{"deadline_kind": DeadlineKind.DATE if deadline else DeadlineKind.NONE, **kw},
        )
        task.assignees.add(self.people[who])
        return task


@pytest.fixture
def today():
    with time_machine.travel(datetime.datetime(2026, 7, 6, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield D(2026, 7, 6)


@pytest.fixture
def world(db, today) -> World:
    commune = CommuneFactory(name="Ủy ban nhân dân xã Gia Lộc")
    culture = UnitFactory(parent=commune, name="Phòng Văn hóa - Xã hội")
    police = UnitFactory(parent=commune, name="Công an xã", kind=UnitKind.POLICE)

    def person(unit, role, name, **kw):
        return MembershipFactory(unit=unit, role=role, user=UserFactory(full_name=name), **kw).user

    people = {
        "leader": person(commune, Role.LEADER, "Nguyễn Thị Thu", title="Phó Chủ tịch UBND xã"),
        "clerk": person(commune, Role.TRACKER, "Trần Văn Minh", title="Chuyên viên Văn phòng"),
        "viewer": person(commune, Role.VIEWER, "Đỗ Thị Lan"),
        "head": person(culture, Role.MEMBER, "Bùi Văn Long", is_head=True, title="Trưởng phòng"),
        "hoa": person(culture, Role.MEMBER, "Lê Thị Hoa", title="Công chức"),
        "tuan": person(culture, Role.MEMBER, "Hoàng Minh Tuấn", title="Công chức"),
        "police_head": person(police, Role.MEMBER, "Phạm Văn Hùng", is_head=True, title="Trưởng Công an xã"),
    }
    return World(commune, culture, police, people)
