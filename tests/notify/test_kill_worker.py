"""A few real kill -9 of `dieuhanh worker` mid-send (scripts/kill_worker.py): nobody loses a digest."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.pure


def test_killing_the_worker_mid_send_loses_no_digest():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "scripts/kill_worker.py", "--people", "80", "--kills", "3", "--seed", "7"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "người chưa nhận thư tổng hợp: 0 / 80" in out
    assert "lượt nhắc chưa gửi: 0; thư còn bị giữ (claimed): 0" in out
