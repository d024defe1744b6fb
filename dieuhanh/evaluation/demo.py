"""Demo evaluation: last month's cycle in progress at UBND xã Gia Lộc.

Two more people join Phòng Văn hóa - Xã hội (its head and a second official); the leader
gives each official a few tasks due last month, the officials report them done — one late,
one not yet — through the task services, and the office opens last month's evaluation. Then:
Tuấn has self-assessed and been reviewed by his head (waiting for approval), the police chief
has self-assessed (waiting for the leader's review), Hoa has not started (her form is open).
Seeding is idempotent: nothing is added once last month's period exists.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from dieuhanh.evaluation.constants import Cycle
from dieuhanh.evaluation.models import Period, Sheet
from dieuhanh.evaluation.services import cycle
from dieuhanh.evaluation.services.periods import open_period, previous_period
from dieuhanh.org.constants import Role
from dieuhanh.org.demo import DEMO_PASSWORD
from dieuhanh.org.models import Membership, Unit, User
from dieuhanh.tasks.constants import DeadlineKind
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services.completion import approve_completion, request_completion
from dieuhanh.tasks.services.handling import assign_people
from dieuhanh.vn.periods import month_end

COMMUNE = "xa-gia-loc"


@dataclass(frozen=True)
class DemoOfficial:
    username: str
    unit_code: str
    full_name: str
    title: str


NEW_OFFICIALS = [
    DemoOfficial("truongphong", "xa-gia-loc-vhxh", "Bùi Văn Long", "Trưởng phòng Văn hóa - Xã hội"),
    DemoOfficial("congchuc", "xa-gia-loc-vhxh", "Hoàng Minh Tuấn", "Công chức Phòng Văn hóa - Xã hội"),
]

# (who, unit suffix ("": the commune itself), summary, due day, done day or None) — days of last month.
DEMO_TASKS = [
    ("canbo", "vhxh", "Báo cáo kết quả thực hiện chính sách an sinh xã hội", 10, 9),
    ("canbo", "vhxh", "Tổng hợp danh sách hộ nghèo, cận nghèo phát sinh", 15, 18),
    ("canbo", "vhxh", "Rà soát hồ sơ đề nghị hỗ trợ người có công với cách mạng", 25, None),
    ("congchuc", "vhxh", "Kiểm tra hoạt động các cơ sở văn hóa, thể thao trên địa bàn", 12, 12),
    ("congchuc", "vhxh", "Báo cáo công tác gia đình và phòng, chống bạo lực gia đình", 20, 19),
    ("truongphong", "vhxh", "Xây dựng kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc", 20, 20),
    ("congan", "ca", "Báo cáo tình hình an ninh, trật tự trên địa bàn xã", 18, 18),
    ("chuyenvien", "", "Tổng hợp báo cáo tình hình thực hiện nhiệm vụ của các đơn vị", 25, 24),
]


def seed_officials() -> list[DemoOfficial]:
    for o in NEW_OFFICIALS:
        user = User.objects.filter(username=o.username).first()
        if user is None:
            user = User.objects.create_user(
                username=o.username,
                password=DEMO_PASSWORD,
                full_name=o.full_name,
                email=f"{o.username}@demo.dieuhanh.vn",
            )
        Membership.objects.get_or_create(
            user=user,
            unit=Unit.objects.get(code=o.unit_code),
            defaults={"role": Role.MEMBER, "title": o.title, "is_head": o.title.startswith("Trưởng")},
        )
    return NEW_OFFICIALS


def _day(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, min(day, month_end(year, month).day))


def seed_tasks(year: int, month: int) -> None:
    commune = Unit.objects.get(code=COMMUNE)
    leader = User.objects.get(username="lanhdao")
    for who, suffix, summary, due, done in DEMO_TASKS:
        person = User.objects.get(username=who)
        lead = Unit.objects.get(code=f"{COMMUNE}-{suffix}" if suffix else COMMUNE)
        text = f"{summary} tháng {month}/{year}"
        task, created = Task.objects.get_or_create(
            owner=commune,
            lead_unit=lead,
            summary=text,
            defaults={
                "text": text,
                "deadline": _day(year, month, due),
                "deadline_kind": DeadlineKind.DATE,
                "created_by": leader,
            },
        )
        if not created:
            continue
        assign_people(task, leader, [person])
        if done:
            request_completion(
                task, person, claimed_on=_day(year, month, done), note="Đã hoàn thành, gửi kèm báo cáo."
            )
            approve_completion(task, leader)


def seed_evaluation() -> Period | None:
    """Last month's cycle in progress; None when it is already there."""
    seed_officials()
    year, month = previous_period(Cycle.MONTH, timezone.localdate())
    commune = Unit.objects.get(code=COMMUNE)
    if Period.objects.filter(organisation=commune, cycle=Cycle.MONTH, year=year, number=month).exists():
        return None
    seed_tasks(year, month)
    people = {
        u.username: u
        for u in User.objects.filter(username__in=["chuyenvien", "congchuc", "congan", "truongphong"])
    }
    period, _ = open_period(commune, people["chuyenvien"], year=year, number=month)

    tuan = Sheet.objects.get(period=period, person=people["congchuc"])
    cycle.self_assess(
        tuan,
        people["congchuc"],
        general=Decimal(28),
        notes="Chấp hành tốt chủ trương, quy định; hoàn thành đúng hạn các nhiệm vụ được giao.",
        entries={},
        submit=True,
    )
    cycle.review(
        tuan,
        people["truongphong"],
        general=Decimal(27),
        comment="Hoàn thành tốt nhiệm vụ; cần chủ động hơn trong tham mưu.",
        discipline="",
        entries={},
        submit=True,
    )
    cycle.self_assess(
        Sheet.objects.get(period=period, person=people["congan"]),
        people["congan"],
        general=Decimal(27),
        notes="Giữ vững an ninh, trật tự; báo cáo đúng hạn.",
        entries={},
        submit=True,
    )
    return period
