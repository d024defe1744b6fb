"""Planning reminders for 1,000,000 open tasks on PostgreSQL (target: under 10 seconds).

    .venv/bin/python scripts/with_postgres.py -- .venv/bin/python bench/remind_bench.py [--tasks N]

Loads a province of 100 communes × 10 units (two members each, one of them
the head), then N tasks with COPY — deadlines from 40 days ago to 325 days
ahead, one in ten without a deadline, 3% recurring occurrences, a fifth with
a coordinating unit, a tenth with an assignee, a fifth with a progress
report. It then plans four consecutive working days (Monday to Thursday),
so the last day is a steady state with escalations due, times each day,
times an immediate re-run (everything already planned) and the in-app
notifications for the last day. The database is wiped first: run it only
against a throwaway cluster.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dieuhanh.settings")


def ensure_database() -> None:
    """with_postgres.py starts an empty cluster: create the database DATABASE_URL names."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(os.environ.get("DATABASE_URL", ""))
    if "postgresql" not in config.get("ENGINE", ""):
        return
    params = {
        "host": config["HOST"],
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "dbname": "postgres",
    }
    with psycopg.connect(**params, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


ensure_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from dieuhanh.notify.channels.in_app import create_notifications  # noqa: E402
from dieuhanh.notify.models import Reminder  # noqa: E402
from dieuhanh.notify.rules import plan  # noqa: E402
from dieuhanh.org.constants import Role, UnitKind  # noqa: E402
from dieuhanh.org.models import Membership, Unit, User  # noqa: E402
from dieuhanh.tasks.models import Task  # noqa: E402

DAYS = [datetime.date(2026, 6, 15) + datetime.timedelta(days=i) for i in range(4)]  # Mon–Thu, no holiday
COMMUNES, UNITS_PER_COMMUNE = 100, 10


def wipe() -> None:
    tables = [
        "notify_notification",
        "notify_reminder",
        "notify_digest",
        "tasks_task",
        "org_membership",
        "org_unit",
        "org_user",
        "core_auditevent",
    ]
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(tables) + " CASCADE")


def build_units() -> tuple[list[Unit], dict[int, int], dict[int, int], dict[int, int]]:
    """Units and people; returns lead units and maps lead → commune, lead → coordinator, lead → assignee."""
    province = Unit.objects.create(kind=UnitKind.PROVINCE, name="UBND tỉnh Thử", code="bench-province")
    users = User.objects.bulk_create(
        [
            User(username=f"bench{i}", full_name=f"Cán bộ {i}", email=f"bench{i}@example.vn")
            for i in range(COMMUNES * (UNITS_PER_COMMUNE * 2 + 1))
        ]
    )
    people = iter(users)
    leads, commune_of, coordinator_of, assignee_of, memberships = [], {}, {}, {}, []
    for c in range(COMMUNES):
        commune = Unit.objects.create(
            kind=UnitKind.COMMUNE, name=f"UBND xã {c}", code=f"bench-c{c}", parent=province
        )
        memberships.append(Membership(user=next(people), unit=commune, role=Role.LEADER))
        units = [
            Unit.objects.create(
                kind=UnitKind.COMMUNE_DEPT, name=f"Phòng {c}-{u}", code=f"bench-c{c}-u{u}", parent=commune
            )
            for u in range(UNITS_PER_COMMUNE)
        ]
        for i, unit in enumerate(units):
            head, member = next(people), next(people)
            memberships += [
                Membership(user=head, unit=unit, role=Role.MEMBER, is_head=True),
                Membership(user=member, unit=unit, role=Role.MEMBER),
            ]
            commune_of[unit.pk] = commune.pk
            coordinator_of[unit.pk] = units[(i + 1) % len(units)].pk
            assignee_of[unit.pk] = member.pk
        leads += units
    Membership.objects.bulk_create(memberships)
    return leads, commune_of, coordinator_of, assignee_of


