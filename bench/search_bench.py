"""Time the task list's and the registry's search on a province database (issue 14, item 9).

    .venv/bin/python bench/province_data.py --tasks 100000 --db /tmp/province.sqlite3
    .venv/bin/python bench/search_bench.py --db /tmp/province.sqlite3

Each query runs as the task list runs it (the person's visible tasks, the filter form, the count
and the first page) for the province leader (sees all) and a commune's tracker; p50/p95 in ms.
It goes through the forms only, so the same script times another branch's code on the same
database: `PYTHONPATH=/path/to/other/checkout python bench/search_bench.py --db …`.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

if "PYTHONPATH" not in os.environ:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# After the number of a document with tasks (read from the database): words of the bench's duties.
QUERIES = ['"kiem tra"', "dân số", '"dan so"', "nông thôn mới", "xyzkhongco"]


def timed(run, runs: int) -> tuple[float, float, int]:
    times, found = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        found = run()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", help="tệp SQLite do bench/province_data.py tạo (mặc định: DATABASE_URL)")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    if args.db:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.db).resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dieuhanh.settings")
    import django

    django.setup()
    from django.utils import timezone

    import dieuhanh
    from dieuhanh.documents.models import Document
    from dieuhanh.intake.forms import DocumentFilterForm
    from dieuhanh.org.access import Access
    from dieuhanh.org.models import User
    from dieuhanh.tasks.access import visible_documents, visible_tasks
    from dieuhanh.tasks.forms.filters import TaskFilterForm
    from dieuhanh.tasks.models import Task

    today = timezone.localdate()
    number, symbol = (
        Document.objects.filter(tasks__isnull=False).order_by("pk").values_list("number", "symbol")[0]
    )
    print(f"Mã nguồn: {Path(dieuhanh.__file__).parent}; {Task.objects.count()} nhiệm vụ")
    print(f"{'người xem':<18} {'danh sách':<10} {'truy vấn':<16} {'p50 ms':>8} {'p95 ms':>8} {'kết quả':>8}")
    for username in ("lanhdao.tinh", "chuyenvien.xa1"):
        access = Access.of(User.objects.get(username=username))
        for query in [f"{number}/{symbol}", *QUERIES]:

            def tasks(query=query, access=access):
                form = TaskFilterForm({"q": query}, access=access)
                qs = form.apply(visible_tasks(access, Task.objects.trackable()), today)
                list(qs.select_related("lead_unit")[:25])
                return qs.count()

            def documents(query=query, access=access):
                form = DocumentFilterForm({"q": query})
                qs = form.apply(visible_documents(access, Document.objects.all()))
                list(qs[:25])
                return qs.count()

            for name, run in (("nhiệm vụ", tasks), ("văn bản", documents)):
                p50, p95, found = timed(run, args.runs)
                print(f"{username:<18} {name:<10} {query:<16} {p50:8.1f} {p95:8.1f} {found:8d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
