"""A small organisation for permission tests: three people per case, as healthchecks does.

province ── commune ── lead unit      (member: lead)
                   ├── coordinating   (member: coord)
                   └── outsider unit  (member: outsider)
         └─ other commune             (tracker: other_tracker)
"""

import datetime
from dataclasses import dataclass

from dieuhanh.org.constants import Role, UnitKind
from dieuhanh.org.models import Unit, User
from dieuhanh.tasks.models import Task
from tests.factories import CommuneFactory, DocumentFactory, MembershipFactory, TaskFactory, UnitFactory


@dataclass
class Scenario:
    province: Unit
    commune: Unit
    other_commune: Unit
    lead_unit: Unit
    coord_unit: Unit
    outsider_unit: Unit
    lead: User
    coord: User
    outsider: User
    tracker: User
    leader: User
    viewer: User
    province_leader: User
    other_tracker: User
    task: Task


def person(unit, role, **kw) -> User:
    return MembershipFactory(unit=unit, role=role, **kw).user


def build_scenario() -> Scenario:
    province = UnitFactory(kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Thử")
    commune = CommuneFactory(parent=province)
    other = CommuneFactory(parent=province)
    lead_unit = UnitFactory(parent=commune, name="Phòng Văn hóa - Xã hội")
    coord_unit = UnitFactory(parent=commune, name="Công an xã", kind=UnitKind.POLICE)
    outsider_unit = UnitFactory(parent=commune, name="Phòng Kinh tế")
    task = TaskFactory(
        owner=commune,
        lead_unit=lead_unit,
        document=DocumentFactory(owner=commune),
        deadline=datetime.date(2026, 7, 10),
    )
    task.coordinators.add(coord_unit)
    return Scenario(
        province=province,
        commune=commune,
        other_commune=other,
        lead_unit=lead_unit,
        coord_unit=coord_unit,
        outsider_unit=outsider_unit,
        lead=person(lead_unit, Role.MEMBER),
        coord=person(coord_unit, Role.MEMBER),
        outsider=person(outsider_unit, Role.MEMBER),
        tracker=person(commune, Role.TRACKER),
        leader=person(commune, Role.LEADER),
        viewer=person(commune, Role.VIEWER),
        province_leader=person(province, Role.LEADER),
        other_tracker=person(other, Role.TRACKER),
        task=task,
    )
