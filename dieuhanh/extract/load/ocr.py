"""Optical character recognition of a scanned page with Tesseract and its Vietnamese model.

Tesseract is Debian's `tesseract-ocr` with `tesseract-ocr-vie` (`make install` sets them up
through scripts/ensure_tesseract.sh), run as a subprocess rather than through a wrapper
library, for two reasons: it must run on one thread (its OpenMP threads made a page take
29 s instead of 4.5 s on a busy two-core machine) and it must be killed when the time
allowed runs out.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

MISSING_MESSAGE = (
    "máy chủ chưa cài Tesseract OCR tiếng Việt để nhận dạng ảnh quét "
    "(chạy make install, hoặc: apt-get install tesseract-ocr tesseract-ocr-vie)"
)


@dataclass(frozen=True)
class OcrSettings:
    """How scanned pages are read, and the limits that keep a long scan from holding the
    server: past `max_pages` scanned pages the file is refused before any OCR, past
    `max_seconds` of OCR it is stopped."""

    max_pages: int = 30
    max_seconds: float = 240.0
    dpi: int = 300  # Tesseract reads body text best at 300 dpi
    language: str = "vie"


@dataclass(frozen=True)
class Recognised:
    """What Tesseract read on one page image."""

    text: str
    confidence: float | None  # mean word confidence, 0–100; None when no word was read


class OcrFailed(Exception):
    """Tesseract stopped with an error; the message is its own (English) last line."""


@functools.cache
def tesseract_ready(language: str = "vie") -> bool:
    """Whether the tesseract program is installed with the model for `language`."""
    program = shutil.which("tesseract")
    if not program:
        return False
    try:
        listed = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return language in listed.stdout.split()


def recognise(image: Image.Image, settings: OcrSettings, timeout: float) -> Recognised:
    """Read the text of a page image rendered at ``settings.dpi``. Raises
    ``subprocess.TimeoutExpired`` (Tesseract killed) past `timeout` seconds."""
    with tempfile.TemporaryDirectory(prefix="dieuhanh-ocr-") as tmp:
        source = Path(tmp) / "page.pnm"  # uncompressed: saved in milliseconds, PNG takes 0.7 s
        image.save(source)
        base = Path(tmp) / "page"
        done = subprocess.run(
            [
                shutil.which("tesseract") or "tesseract",
                str(source),
                str(base),
                "-l",
                settings.language,
                "--dpi",
                str(settings.dpi),
                # Page segmentation with orientation detection: a page scanned upside down or
                # sideways is read the right way up (the plain automatic mode reads gibberish).
                "--psm",
                "1",
                "txt",
                "tsv",
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
        if done.returncode != 0:
            lines = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
            raise OcrFailed(lines[-1] if lines else f"exit code {done.returncode}")
        text = base.with_suffix(".txt").read_text(encoding="utf-8").rstrip()
        confidence = _mean_confidence(base.with_suffix(".tsv").read_text(encoding="utf-8"))
    return Recognised(text, confidence)


def _mean_confidence(tsv: str) -> float | None:
    """The mean confidence of the words in Tesseract's TSV (level 5 rows with some text)."""
    scores = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) == 12 and cells[0] == "5" and cells[11].strip():
            scores.append(float(cells[10]))
    if not scores:
        return None
    return round(sum(scores) / len(scores), 1)
