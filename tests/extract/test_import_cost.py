"""`dieuhanh extract` runs one process per document: what it imports is paid on every document."""

import subprocess
import sys

import pytest

pytestmark = pytest.mark.pure

_PROBE = """
import sys
from dieuhanh.extract.cli import main
main([sys.argv[1]])
print("holidays" in sys.modules)
"""


def _holidays_loaded(path) -> bool:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True, check=True
    ).stdout
    return out.strip().splitlines()[-1] == "True"


def test_extract_does_not_load_the_holidays_package_without_working_days(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_text(
        "Số: 12/UBND-VP\n\nKính gửi: Công an xã.\n\n"
        "1. Công an xã rà soát dữ liệu dân cư, hoàn thành trước ngày 30/6/2026.\n",
        encoding="utf-8",
    )
    assert not _holidays_loaded(path)


def test_the_holidays_package_loads_on_the_first_working_day_question():
    probe = (
        "import sys, datetime\n"
        "import dieuhanh.vn.workdays as w\n"
        "before = 'holidays' in sys.modules\n"
        "assert not w.is_working_day(datetime.date(2026, 9, 2))  # Quốc khánh\n"
        "print(before, 'holidays' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]
