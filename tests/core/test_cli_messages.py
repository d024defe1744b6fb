"""A mistyped command gets argparse's own messages in Vietnamese, exit code 2, no traceback:
the real `dieuhanh` entry point in a process of its own."""

import subprocess
import sys

import pytest

CLI = [sys.executable, "-c", "from dieuhanh.cli import main; main()"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.pure
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("package", "gui"), "lỗi: tham số export|import|key|keys|trust|revoke: lựa chọn không có: 'gui'"),
        (("createuser",), "lỗi: thiếu tham số bắt buộc: username, --password"),
        (("token", "create"), "lỗi: thiếu tham số bắt buộc: name"),
        (("remind", "--khong-co"), "lỗi: tham số không nhận ra: --khong-co"),
        (("extract", "--bogus"), "Lỗi tham số: thiếu tham số bắt buộc: TỆP"),
    ],
)
def test_a_mistyped_command_is_answered_in_vietnamese(args, expected):
    done = run(*args)
    assert done.returncode == 2
    assert expected in done.stderr, done.stderr
    assert "Cách dùng: dieuhanh" in done.stderr or args[0] == "extract"
    assert "Traceback" not in done.stderr and "error:" not in done.stderr
