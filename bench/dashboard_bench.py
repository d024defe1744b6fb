"""Benchmark: queries and time of the dashboard, the task list and the task export.

    .venv/bin/python bench/dashboard_bench.py                 # demo data, then 5,000 more tasks
    .venv/bin/python bench/dashboard_bench.py --tasks 20000
    .venv/bin/python scripts/with_postgres.py -- .venv/bin/python bench/dashboard_bench.py --configured-db

The demo data (`seed-demo`) is measured first, as the commune leader (`lanhdao`) and the
province leader (`lanhdao.tinh`) see it; then `--tasks` tasks are added to the demo commune,
spread over 40 documents whose text (60 KB) and extraction JSON (about 250 KB) are the size of a
long plan with an appendix, and the pages are measured again. Each line gives the number of SQL
queries, the bytes those queries read back from the database for the page (the sum of the
lengths of the values fetched), and the median time of `--runs` requests.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TODAY = datetime.date(2026, 6, 15)
DOCUMENTS = 40


def setup_django(configured: bool, tmp: str):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dieuhanh.settings")
    os.environ["DIEUHANH_DATA_DIR"] = tmp
    if not configured:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp, 'bench.sqlite3')}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS.append("testserver")
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def add_tasks(count: int, rng: random.Random) -> None:
    from django.utils import timezone

    from dieuhanh.documents.models import Document
    from dieuhanh.org.models import Unit
    from dieuhanh.tasks.constants import TaskState
    from dieuhanh.tasks.models import Task

    commune = Unit.objects.get(code="xa-gia-loc")
    departments = list(commune.subtree().exclude(pk=commune.pk))
    body = "Ủy ban nhân dân xã giao các phòng, ban triển khai thực hiện nhiệm vụ. " * 850
    extraction = {"tasks": [{"text": "Triển khai thực hiện " * 40, "lead": "Phòng Văn hóa"}] * 300}
    documents = Document.objects.bulk_create(
        Document(
            owner=commune,
            number=str(500 + i),
            symbol="UBND-VP",
            subject=f"Kế hoạch thử nghiệm số {i}",
            issued_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=i * 4),
            text=body,
            extraction=extraction,
            content_hash=f"bench-{i:060d}",
        )
        for i in range(DOCUMENTS)
    )
    tasks = []
    for n in range(count):
        deadline = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        done = deadline < TODAY and rng.random() < 0.6
        tasks.append(
            Task(
                owner=commune,
                document=documents[n % DOCUMENTS],
                lead_unit=departments[rng.randrange(len(departments))],
                text=f"Nhiệm vụ thử nghiệm số {n}: triển khai, báo cáo kết quả thực hiện",
                summary=f"Nhiệm vụ số {n}",
                deadline=deadline,
                original_deadline=deadline,
                state=TaskState.DONE if done else TaskState.OPEN,
                completed_on=deadline + datetime.timedelta(days=rng.randint(-20, 10)) if done else None,
            )
        )
    Task.objects.bulk_create(tasks, batch_size=2000)
    for month in range(1, 7):
        created = timezone.make_aware(datetime.datetime(2026, month, 3, 8))
        Task.objects.filter(summary__endswith=str(month)).update(created_at=created)


def measure(client, url: str, runs: int) -> tuple[int, int, float]:
    from django.db import connection

    executed = []

    def record(execute, sql, params, many, context):
        executed.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    fetched = _fetched_bytes(executed)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - t)
    return len(executed), fetched, statistics.median(times)


def _fetched_bytes(executed) -> int:
    """What the page's SELECTs read back: re-run each one and add up the lengths of the values."""
    from django.db import connection

    total = 0
    with connection.cursor() as cursor:
        for sql, params in executed:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(sql, params)
            for row in cursor.fetchall():
                total += sum(len(str(v)) for v in row if v is not None)
    return total


def report(label: str, runs: int) -> None:
    from django.test import Client

    from dieuhanh.org.models import User

    print(label)
    for username in ("lanhdao", "lanhdao.tinh"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        for name, url in (
            ("dashboard", "/tong-quan/"),
            ("task list", "/nhiem-vu/"),
            ("export", "/nhiem-vu/xuat-excel/"),
        ):
            count, fetched, median = measure(client, url, runs)
            print(
                f"  {username:<13} {name:<10} {count:>3} queries  {fetched / 1024:>9.0f} KB read  "
                f"{median * 1000:>7.0f} ms"
            )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--configured-db", action="store_true", help="use DATABASE_URL (a throwaway database)"
    )
    parser.add_argument("--tasks", type=int, default=5000, help="tasks added after the demo data (5,000)")
    parser.add_argument("--runs", type=int, default=5, help="requests timed per page (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(args.configured_db, tmp)
        import time_machine
        from django.db import connection

        with time_machine.travel(datetime.datetime(2026, 6, 15, 9, tzinfo=datetime.UTC), tick=True):
            print(f"Database: {connection.vendor}; day {TODAY:%d/%m/%Y}")
            report("Demo data (seed-demo)", args.runs)
            add_tasks(args.tasks, random.Random(2026))
            report(f"Demo data + {args.tasks:,} tasks on {DOCUMENTS} long documents", args.runs)


if __name__ == "__main__":
    main()