def copy_tasks(n: int, leads: list[Unit], commune_of: dict[int, int]) -> None:
    rng = random.Random(7)
    now = timezone.now()
    series = Task.objects.bulk_create(
        [
            Task(owner_id=commune_of[u.pk], lead_unit=u, text=f"Báo cáo định kỳ {u.pk}", is_series=True)
            for u in leads
        ]
    )
    fields = [f for f in Task._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    base = {}
    for f in fields:
        if f.has_default():
            base[f.attname] = f.get_default()
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            base[f.attname] = now
        else:
            base[f.attname] = None if f.null else ""
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY tasks_task ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for i in range(n):
            lead = leads[i % len(leads)]
            deadline = None if i % 10 == 0 else DAYS[-1] + datetime.timedelta(days=rng.randint(-40, 325))
            row = dict(base)
            row.update(
                owner_id=commune_of[lead.pk],
                lead_unit_id=lead.pk,
                text=f"Nhiệm vụ thử số {i}",
                summary=f"Nhiệm vụ thử số {i}",
                deadline=deadline,
                original_deadline=deadline,
                created_at=now - datetime.timedelta(days=rng.randint(20, 200)),
                series_id=series[i % len(series)].pk if i % 33 == 0 else None,
            )
            copy.write_row([row[f.attname] for f in fields])


def link_people(coordinator_of: dict[int, int], assignee_of: dict[int, int]) -> None:
    coord_values = ", ".join(f"({a}, {b})" for a, b in coordinator_of.items())
    assignee_values = ", ".join(f"({a}, {b})" for a, b in assignee_of.items())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO tasks_task_coordinators (task_id, unit_id) SELECT t.id, m.coord FROM tasks_task t "
            f"JOIN (VALUES {coord_values}) AS m(lead, coord) ON m.lead = t.lead_unit_id WHERE t.id % 5 = 0"
        )
        cursor.execute(
            f"INSERT INTO tasks_task_assignees (task_id, user_id) SELECT t.id, m.person FROM tasks_task t "
            f"JOIN (VALUES {assignee_values}) AS m(lead, person) ON m.lead = t.lead_unit_id WHERE t.id % 10 = 3"
        )
        cursor.execute(
            "INSERT INTO tasks_progressreport (task_id, unit_id, reported_on, text, percent, created_at) "
            "SELECT id, lead_unit_id, DATE '2026-06-14' - (id % 60)::int, 'Đã triển khai', 30, now() "
            "FROM tasks_task WHERE id % 5 = 1"
        )
        cursor.execute("ANALYZE")


def profile_statements() -> None:
    from dieuhanh.notify import rules

    insert = rules.insert_reminders

    def timed(selection, today, now):
        started = time.perf_counter()
        added = insert(selection, today, now)
        print(f"    {selection.kind.value:16} {time.perf_counter() - started:6.2f} s  {added:>8,} dòng")
        return added

    rules.insert_reminders = timed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1_000_000)
    parser.add_argument("--profile", action="store_true", help="Print the time of every INSERT ... SELECT.")
    args = parser.parse_args(argv)
    if args.profile:
        profile_statements()
    if connection.vendor != "postgresql":
        print("Cần PostgreSQL: chạy qua scripts/with_postgres.py (xem đầu tệp).", file=sys.stderr)
        return 2
    call_command("migrate", verbosity=0)
    wipe()
    t0 = time.perf_counter()
    leads, commune_of, coordinator_of, assignee_of = build_units()
    copy_tasks(args.tasks, leads, commune_of)
    link_people(coordinator_of, assignee_of)
    load = time.perf_counter() - t0
    open_tasks = Task.objects.filter(state="open", is_series=False).count()
    print(f"Nạp dữ liệu: {open_tasks:,} nhiệm vụ đang mở, {len(leads)} đơn vị chủ trì — {load:.1f} s")
    for day in DAYS:
        now = timezone.make_aware(datetime.datetime.combine(day, datetime.time(6)))
        t = time.perf_counter()
        planned = plan(day, now)
        took = time.perf_counter() - t
        print(
            f"Lập lịch {day:%d/%m/%Y}: {took:.2f} s — {sum(planned.values()):,} lượt nhắc mới {dict(planned)}"
        )
    t = time.perf_counter()
    again = plan(DAYS[-1], now)
    print(
        f"Chạy lại cùng ngày: {time.perf_counter() - t:.2f} s — {sum(again.values())} lượt mới (đã lập hết)"
    )
    t = time.perf_counter()
    made = create_notifications(DAYS[-1], now)
    print(
        f"Thông báo trong hệ thống cho ngày {DAYS[-1]:%d/%m/%Y}: {made:,} — {time.perf_counter() - t:.2f} s"
    )
    print(f"Tổng số lượt nhắc trong bảng: {Reminder.objects.count():,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
