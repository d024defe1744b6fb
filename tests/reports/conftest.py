"""A hand-computed fixture for June 2026 (data window 15/05–14/06), reported on 15/06/2026.

Xã Gia Lộc, under the province, with two departments:

Phòng Kinh tế          1 done early (budget 1.640 trđ, target)   2 done on time
                       3 done late                               4 overdue, reports 40% then 60%
Phòng Văn hóa - Xã hội 5 due soon, report 30%                    6 in time (budget 12,5 trđ)
                       7 no deadline                             8 done late after an objective extension
left out: a cancelled task and one closed in April.
Xã Cẩm Giang has one overdue task (for the province report). Two reminders were sent in the
window for task 4 (5/6, 8/6), one is unsent and one was sent on 16/6, after the cut-off.

Figures of Gia Lộc: 8 tasks; done early 1, on time 1, late 2; overdue 1, due soon 1, in time 1,
no deadline 1; due 5 → on-time 50,0%; overdue 12,5% of all, 20,0% of due; update 2/4 = 50,0%.
Rankings: Phòng Kinh tế (100+100+75+45)/4 = 80,0 (tốt); Phòng VH-XH (30+0+0+100)/4 = 32,5;
person A (tasks 1, 3, 4) 220/3 = 73,3; person B (tasks 5, 8) 130/2 = 65,0.
"""

import datetime
from dataclasses import dataclass

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone

from dieuhanh.org.constants import Role, UnitKind
from dieuhanh.org.models import Unit, UnitAlias, User
from dieuhanh.tasks.constants import ChangeStatus, TaskState
from dieuhanh.tasks.models import DeadlineChange, Task
from tests.factories import CommuneFactory, MembershipFactory, ProgressReportFactory, TaskFactory, UnitFactory

D = datetime.date
REPORT_DAY = "2026-06-15 08:00 +0700"


@dataclass
class June:
    province: Unit
    commune: Unit
    other: Unit
    kt: Unit
    vhxh: Unit
    tasks: dict[int, Task]
    person_a: User
    person_b: User
    tracker: User
    kt_member: User
    province_leader: User


@pytest.fixture
def frozen():
    with time_machine.travel(REPORT_DAY, tick=False):
        yield


@pytest.fixture
def june(frozen) -> June:
    with time_machine.travel("2026-05-01 09:00 +0700", tick=False):
        province = UnitFactory(kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Hải Dương", code="tinh")
        commune = CommuneFactory(parent=province, name="Ủy ban nhân dân xã Gia Lộc", code="xa-gia-loc")
        other = CommuneFactory(parent=province, name="Ủy ban nhân dân xã Cẩm Giang", code="xa-cam-giang")
        kt = UnitFactory(parent=commune, name="Phòng Kinh tế", short_name="Phòng KT", code="gl-kt")
        vhxh = UnitFactory(
            parent=commune, name="Phòng Văn hóa - Xã hội", short_name="Phòng VH-XH", code="gl-vhxh"
        )
        UnitAlias.objects.create(unit=vhxh, name="Phòng VHXH")

        def make(n, lead, **kw):
            return TaskFactory(
                owner=commune, lead_unit=lead, summary=f"Nhiệm vụ số {n}", text=f"Nhiệm vụ số {n}", **kw
            )

        done = TaskState.DONE
        t = {
            1: make(
                1,
                kt,
                deadline=D(2026, 6, 1),
                state=done,
                completed_on=D(2026, 5, 30),
                budget="1640",
                target="Hoàn thành 3 km đường giao thông",
                funding_source="Ngân sách xã",
            ),
            2: make(2, kt, deadline=D(2026, 6, 1), state=done, completed_on=D(2026, 6, 1)),
            3: make(3, kt, deadline=D(2026, 6, 1), state=done, completed_on=D(2026, 6, 5)),
            4: make(4, kt, deadline=D(2026, 6, 10)),
            5: make(5, vhxh, deadline=D(2026, 6, 18)),
            6: make(6, vhxh, deadline=D(2026, 9, 30), budget="12.5", funding_source="Ngân sách tỉnh"),
            7: make(7, vhxh),
            8: make(
                8,
                vhxh,
                original_deadline=D(2026, 6, 5),
                deadline=D(2026, 6, 12),
                state=done,
                completed_on=D(2026, 6, 10),
            ),
        }
        make(9, kt, deadline=D(2026, 6, 1), state=TaskState.CANCELLED)
        make(10, kt, deadline=D(2026, 4, 1), state=done, completed_on=D(2026, 4, 2))
        TaskFactory(
            owner=other,
            lead_unit=UnitFactory(parent=other, name="Phòng Kinh tế"),
            summary="Nhiệm vụ của Cẩm Giang",
            deadline=D(2026, 6, 1),
        )
    ProgressReportFactory(task=t[4], reported_on=D(2026, 6, 2), percent=40, text="Đang khảo sát")
    ProgressReportFactory(task=t[4], reported_on=D(2026, 6, 3), percent=60, text="Đang thi công")
    ProgressReportFactory(task=t[5], reported_on=D(2026, 6, 10), percent=30, text="Đã xây dựng dự thảo")
    DeadlineChange.objects.create(task=t[4], new_date=D(2026, 7, 10), reason="Thời tiết mưa kéo dài")
    DeadlineChange.objects.create(
        task=t[8],
        status=ChangeStatus.APPROVED,
        old_date=D(2026, 6, 5),
        new_date=D(2026, 6, 12),
        reason="Chờ hướng dẫn của tỉnh",
        objective=True,
        decided_at=timezone.make_aware(datetime.datetime(2026, 6, 4, 10)),
    )
    person_a = MembershipFactory(unit=kt, role=Role.MEMBER, user__full_name="Nguyễn Văn An").user
    person_b = MembershipFactory(unit=vhxh, role=Role.MEMBER, user__full_name="Trần Thị Bình").user
    for n in (1, 3, 4):
        t[n].assignees.add(person_a)
    for n in (5, 8):
        t[n].assignees.add(person_b)
    if apps.is_installed("dieuhanh.notify"):
        from dieuhanh.notify.models import Reminder

        for day, sent in ((5, 5), (8, 8), (12, None), (15, 16)):
            Reminder.objects.create(
                task=t[4],
                person=person_a,
                kind="overdue",
                due_on=D(2026, 6, day),
                planned_at=timezone.make_aware(datetime.datetime(2026, 6, day, 7)),
                sent_at=timezone.make_aware(datetime.datetime(2026, 6, sent, 7)) if sent else None,
            )
    return June(
        province=province,
        commune=commune,
        other=other,
        kt=kt,
        vhxh=vhxh,
        tasks=t,
        person_a=person_a,
        person_b=person_b,
        tracker=MembershipFactory(unit=commune, role=Role.TRACKER, user__username="theodoi").user,
        kt_member=person_a,
        province_leader=MembershipFactory(unit=province, role=Role.LEADER, user__username="tinh").user,
    )
