"""The pages a province opens first, timed over HTTP on a province-sized database (issue 17).

    .venv/bin/python bench/province_data.py --tasks 100000 --db /tmp/province.sqlite3   # once
    .venv/bin/python bench/scale_bench.py --db /tmp/province.sqlite3
    .venv/bin/python bench/scale_bench.py --db /tmp/province.sqlite3 --runs 20 --clients 8 --seconds 60
    .venv/bin/python scripts/with_postgres.py -- sh -c '.venv/bin/python bench/province_data.py --configured-db \
        --tasks 1000000 && .venv/bin/python bench/scale_bench.py --configured-db'

Starts `dieuhanh serve` on a free port of 127.0.0.1 against the database, logs in over HTTP as
the province leader (`lanhdao.tinh`: not a superuser, so the access filters run) and times, one
request at a time, `--runs` requests of each page after one warm-up: the dashboard, a commune's
dashboard (`?commune=`), the global open list, a department's open list and a task page. Then
`--clients` threads, each with its own login and keep-alive connection, load the dashboard for
`--seconds`: requests done, errors, throughput and p50/p95. Prints one table (milliseconds).
It prints the server's resident memory when it is up and idle (goal < 150 MB) and after the
runs. The "cpu ms" column is the server process's CPU time per request (user + system, from /proc):
on a shared machine the wall-clock columns grow with the load of other processes, it does not.

The database is only read (sessions and login records aside), so runs can be repeated.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_bench import CLI, ROOT, Browser, free_port, percentile, wait_until_up  # noqa: E402

LEADER = "lanhdao.tinh"


def environment(db: Path | None) -> dict:
    """The server's environment: the SQLite file `db`, or DATABASE_URL as set when `db` is None."""
    env = dict(os.environ)
    if db is not None:
        env.update(DATABASE_URL=f"sqlite:///{db}", DIEUHANH_DATA_DIR=str(db.parent / (db.stem + ".data")))
    else:
        env.setdefault("DIEUHANH_DATA_DIR", tempfile.mkdtemp(prefix="scale-bench-"))
    env.update(DJANGO_SETTINGS_MODULE="dieuhanh.settings", LOG_LEVEL="WARNING")
    return env


def pages(env: dict) -> list[tuple[str, str]]:
    """The URLs to time, with ids read from the database."""
    os.environ.update(env)
    import django

    django.setup()
    from dieuhanh.org.access import Access
    from dieuhanh.org.constants import UnitKind
    from dieuhanh.org.models import Unit, User
    from dieuhanh.tasks.access import visible_tasks
    from dieuhanh.tasks.constants import TaskState
    from dieuhanh.tasks.models import Task

    commune = Unit.objects.filter(kind=UnitKind.COMMUNE).order_by("pk").first()
    department = commune.subtree().filter(kind=UnitKind.COMMUNE_DEPT).order_by("pk").first()
    access = Access.of(User.objects.get(username=LEADER))
    task = visible_tasks(access, Task.objects.trackable().filter(state=TaskState.OPEN)).order_by("pk").first()
    return [
        ("dashboard (province)", "/tong-quan/"),
        ("dashboard (commune)", f"/tong-quan/?commune={commune.pk}"),
        ("global open list", "/nhiem-vu/?status=open"),
        ("unit open list", f"/nhiem-vu/?unit={department.pk}&status=open"),
        ("task page", f"/nhiem-vu/{task.pk}/"),
    ]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of process `pid` (VmRSS from /proc), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed(browser: Browser, path: str) -> float:
    started = time.perf_counter()
    status, _, _ = browser.request("GET", path)
    elapsed = time.perf_counter() - started
    if status != 200:
        raise RuntimeError(f"{path}: HTTP {status}")
    return elapsed


def concurrent(port: int, path: str, clients: int, seconds: float):
    times, errors, lock = [], [], threading.Lock()
    browsers = []
    for _ in range(clients):
        browser = Browser(port)
        browser.login(LEADER)
        browsers.append(browser)
    deadline = time.monotonic() + seconds

    def run(browser):
        while time.monotonic() < deadline:
            try:
                t = timed(browser, path)
                with lock:
                    times.append(t)
            except Exception as exc:  # noqa: BLE001 — every failure is counted, none stops the run
                with lock:
                    errors.append(str(exc))

    threads = [threading.Thread(target=run, args=(b,)) for b in browsers]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, errors, time.monotonic() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", help="tệp SQLite do bench/province_data.py tạo")
    parser.add_argument(
        "--configured-db", action="store_true", help="dùng DATABASE_URL (PostgreSQL do province_data.py nạp)"
    )
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args(argv)
    if not args.db and not args.configured_db:
        parser.error("cần --db TỆP.sqlite3 hoặc --configured-db")
    db = Path(args.db).resolve() if args.db else None
    if db is not None and not db.exists():
        raise SystemExit(f"Không có tệp {db}: chạy bench/province_data.py trước.")
    env = environment(db)
    urls = pages(env)
    port = free_port()
    server = subprocess.Popen(
        [*CLI, "serve", "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, text=True
    )
    try:
        wait_until_up(port)
        print(f"dieuhanh serve idle RSS: {rss_mb(server.pid):.0f} MB (goal < 150 MB)")
        browser = Browser(port)
        browser.login(LEADER)
        print(
            f"{'page':<22} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu ms':>8}   ({args.runs} runs, 1 client)"
        )
        for name, path in urls:
            timed(browser, path)
            cpu = cpu_seconds(server.pid)
            times = [timed(browser, path) for _ in range(args.runs)]
            cpu = (cpu_seconds(server.pid) - cpu) / args.runs
            print(
                f"{name:<22} {statistics.median(times) * 1000:>8.0f} {percentile(times, 95):>8.0f} "
                f"{max(times) * 1000:>8.0f} {cpu * 1000:>8.0f}"
            )
        if args.clients:
            cpu = cpu_seconds(server.pid)
            times, errors, elapsed = concurrent(port, urls[0][1], args.clients, args.seconds)
            cpu = cpu_seconds(server.pid) - cpu
            print(
                f"dashboard x{args.clients} clients, {elapsed:.0f} s: {len(times)} done, {len(errors)} errors, "
                f"{len(times) / elapsed:.2f} req/s, p50 {percentile(times, 50):.0f} ms, "
                f"p95 {percentile(times, 95):.0f} ms, cpu {cpu * 1000 / max(len(times), 1):.0f} ms/request"
            )
            for error in errors[:3]:
                print("  ", error)
        print(f"dieuhanh serve RSS after the runs: {rss_mb(server.pid):.0f} MB")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
