"""`dieuhanh worker` as a real process: it ticks, and SIGTERM stops it cleanly."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.pure


def test_it_stops_cleanly_on_sigterm(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DIEUHANH_DATA_DIR"] = str(tmp_path)
    cli = [sys.executable, "-c", "from dieuhanh.cli import main; main()"]
    subprocess.run([*cli, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    proc = subprocess.Popen(
        [*cli, "worker", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    first = proc.stdout.readline()  # the start line is printed once the signal handlers are set
    time.sleep(1)  # a few ticks
    proc.send_signal(signal.SIGTERM)
    out = first + proc.communicate(timeout=30)[0]
    assert proc.returncode == 0, out
    assert "Tiến trình nhắc việc đang chạy" in out and "Tiến trình nhắc việc đã dừng." in out
    assert "Traceback" not in out
