"""The query plans of the province dashboard on a province-sized database (issue 17).

    .venv/bin/python bench/explain_dashboard.py --db /tmp/province.sqlite3
    .venv/bin/python scripts/with_postgres.py -- sh -c '.venv/bin/python bench/province_data.py \
        --configured-db --tasks 300000 && .venv/bin/python bench/explain_dashboard.py --configured-db'

Builds the dashboard once as the province leader (`lanhdao.tinh`, as bench/scale_bench.py does),
for the province and for its first commune, captures the queries, then prints each query on the
tasks with its time and its plan: EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on
PostgreSQL (which runs the query and shows the rows and time of each step). A plan line that
names an index shows where the rows come from it rather than from a scan of the table.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", help="tệp SQLite do bench/province_data.py tạo")
    parser.add_argument("--configured-db", action="store_true", help="dùng DATABASE_URL")
    args = parser.parse_args(argv)
    if not args.db and not args.configured_db:
        parser.error("cần --db TỆP.sqlite3 hoặc --configured-db")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dieuhanh.settings")
    if args.db:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.db).resolve()}"
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from dieuhanh.org.access import Access
    from dieuhanh.org.constants import UnitKind
    from dieuhanh.org.models import Unit, User
    from dieuhanh.tasks.dashboard import build_dashboard, period_bounds

    access = Access.of(User.objects.get(username="lanhdao.tinh"))
    today = timezone.localdate()
    start, end = period_bounds("year", today)
    commune = Unit.objects.filter(kind=UnitKind.COMMUNE).order_by("pk").first()
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    for name, of in (("province", None), ("commune", commune)):
        build_dashboard(access, start, end, today, commune=of)  # warm: the pages in the cache
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            build_dashboard(access, start, end, today, commune=of)
            elapsed = time.perf_counter() - started
        print(f"=== dashboard ({name}): {len(captured)} queries, {elapsed * 1000:.0f} ms ===")
        with connection.cursor() as cursor:
            for query in captured.captured_queries:
                if "tasks_task" not in query["sql"]:
                    continue
                print(f"--- {float(query['time']) * 1000:.0f} ms: {query['sql'][:110]} …")
                cursor.execute(explain + query["sql"])
                print("\n".join(str(row[-1]) for row in cursor.fetchall()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
