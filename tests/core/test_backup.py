"""`dieuhanh backup` under write load, then `dieuhanh restore` into an empty folder: identical counts."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-c", "from dieuhanh.cli import main; main()"]

# Commits one progress report after another, printing the count after each, until the stop file exists.
WRITER = """
import os, sys, django
django.setup()
from django.utils import timezone
from dieuhanh.tasks.models import ProgressReport, Task
task = Task.objects.filter(is_series=False).first()
n = 0
while not os.path.exists(sys.argv[1]):
    n += 1
    ProgressReport.objects.create(task=task, unit=task.lead_unit, text=f"ghi liên tục {n}", percent=n % 100,
                                  reported_on=timezone.localdate())
    print(n, flush=True)
"""


def env_for(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "SECRET_KEY_FILE")}
    env.update(
        DIEUHANH_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="dieuhanh.settings", LOG_LEVEL="WARNING"
    )
    return env


def run(args, data_dir, check=True):
    return subprocess.run(
        [*CLI, *args], cwd=ROOT, env=env_for(data_dir), capture_output=True, text=True, check=check
    )


def counts(data_dir: Path) -> dict:
    code = "import django, json; django.setup(); from dieuhanh.core.backup import database_counts; print(json.dumps(database_counts()))"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env_for(data_dir), capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def tree(folder: Path) -> dict:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.pure
def test_a_backup_taken_while_reports_are_written_restores_with_identical_counts(tmp_path):
    source, target = tmp_path / "nguon", tmp_path / "dich"
    run(["migrate", "-v0"], source)
    run(["seed-demo"], source)
    before = counts(source)["tasks_progressreport"]
    stop = tmp_path / "dung"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(stop)],
        cwd=ROOT,
        env=env_for(source),
        stdout=subprocess.PIPE,
        text=True,
    )
    writer.stdout.readline()  # a first report is committed: the backup starts mid-load
    archive = tmp_path / "sao-luu.tar.gz"
    backup = run(["backup", "--out", str(archive)], source)
    writer.stdout.readline()  # and at least one more after it
    stop.touch()
    # read() to the end, not communicate(timeout=…): that reads the pipe's descriptor and misses
    # the lines readline() has already buffered (all of them when the writer stops at once; seen
    # under load). The writer ends once it sees the stop file, which closes the pipe.
    lines = writer.stdout.read().split()
    writer.wait(timeout=120)
    written = int(lines[-1]) if lines else 2
    assert "Đã sao lưu vào" in backup.stdout
    after = counts(source)["tasks_progressreport"]
    assert after == before + written

    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
    assert before < manifest["counts"]["tasks_progressreport"] < after, "a snapshot taken mid-load"

    restored = run(["restore", str(archive), "--yes"], target)
    assert "Đã khôi phục bản sao lưu" in restored.stdout, restored.stdout + restored.stderr
    assert counts(target) == manifest["counts"]
    assert tree(target / "media") == tree(source / "media") and tree(source / "media")
    assert (target / "secret_key").read_text() == (source / "secret_key").read_text()


@pytest.mark.pure
def test_a_bad_archive_is_refused_in_vietnamese_and_changes_nothing(tmp_path):
    data = tmp_path / "data"
    run(["migrate", "-v0"], data)
    run(["seed-demo"], data)
    original = counts(data)

    not_an_archive = tmp_path / "khong-phai.tar.gz"
    not_an_archive.write_bytes(b"day khong phai tep nen")
    result = run(["restore", str(not_an_archive), "--yes"], data, check=False)
    assert result.returncode != 0
    assert "không phải bản sao lưu dieuhanh đọc được" in result.stderr
    assert "Traceback" not in result.stderr

    archive = tmp_path / "sao-luu.tar.gz"
    run(["backup", "--out", str(archive)], data)
    tampered = tmp_path / "bi-sua.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(tampered, "w:gz") as dst:
        for member in src.getmembers():
            content = src.extractfile(member).read()
            if member.name == "secret_key":
                content = b"khoa-gia"
                member.size = len(content)
            dst.addfile(member, io.BytesIO(content))
    result = run(["restore", str(tampered), "--yes"], data, check=False)
    assert result.returncode != 0
    assert "Bản sao lưu bị hỏng: tệp secret_key sai mã kiểm tra SHA-256." in result.stderr

    missing = run(["restore", str(tmp_path / "khong-co.tar.gz"), "--yes"], data, check=False)
    assert missing.returncode != 0 and "Không tìm thấy tệp sao lưu" in missing.stderr
    assert counts(data) == original
