"""A few real kill -9 of `dieuhanh import --confirm` (scripts/kill_import.py): running it again finishes
the work, and no original file is left without its document."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.pure


def test_killing_import_leaves_no_orphan_file_and_a_rerun_resumes():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [
            sys.executable,
            "scripts/kill_import.py",
            "--files",
            "15",
            "--kills",
            "4",
            "--max-delay",
            "3",
            "--seed",
            "5",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "văn bản: 15 / 15; bản nháp đã xác nhận: 15; còn chờ: 0" in out
    assert "(mồ côi) sau lần chạy cuối: 0" in out
