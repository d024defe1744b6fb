"""Benchmark: the REST API's task list (100 items a page, filters on) on the demo data.

    .venv/bin/python bench/api_bench.py                    # the demo data only
    .venv/bin/python bench/api_bench.py --tasks 100000     # plus 100,000 tasks in the demo commune

A temporary SQLite database gets the demo data (`seed-demo`), and `--tasks` more tasks (bulk
inserts, not timed) owned by xã Gia Lộc and led by its departments. Then the tracker's personal
token lists `/api/v1/tasks?page_size=100&status=open&sort=deadline` (and two more filter sets)
`--runs` times each through Django's test client — the whole request: token check, access
scope, filters, status expression, count, page, JSON — and prints the SQL queries per request
and p50/p95/max in milliseconds. Issue 16's goal: p95 under 100 ms with 100,000 tasks.
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

QUERIES = {
    "open, by deadline": "page_size=100&status=open&sort=deadline",
    "overdue, one unit": "page_size=100&status=overdue&unit={unit}",
    "search, date range": "page_size=100&q=báo cáo&deadline_from=2026-01-01&deadline_to=2026-12-31",
}


def setup(tmp: str):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dieuhanh.settings")
    os.environ["DIEUHANH_DATA_DIR"] = tmp
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp, 'bench.sqlite3')}"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)


def add_tasks(count: int, rng: random.Random):
    from dieuhanh.org.models import Unit
    from dieuhanh.tasks.models import Task

    commune = Unit.objects.get(code="xa-gia-loc")
    units = list(commune.subtree().exclude(pk=commune.pk))
    start = datetime.date(2025, 1, 1)
    batch = []
    for i in range(count):
        deadline = start + datetime.timedelta(days=rng.randrange(0, 730)) if rng.random() < 0.9 else None
        text = f"Báo cáo, rà soát nội dung số {i} của kế hoạch năm"
        batch.append(
            Task(
                owner=commune,
                lead_unit=rng.choice(units),
                text=text,
                summary=text,
                deadline=deadline,
                original_deadline=deadline,
                deadline_kind="date" if deadline else "none",
            )
        )
        if len(batch) == 5000:
            Task.objects.bulk_create(batch)
            batch = []
    Task.objects.bulk_create(batch)


def measure(runs: int):
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection, reset_queries
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from dieuhanh.api.tokens import create_personal_token
    from dieuhanh.org.models import User
    from dieuhanh.tasks.models import Task

    # Keep one connection across requests, as a long-running server does, and count its queries.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.disconnect(reset_queries)
    _, raw = create_personal_token(User.objects.get(username="chuyenvien"), "bench")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    busiest = (
        Task.objects.filter(owner__code="xa-gia-loc")
        .values("lead_unit")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    unit = busiest["lead_unit"]
    print(f"tasks in the database: {Task.objects.count():,}")
    print(f"{'query':<22} {'queries':>7} {'count':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for label, query in QUERIES.items():
        url = "/api/v1/tasks?" + query.format(unit=unit)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(
            f"{label:<22} {captured.final_queries - captured.initial_queries:>7} {response.json()['count']:>8,} "
            f"{statistics.median(times):>8.1f} {p95:>8.1f} {times[-1]:>8.1f}"
        )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tasks", type=int, default=0, help="tasks to add to the demo commune")
    parser.add_argument("--runs", type=int, default=40, help="requests per filter set")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        setup(tmp)
        if args.tasks:
            add_tasks(args.tasks, random.Random(16))
        print(f"setup: {time.perf_counter() - t0:.1f} s")
        measure(args.runs)


if __name__ == "__main__":
    main()
