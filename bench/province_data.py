"""A province-sized database for the scale benchmarks (issue 17), built with bulk inserts.

    .venv/bin/python bench/province_data.py --tasks 100000 --db /tmp/province.sqlite3
    .venv/bin/python bench/province_data.py --communes 1000 --tasks 100000 --db /tmp/province1000.sqlite3
    .venv/bin/python scripts/with_postgres.py -- .venv/bin/python bench/province_data.py --configured-db --tasks 1000000

The shape: one province with 20 departments (sở); `--communes` communes, each with 6 departments,
its police and its health station; people in every unit (a leader and a tracker per organisation,
an officer per department). Tasks: 10% tracked by the province (led by a department or a commune),
the rest by the communes; deadlines spread over the past, this week, the next quarter, none, and
recurring duties (a series with its monthly occurrences); states as a year of follow-up leaves
them (done on time, early or late, awaiting approval, paused, cancelled); about 3 progress reports
per task; 3% of the documents confidential ("Mật") with their organisation's leader and tracker
named. Dates are relative to today, so the pages show a live province.

Every person's password is `demo@2026`; the province leader is `lanhdao.tinh`, a commune's leader
`lanhdao.xa<N>`, its tracker `chuyenvien.xa<N>`. The database must be new (or emptied first).
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PASSWORD = "demo@2026"
PROVINCE_DEPARTMENTS = 20
COMMUNE_DEPARTMENTS = 6
TASKS_PER_DOCUMENT = 10
BATCH = 5000
OCCURRENCES = 14  # of a recurring duty: a year back and two months ahead
# What the duties are about, in turn, so that a search finds some tasks and not all of them.
DUTIES = [
    "triển khai, kiểm tra và báo cáo kết quả thực hiện",
    "tuyên truyền công tác dân số, kế hoạch hóa gia đình",
    "hướng dẫn các thôn thống kê số hộ dân cư",
    "xây dựng nông thôn mới nâng cao",
    "rà soát hồ sơ đất đai, giải phóng mặt bằng",
    "chuyển đổi số, cập nhật dữ liệu dân cư",
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "kiểm tra an toàn thực phẩm tại các chợ",
]


def setup_django(db: str | None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dieuhanh.settings")
    if db:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(db).resolve()}"
        os.environ.setdefault("DIEUHANH_DATA_DIR", str(Path(db).resolve().parent / (Path(db).stem + ".data")))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        create_database(connection)
    call_command("migrate", verbosity=0)


def create_database(connection):
    """Create the PostgreSQL database DATABASE_URL names when it is missing (scripts/with_postgres.py
    starts a cluster without it)."""
    import psycopg
    from psycopg import sql

    settings = connection.settings_dict
    params = {"host": settings["HOST"], "port": settings["PORT"], "user": settings["USER"]}
    with psycopg.connect(
        dbname="postgres", password=settings["PASSWORD"] or None, autocommit=True, **params
    ) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]).fetchone():
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(settings["NAME"])))


def _tree_paths(units, parents):
    for unit in units:
        unit.path = f"{parents[unit.parent_id].path}{unit.pk}/"


def build_units(communes: int):
    from dieuhanh.org.constants import UnitKind
    from dieuhanh.org.models import Unit

    if Unit.objects.exists():
        raise SystemExit("Cơ sở dữ liệu đã có đơn vị: hãy dùng một tệp mới (--db).")
    province = Unit.objects.create(
        kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Thử Nghiệm", code="tinh"
    )
    top = Unit.objects.bulk_create(
        [
            Unit(parent=province, kind=UnitKind.PROVINCE_DEPT, name=f"Sở số {i}", code=f"so-{i}")
            for i in range(PROVINCE_DEPARTMENTS)
        ]
        + [
            Unit(parent=province, kind=UnitKind.COMMUNE, name=f"Ủy ban nhân dân xã Số {i}", code=f"xa-{i}")
            for i in range(communes)
        ]
    )
    _tree_paths(top, {province.pk: province})
    Unit.objects.bulk_update(top, ["path"], batch_size=BATCH)
    commune_units = [u for u in top if u.kind == UnitKind.COMMUNE]
    kinds = [UnitKind.COMMUNE_DEPT] * COMMUNE_DEPARTMENTS + [UnitKind.POLICE, UnitKind.HEALTH]
    departments = Unit.objects.bulk_create(
        (
            Unit(parent=c, kind=kind, name=f"{UnitKind(kind).label} {j} xã Số {i}", code=f"xa-{i}-{j}")
            for i, c in enumerate(commune_units)
            for j, kind in enumerate(kinds)
        ),
        batch_size=BATCH,
    )
    _tree_paths(departments, {c.pk: c for c in commune_units})
    Unit.objects.bulk_update(departments, ["path"], batch_size=BATCH)
    by_commune = {c.pk: [] for c in commune_units}
    for d in departments:
        by_commune[d.parent_id].append(d)
    return province, [u for u in top if u.kind == UnitKind.PROVINCE_DEPT], commune_units, by_commune


def build_people(province, province_depts, communes, by_commune):
    """A leader and a tracker per organisation, an officer per department; returns {org id: [leader, tracker]}."""
    from django.contrib.auth.hashers import make_password

    from dieuhanh.org.constants import Role
    from dieuhanh.org.models import Membership, User

    hashed = make_password(PASSWORD)  # hashed once: PBKDF2 per person would take minutes
    people, roles = [], []

    def person(username, unit, role, head=False):
        people.append(User(username=username, password=hashed, first_name=username))
        roles.append((username, unit, role, head))

    person("lanhdao.tinh", province, Role.LEADER, True)
    person("chuyenvien.tinh", province, Role.TRACKER)
    for i, d in enumerate(province_depts):
        person(f"canbo.so{i}", d, Role.MEMBER)
    for i, c in enumerate(communes):
        person(f"lanhdao.xa{i}", c, Role.LEADER, True)
        person(f"chuyenvien.xa{i}", c, Role.TRACKER)
        for j, d in enumerate(by_commune[c.pk]):
            person(f"canbo.xa{i}.{j}", d, Role.MEMBER, j == 0)
    User.objects.bulk_create(people, batch_size=BATCH)
    ids = dict(User.objects.values_list("username", "pk"))
    Membership.objects.bulk_create(
        (Membership(user_id=ids[u], unit=unit, role=role, is_head=head) for u, unit, role, head in roles),
        batch_size=BATCH,
    )
    named = {province.pk: [ids["lanhdao.tinh"], ids["chuyenvien.tinh"]]}
    for i, c in enumerate(communes):
        named[c.pk] = [ids[f"lanhdao.xa{i}"], ids[f"chuyenvien.xa{i}"]]
    return named


def _deadline_and_state(rng: random.Random, today: datetime.date):
    """(deadline kind, deadline, state, completed_on, created day): the spread a year of follow-up leaves."""
    from dieuhanh.tasks.constants import DeadlineKind, TaskState

    roll = rng.random()
    if roll < 0.40:  # past
        deadline = today - datetime.timedelta(days=rng.randint(1, 330))
    elif roll < 0.46:  # this week
        deadline = today + datetime.timedelta(days=rng.randint(0, 6))
    elif roll < 0.80:  # next quarter
        deadline = today + datetime.timedelta(days=rng.randint(7, 100))
    elif roll < 0.90:  # later this year or next
        deadline = today + datetime.timedelta(days=rng.randint(101, 400))
    else:
        deadline = None
    created = (deadline or today) - datetime.timedelta(days=rng.randint(10, 120))
    created = min(created, today)
    kind = DeadlineKind.DATE if deadline else DeadlineKind.NONE
    state, completed = TaskState.OPEN, None
    r = rng.random()
    if deadline and deadline < today and r < 0.70:
        state = TaskState.DONE
        completed = min(deadline + datetime.timedelta(days=rng.randint(-25, 15)), today)
    elif deadline and deadline >= today and r < 0.20:
        state = TaskState.DONE
        completed = today - datetime.timedelta(days=rng.randint(0, 20))
    elif deadline is None and r < 0.30:
        state = TaskState.DONE
        completed = today - datetime.timedelta(days=rng.randint(0, 200))
    elif r < 0.74:
        pass
    elif r < 0.77:
        state = TaskState.AWAITING_APPROVAL
        completed = today - datetime.timedelta(days=rng.randint(0, 10))
    elif r < 0.79:
        state = TaskState.PAUSED
    elif r < 0.81:
        state = TaskState.CANCELLED
    if completed is not None:
        created = min(created, completed)
    return kind, deadline, state, completed, created


def build_tasks(count, rng, today, province, province_depts, communes, by_commune, named):
    from django.utils import timezone

    from dieuhanh.documents.constants import Confidentiality
    from dieuhanh.documents.models import Document
    from dieuhanh.tasks.constants import DeadlineKind, TaskState
    from dieuhanh.tasks.models import Task

    owners = [province] * max(1, len(communes) // 9) + communes  # ~10% of tasks tracked by the province
    body = "Ủy ban nhân dân giao các cơ quan, đơn vị triển khai thực hiện các nhiệm vụ sau. " * 25
    documents = []
    for n in range(max(1, count // TASKS_PER_DOCUMENT)):
        owner = owners[n % len(owners)]
        secret = rng.random() < 0.03
        issued = today - datetime.timedelta(days=rng.randint(0, 500))
        documents.append(
            Document(
                owner=owner,
                number=str(n + 1),
                symbol="KH-UBND",
                doc_type="Kế hoạch",
                subject=f"Kế hoạch triển khai số {n + 1}",
                issued_date=issued,
                issued_year=issued.year,
                text=body,
                content_hash=f"province-{n:055d}",  # 64 characters, the column's length
                confidentiality=Confidentiality.SECRET if secret else Confidentiality.NORMAL,
            )
        )
    documents = Document.objects.bulk_create(documents, batch_size=BATCH)
    through = Document.allowed_people.through
    through.objects.bulk_create(
        (
            through(document_id=d.pk, user_id=user)
            for d in documents
            if d.confidentiality != Confidentiality.NORMAL
            for user in named[d.owner_id]
        ),
        batch_size=BATCH,
    )

    organisations = {province.pk: province, **{c.pk: c for c in communes}}

    def lead_for(owner):
        if owner.pk == province.pk:
            return rng.choice(province_depts) if rng.random() < 0.6 else rng.choice(communes)
        return rng.choice(by_commune[owner.pk])

    tasks, created_days = [], []
    series = []
    n = 0
    while n < count:
        document = documents[(n // TASKS_PER_DOCUMENT) % len(documents)]
        owner = organisations[document.owner_id]
        lead = lead_for(owner)
        if rng.random() < 0.03:
            # A recurring duty: the series (not counted) and its monthly occurrences.
            parent = Task(
                owner=owner, document=document, lead_unit=lead, is_series=True,
                text=f"Báo cáo định kỳ hằng tháng số {n}", summary=f"Báo cáo định kỳ số {n}",
                deadline_kind=DeadlineKind.RECURRING, recurrence="monthly:25",
            )  # fmt: skip
            series.append((parent, owner, document, lead))
            n += 1 + OCCURRENCES
            continue
        kind, deadline, state, completed, created = _deadline_and_state(rng, today)
        tasks.append(
            Task(
                owner=owner,
                document=document,
                lead_unit=lead,
                deadline_kind=kind,
                text=f"Nhiệm vụ số {n}: {DUTIES[n % len(DUTIES)]}",
                summary=f"Nhiệm vụ số {n}",
                deadline=deadline,
                original_deadline=deadline,
                state=state,
                completed_on=completed,
                starred=rng.random() < 0.02,
            )  # fmt: skip
        )
        created_days.append(created)
        n += 1
    Task.objects.bulk_create([s[0] for s in series], batch_size=BATCH)
    for parent, owner, document, lead in series:
        for back in range(OCCURRENCES - 3, -3, -1):  # 11 months back to 2 ahead
            first = (today.replace(day=1) - datetime.timedelta(days=back * 30)).replace(day=1)
            due = first.replace(day=25)
            done = due < today and rng.random() < 0.8
            tasks.append(
                Task(
                    owner=owner,
                    document=document,
                    lead_unit=lead,
                    series=parent,
                    deadline_kind=DeadlineKind.RECURRING,
                    text=parent.text,
                    summary=parent.summary,
                    period_label=f"Tháng {due.month:02d}/{due.year}",
                    deadline=due,
                    original_deadline=due,
                    state=TaskState.DONE if done else TaskState.OPEN,
                    completed_on=due + datetime.timedelta(days=rng.randint(-5, 3)) if done else None,
                )  # fmt: skip
            )
            created_days.append(min(first, today))
    Task.objects.bulk_create(tasks, batch_size=BATCH)
    # created_at is auto_now_add: set it afterwards, one UPDATE per creation day.
    by_day = {}
    for task, day in zip(tasks, created_days, strict=True):
        by_day.setdefault(day, []).append(task.pk)
    tz = timezone.get_current_timezone()
    for day, ids in by_day.items():
        at = datetime.datetime.combine(day, datetime.time(8, 30), tzinfo=tz)
        for i in range(0, len(ids), 900):
            Task.objects.filter(pk__in=ids[i : i + 900]).update(created_at=at, updated_at=at)
    coordinated = Task.coordinators.through
    coordinated.objects.bulk_create(
        (
            coordinated(task_id=t.pk, unit_id=other.pk)
            for t in tasks
            if rng.random() < 0.2
            for other in [rng.choice(by_commune.get(t.owner_id) or province_depts)]
            if other.pk != t.lead_unit_id
        ),
        batch_size=BATCH,
    )
    return tasks, created_days


def build_reports(tasks, created_days, rng, today):
    """~3 progress reports per task: COPY on PostgreSQL (3 million rows for a million tasks),
    bulk inserts elsewhere."""
    from django.db import connection
    from django.utils import timezone

    from dieuhanh.tasks.models import ProgressReport, note_last_reports

    def reports():
        for task, created in zip(tasks, created_days, strict=True):
            span = max(1, ((task.completed_on or today) - created).days)
            for k in range(rng.choice((1, 2, 3, 3, 4, 5))):
                yield (
                    task.pk,
                    task.lead_unit_id,
                    created + datetime.timedelta(days=rng.randint(0, span)),
                    f"Lần {k + 1}: đã triển khai, đang tổng hợp kết quả",
                    min(100, 20 * (k + 1)),
                )

    total = 0
    if connection.vendor == "postgresql":
        now = timezone.now()
        columns = "task_id, unit_id, reported_on, text, percent, created_at"
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {ProgressReport._meta.db_table} ({columns}) FROM STDIN") as copy,
        ):
            for row in reports():
                copy.write_row((*row, now))
                total += 1
        note_last_reports()  # COPY sends no signal: each task's last report date, in one UPDATE
        return total
    batch = []
    fields = ("task_id", "unit_id", "reported_on", "text", "percent")
    for row in reports():
        batch.append(ProgressReport(**dict(zip(fields, row, strict=True))))
        if len(batch) == BATCH:
            ProgressReport.objects.bulk_create(batch)
            total += len(batch)
            batch = []
    ProgressReport.objects.bulk_create(batch)
    return total + len(batch)


def index_for_search():
    """Bulk inserts send no signal: write the search index of every document and task at the end."""
    from dieuhanh.documents.models import Document
    from dieuhanh.documents.search_index import index_documents
    from dieuhanh.tasks.models import Task
    from dieuhanh.tasks.search_index import index_tasks

    index_documents(Document.objects.all())
    index_tasks(Task.objects.all())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--db", help="tệp SQLite mới (mặc định: DATABASE_URL như đã đặt)")
    parser.add_argument(
        "--configured-db", action="store_true", help="dùng DATABASE_URL (ví dụ PostgreSQL tạm)"
    )
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    if not args.db and not args.configured_db:
        parser.error("cần --db TỆP.sqlite3 hoặc --configured-db")
    if args.db and Path(args.db).exists():
        raise SystemExit(f"Tệp {args.db} đã có: hãy xóa hoặc chọn tên khác.")
    started = time.perf_counter()
    setup_django(args.db)
    from django.db import transaction
    from django.utils import timezone

    rng = random.Random(args.seed)
    today = timezone.localdate()
    with transaction.atomic():
        province, province_depts, communes, by_commune = build_units(args.communes)
        named = build_people(province, province_depts, communes, by_commune)
        tasks, created_days = build_tasks(
            args.tasks, rng, today, province, province_depts, communes, by_commune, named
        )
        reports = build_reports(tasks, created_days, rng, today)
        index_for_search()
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # statistics for the planner, as a live database has them
    print(
        f"{len(communes)} xã, {len(tasks)} nhiệm vụ, {reports} báo cáo tiến độ "
        f"trong {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
