"""Benchmark: a province's monthly report over 50,000 tasks in ~100 communes.

    .venv/bin/python bench/report_bench.py            # a temporary SQLite file
    .venv/bin/python bench/report_bench.py --configured-db   # DATABASE_URL as set (e.g. PostgreSQL, emptied first? no:
                                                             # run it only against a throwaway database)

Setup (bulk inserts) is timed apart from the report: figures (aggregate and
grouped queries), the .docx (with its chart) and the .xlsx. Goal: under 2 s, on every run.

    .venv/bin/python scripts/with_postgres.py -- sh -c '.venv/bin/python bench/province_data.py \
        --configured-db --tasks 300000 && .venv/bin/python bench/report_bench.py --configured-db \
        --province tinh --repeat 3'

`--province CODE` reports on a province already in the database (bench/province_data.py's is
`tinh`), judged today, for last month unless `--period` says otherwise; `--repeat` runs it again.
"""

import argparse
import datetime
import json
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

COMMUNES = 100
DEPARTMENTS = 12
TASKS = 50_000
REPORTS = 100_000
EXTENSIONS = 2_000


def setup_django(configured: bool, tmp: str, db: str | None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dieuhanh.settings")
    os.environ.setdefault("DIEUHANH_DATA_DIR", tmp)
    if not configured:
        os.environ["DATABASE_URL"] = f"sqlite:///{db or Path(tmp, 'bench.sqlite3')}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_data(rng: random.Random):
    from django.utils import timezone

    from dieuhanh.org.constants import UnitKind
    from dieuhanh.org.models import Unit
    from dieuhanh.tasks.constants import ChangeStatus, TaskState
    from dieuhanh.tasks.models import DeadlineChange, ProgressReport, Task

    province = Unit.objects.create(
        kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Thử Nghiệm", code="bench-tinh"
    )
    communes = Unit.objects.bulk_create(
        Unit(parent=province, kind=UnitKind.COMMUNE, name=f"Ủy ban nhân dân xã Số {i}", code=f"bench-xa-{i}")
        for i in range(COMMUNES)
    )
    for c in communes:
        c.path = f"{province.path}{c.pk}/"
    Unit.objects.bulk_update(communes, ["path"])
    departments = Unit.objects.bulk_create(
        Unit(parent=c, kind=UnitKind.COMMUNE_DEPT, name=f"Phòng số {j} xã {i}", code=f"bench-{i}-{j}")
        for i, c in enumerate(communes)
        for j in range(DEPARTMENTS)
    )
    by_id = {c.pk: c for c in communes}
    for d in departments:
        d.path = f"{by_id[d.parent_id].path}{d.pk}/"
    Unit.objects.bulk_update(departments, ["path"], batch_size=2000)

    year_start = datetime.date(2026, 1, 1)
    tasks = []
    for n in range(TASKS):
        dept = departments[rng.randrange(len(departments))]
        deadline = year_start + datetime.timedelta(days=rng.randrange(365)) if rng.random() < 0.9 else None
        roll = rng.random()
        state, completed = TaskState.OPEN, None
        if deadline and roll < 0.55:
            state = TaskState.DONE
            completed = min(
                deadline + datetime.timedelta(days=rng.randint(-20, 10)), datetime.date(2026, 6, 14)
            )
        elif roll > 0.98:
            state = TaskState.CANCELLED
        elif roll > 0.96:
            state = TaskState.PAUSED
        tasks.append(
            Task(
                owner_id=dept.parent_id,
                lead_unit=dept,
                text=f"Nhiệm vụ thử nghiệm số {n}: triển khai, báo cáo kết quả thực hiện",
                summary=f"Nhiệm vụ số {n}",
                deadline=deadline,
                original_deadline=deadline,
                state=state,
                completed_on=completed,
                budget=Decimal(rng.randint(5, 2000)) if rng.random() < 0.1 else None,
                target="Hoàn thành 100% kế hoạch" if rng.random() < 0.1 else "",
            )
        )
    Task.objects.bulk_create(tasks, batch_size=5000)
    Task.objects.update(created_at=timezone.make_aware(datetime.datetime(2026, 1, 5, 8)))
    ids = list(Task.objects.values_list("pk", "lead_unit_id"))
    ProgressReport.objects.bulk_create(
        (
            ProgressReport(
                task_id=pk,
                unit_id=lead,
                reported_on=year_start + datetime.timedelta(days=rng.randrange(165)),
                text="Đã triển khai, đang tổng hợp kết quả",
                percent=rng.choice((10, 30, 50, 70, 90)),
            )
            for pk, lead in (ids[rng.randrange(len(ids))] for _ in range(REPORTS))
        ),
        batch_size=5000,
    )
    DeadlineChange.objects.bulk_create(
        (
            DeadlineChange(
                task_id=ids[rng.randrange(len(ids))][0],
                status=ChangeStatus.APPROVED,
                new_date=datetime.date(2026, 7, 31),
                reason="Chờ hướng dẫn của cấp trên",
                objective=rng.random() < 0.5,
                decided_at=timezone.make_aware(datetime.datetime(2026, 6, rng.randint(1, 14), 9)),
            )
            for _ in range(EXTENSIONS)
        ),
        batch_size=2000,
    )
    return province


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--configured-db", action="store_true", help="use DATABASE_URL instead of a temporary SQLite"
    )
    parser.add_argument("--out", help="keep the report files in this folder")
    parser.add_argument(
        "--period", default="2026-06", help="report period, e.g. 2026 for the year with rankings"
    )
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the report")
    parser.add_argument("--db", help="an SQLite file to keep the data in (built once, reused when it exists)")
    parser.add_argument("--province", help="code of a province already in the database (no data built)")
    parser.add_argument("--repeat", type=int, default=1, help="run the report this many times")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        reuse = bool(args.db and Path(args.db).exists())
        setup_django(args.configured_db, tmp, args.db)
        today = datetime.date(2026, 6, 15)
        if args.province:
            from django.utils import timezone

            from dieuhanh.org.models import Unit

            province = Unit.objects.get(code=args.province)
            today = timezone.localdate()
            if args.period == parser.get_default("period"):
                last_month = today.replace(day=1) - datetime.timedelta(days=1)
                args.period = f"{last_month:%Y-%m}"
        elif reuse:
            from dieuhanh.org.models import Unit

            province = Unit.objects.get(code="bench-tinh")
        else:
            province = build_data(random.Random(2026))
        setup = time.perf_counter() - t0
        from django.db import connection

        import dieuhanh.reports.charts  # noqa: F401  (matplotlib's import is paid once per process)
        from dieuhanh.reports.docx_report import build_docx
        from dieuhanh.reports.figures import build_figures
        from dieuhanh.reports.frozen import freeze
        from dieuhanh.reports.periods import resolve_period
        from dieuhanh.reports.scope import build_scope
        from dieuhanh.reports.xlsx_report import build_xlsx

        print(f"Database: {connection.vendor}; setup: {setup:.1f} s")
        period = resolve_period(args.period)
        for _ in range(args.repeat):
            if args.profile:
                import cProfile

                profiler = cProfile.Profile()
                profiler.enable()
            t1, cpu1 = time.perf_counter(), time.process_time()
            figures = build_figures(period, build_scope(None, province), today=today)
            t2, cpu2 = time.perf_counter(), time.process_time()
            docx = build_docx(figures)
            t3, cpu3 = time.perf_counter(), time.process_time()
            xlsx = build_xlsx(figures)
            t4, cpu4 = time.perf_counter(), time.process_time()
            if args.profile:
                profiler.disable()
                import pstats

                pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
            r = figures.rates
            if figures.rankings is not None:
                print(
                    f"  rankings: {len(figures.rankings.units)} communes, {len(figures.rankings.people)} people"
                )
            frozen = len(json.dumps(freeze(figures), ensure_ascii=False).encode())
            print(f"  figures kept with an issued report: {frozen // 1024} KB of JSON")
            print(
                f"Period {period.label} ({period.start:%d/%m/%Y}–{period.end:%d/%m/%Y}), {len(figures.groups)} communes"
            )
            print(
                f"  tasks {r.total}, done on time {r.done_early + r.done_on_time}, done late {r.done_late}, "
                f"open in time {r.in_time + r.due_soon}, overdue {r.overdue}, no deadline {r.no_deadline}"
            )
            print(
                f"  on-time {r.on_time_rate}%, overdue/all {r.overdue_rate_all}%, overdue/due {r.overdue_rate_due}%, "
                f"update {r.update_rate}%; extensions {figures.extensions_total}; "
                f"budget {figures.budget.total} trđ over {figures.budget.tasks} tasks"
            )
            print(
                f"  figures {t2 - t1:.2f} s ({cpu2 - cpu1:.2f} CPU), docx {t3 - t2:.2f} s ({cpu3 - cpu2:.2f} CPU, "
                f"{len(docx) // 1024} KB), xlsx {t4 - t3:.2f} s ({cpu4 - cpu3:.2f} CPU, {len(xlsx) // 1024} KB)"
            )
            total = t4 - t1
            print(
                f"Report total: {total:.2f} s wall ({'under' if total < 2 else 'OVER'} the 2 s goal), {cpu4 - cpu1:.2f} s CPU"
            )
            if os.getloadavg()[0] > (os.cpu_count() or 1):
                print(
                    f"  note: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; wall time is inflated"
                )
        if args.out:
            Path(args.out, "bench.docx").write_bytes(docx)
            Path(args.out, "bench.xlsx").write_bytes(xlsx)


if __name__ == "__main__":
    main()
