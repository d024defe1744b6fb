"""Load test: 50 logged-in clients for 60 s against `dieuhanh serve`, mixed reads and writes.

    .venv/bin/python bench/load_bench.py                      # default server, 50 clients, 60 s
    .venv/bin/python bench/load_bench.py --threads 50         # serve --threads 50
    .venv/bin/python bench/load_bench.py --clients 10 --seconds 10

Builds a throwaway SQLite database with the demo data in a temporary folder,
starts `dieuhanh serve` on a free port of 127.0.0.1 (loopback only) and runs
the clients as threads, each logged in as a demo person who may report on some
tasks. Each client loops: two reads in three (task list, dashboard or unit
page, a task, the registry), one write in three (a progress report with a
unique text). The run stops by itself after --seconds. Then it counts:

- errors: answers other than the expected (a 5xx, a 4xx, a refused or dropped
  connection, a redirect to anything but the task after a report);
- lost writes: reports the server acknowledged that are not in the database;
- latency p50 / p95 / max of reads and of writes, in milliseconds.

Exit code 0 when there were no errors and no lost writes.
"""

import argparse
import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-c", "from dieuhanh.cli import main; main()"]
PASSWORD = "demo@2026"
# Demo people who report progress (a unit head, the commune's tracker), and who only read.
WRITERS = ["congan", "chuyenvien"]
READERS = ["lanhdao", "xem", "lanhdao.tinh"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Tally:
    reads: list = field(default_factory=list)
    writes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    acknowledged: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float):
        with self.lock:
            (self.reads if kind == "read" else self.writes).append(seconds)

    def error(self, text: str):
        with self.lock:
            self.errors.append(text)


