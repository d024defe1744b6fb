import datetime
from contextlib import contextmanager
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine

from dieuhanh.notify.models import Event, Notification
from dieuhanh.org.constants import Role
from dieuhanh.org.models import Unit, User
from dieuhanh.tasks.models import Task
from tests.scenario import Scenario, build_scenario, person

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: datetime.date, hour: int = 8, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=VN)


@contextmanager
def frozen(day: datetime.date, hour: int = 8, minute: int = 0):
    with time_machine.travel(at(day, hour, minute), tick=False) as traveller:
        yield traveller


@dataclass
class World:
    """The permission scenario plus the people reminders are about."""

    s: Scenario
    head: User  # head of the lead unit
    assignee: User
    signer: User  # the leader who signed the directive
    task: Task

    @property
    def commune(self) -> Unit:
        return self.s.commune


@pytest.fixture
def world(db) -> World:
    with frozen(datetime.date(2026, 5, 4)):
        s = build_scenario()
        head = person(s.lead_unit, Role.MEMBER, is_head=True)
        assignee = person(s.outsider_unit, Role.MEMBER)
        signer = person(s.commune, Role.LEADER)
        signer.full_name = "Trần Thị Ký"
        signer.save()
        s.task.document.signer = "Trần Thị Ký"
        s.task.document.save()
        s.task.assignees.add(assignee)
    # Assigning tells the assignee at once (a workflow event); these tests are about the reminders.
    Event.objects.all().delete()
    Notification.objects.all().delete()
    return World(s=s, head=head, assignee=assignee, signer=signer, task=s.task)
