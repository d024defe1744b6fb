"""What "Việc chờ tôi" costs at a province's scale: the navigation count (on every page) and the
page, for the people of a database made by bench/province_data.py — queries and p50/p95 times.

    .venv/bin/python bench/province_data.py --tasks 100000 --db /tmp/province.sqlite3
    .venv/bin/python bench/waiting_bench.py --db /tmp/province.sqlite3
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.province_data import setup_django  # noqa: E402

PEOPLE = ("lanhdao.tinh", "chuyenvien.tinh", "lanhdao.xa0", "chuyenvien.xa0", "canbo.xa0.0", "canbo.so0")


def timed(fn, runs: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(int(len(times) * 0.95) - 1, 0)], len(queries)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True, help="tệp SQLite do bench/province_data.py tạo")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    setup_django(args.db)
    from dieuhanh.inbox.waiting import waiting_count, waiting_for
    from dieuhanh.org.access import Access
    from dieuhanh.org.models import User
    from dieuhanh.tasks.models import Task

    print(f"{Task.objects.count():,} nhiệm vụ; {args.runs} lần đo mỗi dòng (ms, p50/p95)")
    print(f"{'người dùng':<18} {'số việc':>8} {'đếm (thanh điều hướng)':>26} {'trang':>22}")
    for username in PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        access = Access.of(user)
        access.org_paths()
        count = waiting_count(access)
        c50, c95, cq = timed(lambda a=access: waiting_count(a), args.runs)
        p50, p95, pq = timed(lambda a=access: waiting_for(a), args.runs)
        print(
            f"{username:<18} {count:>8} {c50:>10.1f}/{c95:<6.1f}({cq} truy vấn) {p50:>8.1f}/{p95:<6.1f}({pq} truy vấn)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
