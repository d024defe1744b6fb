"""Hostile and huge inputs: a one-line Vietnamese message or a loaded text, and bounded memory.
Peak memory is read in a fresh interpreter, so what earlier tests allocated does not count."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.extract.fixtures_build import build_pdf_bomb, build_zip_bomb_docx

pytestmark = pytest.mark.pure

ROOT = Path(__file__).resolve().parents[2]
_PEAK_LIMIT_MB = 300

_LOAD = """
import sys
from dieuhanh.extract.errors import ExtractError
from dieuhanh.extract.load import load_path
try:
    loaded = load_path(sys.argv[1])
    print(f"loaded {len(loaded.text)}")
except ExtractError as exc:
    print(exc)
# VmHWM, not ru_maxrss: Linux carries the parent's peak into ru_maxrss across fork and exec.
with open("/proc/self/status") as status:
    print(next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) // 1024)
"""


def load_in_fresh_process(path: Path) -> tuple[str, int]:
    """The loader's one-line outcome and the process's peak memory in MB."""
    done = subprocess.run(
        [sys.executable, "-c", _LOAD, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=True,
    )
    outcome, peak = done.stdout.strip().split("\n")
    return outcome, int(peak)


def test_a_docx_zip_bomb_is_refused_with_little_memory(tmp_path):
    bomb = build_zip_bomb_docx(tmp_path / "bom.docx", megabytes=3500)
    assert bomb.stat().st_size < 5 * 1024 * 1024
    assert zipfile.ZipFile(bomb).getinfo("word/document.xml").file_size > 3 * 1024**3
    message, peak = load_in_fresh_process(bomb)
    assert (
        message
        == "Tệp bom.docx khi giải nén lớn bất thường (trên 32 MB); có thể là tệp độc hại nên không đọc."
    )
    assert peak < _PEAK_LIMIT_MB


def test_a_pdf_stream_bomb_is_refused_with_little_memory(tmp_path):
    bomb = build_pdf_bomb(tmp_path / "bom.pdf", megabytes=2000)
    message, peak = load_in_fresh_process(bomb)
    assert (
        message
        == "Tệp bom.pdf khi giải nén lớn bất thường (trên 32 MB); có thể là tệp độc hại nên không đọc."
    )
    assert peak < _PEAK_LIMIT_MB


def test_a_19_mb_text_loads_with_bounded_memory(tmp_path):
    sample = (ROOT / "sample_data" / "directives").glob("*.txt")
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(sample))
    big = tmp_path / "lon.txt"
    data = text.encode() * (19 * 1024 * 1024 // len(text.encode()))
    big.write_bytes(data)
    outcome, peak = load_in_fresh_process(big)
    assert outcome.startswith("loaded ")
    assert peak < _PEAK_LIMIT_MB
