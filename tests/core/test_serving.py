"""The web server under load: writes are served before queued reads, and SQLite writers queue fairly."""

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from dieuhanh.core.serving import WritesFirstDispatcher

ROOT = Path(__file__).resolve().parents[2]


def task(method, name):
    return SimpleNamespace(request=SimpleNamespace(command=method), name=name)


@pytest.mark.pure
def test_a_write_goes_ahead_of_queued_reads_but_behind_earlier_writes():
    dispatcher = WritesFirstDispatcher()  # no threads: the queue is only filled
    for t in [
        task("GET", "r1"),
        task("GET", "r2"),
        task("POST", "w1"),
        task("HEAD", "r3"),
        task("POST", "w2"),
    ]:
        dispatcher.add_task(t)
    assert [t.name for t in dispatcher.queue] == ["w1", "w2", "r1", "r2", "r3"]


@pytest.mark.pure
def test_fifty_clients_against_fifty_threads_lose_no_write():
    """A short run of bench/load_bench.py: before the write queue, logins and reports failed with
    "database is locked"."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "bench/load_bench.py", "--clients", "50", "--seconds", "15", "--threads", "50"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "lỗi: 0; ghi bị mất: 0" in out
    assert "0 lần “database is locked”" in out