class Browser:
    """One person's cookies over one keep-alive connection (reopened when the server closes it)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = None

    def request(self, method: str, path: str, form: dict | None = None):
        body = urllib.parse.urlencode(form) if form is not None else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # A keep-alive connection the server closed between requests: open a new one once.
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location") or "", data.decode("utf-8", "replace")

    def csrf(self) -> str:
        return self.cookies.get("csrftoken", "")

    def login(self, username: str):
        self.request("GET", "/dang-nhap/")
        status, location, _ = self.request(
            "POST",
            "/dang-nhap/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
        )
        if status != 302:
            raise RuntimeError(f"đăng nhập {username} thất bại ({status})")


def prepare(data_dir: str) -> dict[str, list[int]]:
    """Migrate, load the demo, and return the tasks each demo person may report on."""
    env = environment(data_dir)
    subprocess.run([*CLI, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*CLI, "seed-demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    os.environ.update(env)
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from dieuhanh.org.access import Access
    from dieuhanh.org.models import User
    from dieuhanh.tasks.access import can_report, can_view
    from dieuhanh.tasks.constants import TaskState
    from dieuhanh.tasks.models import Task

    open_tasks = list(
        Task.objects.trackable().filter(state=TaskState.OPEN).select_related("lead_unit", "owner")
    )
    tasks = {}
    for username in WRITERS + READERS:
        access = Access.of(User.objects.get(username=username))
        allowed = can_report if username in WRITERS else can_view
        tasks[username] = [t.pk for t in open_tasks if allowed(access, t)]
    empty = [name for name, ids in tasks.items() if not ids]
    if empty:
        raise SystemExit(f"dữ liệu minh họa không có nhiệm vụ cho: {', '.join(empty)}")
    return tasks


def environment(data_dir: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DIEUHANH_DATA_DIR=data_dir, DJANGO_SETTINGS_MODULE="dieuhanh.settings", LOG_LEVEL="WARNING")
    return env


def client(n: int, port: int, tasks: dict, deadline: float, tally: Tally, rng: random.Random):
    writer = n % 2 == 0
    group = WRITERS if writer else READERS
    username = group[(n // 2) % len(group)]
    browser = Browser(port)
    try:
        browser.login(username)
    except Exception as exc:  # noqa: BLE001 — every failure is counted, none stops the run
        tally.error(f"client {n}: {exc}")
        return
    mine = tasks[username]
    reads = ["/nhiem-vu/", "/van-ban/", "/tong-quan/" if not writer else "/don-vi-cua-toi/"]
    count = 0
    while time.monotonic() < deadline:
        count += 1
        task = rng.choice(mine)
        started = time.monotonic()
        try:
            if writer and count % 3 == 0:
                text = f"Báo cáo tải thử {n}-{count}"
                status, location, _ = browser.request(
                    "POST",
                    f"/nhiem-vu/{task}/bao-cao/",
                    {
                        "text": text,
                        "percent": str(rng.randint(0, 100)),
                        "csrfmiddlewaretoken": browser.csrf(),
                    },
                )
                tally.add("write", time.monotonic() - started)
                if status == 302 and location.endswith(f"/nhiem-vu/{task}/"):
                    with tally.lock:
                        tally.acknowledged.append((task, text))
                else:
                    tally.error(f"ghi {task}: HTTP {status} {location}")
            else:
                path = rng.choice([*reads, f"/nhiem-vu/{task}/"])
                status, _, body = browser.request("GET", path)
                tally.add("read", time.monotonic() - started)
                if status != 200:
                    tally.error(f"đọc {path}: HTTP {status}")
        except Exception as exc:  # noqa: BLE001
            tally.error(f"client {n}: {type(exc).__name__}: {exc}")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def lost_writes(acknowledged: list) -> int:
    from dieuhanh.tasks.models import ProgressReport

    stored = set(
        ProgressReport.objects.filter(text__startswith="Báo cáo tải thử").values_list("task_id", "text")
    )
    return sum(1 for item in acknowledged if item not in stored)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--threads", type=int, default=None, help="serve --threads (default: the server's own)"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="dieuhanh-load-") as data_dir:
        tasks = prepare(data_dir)
        port = free_port()
        serve = [*CLI, "serve", "--port", str(port)]
        if args.threads:
            serve += ["--threads", str(args.threads)]
        log_path = Path(data_dir, "serve.log")
        with log_path.open("w") as server_log:
            server = subprocess.Popen(
                serve,
                cwd=ROOT,
                env=environment(data_dir),
                stdout=subprocess.PIPE,
                stderr=server_log,
                text=True,
            )
            try:
                server.stdout.readline()  # "dieuhanh đang chạy tại ..."
                wait_until_up(port)
                tally = Tally()
                deadline = time.monotonic() + args.seconds
                threads = [
                    threading.Thread(
                        target=client,
                        args=(n, port, tasks, deadline, tally, random.Random(args.seed * 1000 + n)),
                    )
                    for n in range(args.clients)
                ]
                started = time.monotonic()
                for t in threads:
                    t.start()
                for t in threads:
                    t.join(timeout=args.seconds + 300)
                elapsed = time.monotonic() - started
            finally:
                server.send_signal(signal.SIGTERM)
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
        lost = lost_writes(tally.acknowledged)
        log = log_path.read_text(encoding="utf-8", errors="replace")

    print(
        f"{args.clients} khách, {elapsed:.0f} s, máy chủ serve"
        f"{f' --threads {args.threads}' if args.threads else ' (mặc định)'}"
    )
    print(
        f"yêu cầu: {len(tally.reads)} đọc, {len(tally.writes)} ghi ({len(tally.acknowledged)} ghi được xác nhận)"
    )
    print(f"lỗi: {len(tally.errors)}; ghi bị mất: {lost}")
    for kind, values in (("đọc", tally.reads), ("ghi", tally.writes)):
        print(
            f"{kind}: p50 {percentile(values, 50):.0f} ms, p95 {percentile(values, 95):.0f} ms, "
            f"max {max(values, default=0) * 1000:.0f} ms, trung bình "
            f"{statistics.fmean(values) * 1000 if values else 0:.0f} ms"
        )
    print(
        f"nhật ký máy chủ: {log.count('Traceback')} traceback, "
        f"{log.count('database is locked')} lần “database is locked”"
    )
    for text in sorted(set(tally.errors))[:10]:
        print(f"  {text}")
    return 0 if not tally.errors and not lost else 1


def wait_until_up(port: int, timeout: float = 60):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("máy chủ không khởi động được")


if __name__ == "__main__":
    sys.exit(main())
