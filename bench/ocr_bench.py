"""OCR of scanned PDFs: seconds per page and how much of the text comes back.

    .venv/bin/python bench/ocr_bench.py [--pages 3] [--scan-dpi 200] [--dpi 300]

Each sample directive (sample_data/directives) is printed to A4 pages as the OCR tests do
(DejaVu Sans 10 pt, `--pages` first pages of each), the pages rendered to grey images at
`--scan-dpi` and wrapped as an image-only PDF; the PDF is then loaded with OCR at `--dpi`.
Printed per document: pages, wall seconds per page, Tesseract's CPU seconds per page (its
child processes' user+system time: what a page costs on a free core), mean confidence, and
word recall (share of the printed words found in the OCR text, counted as a multiset).
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dieuhanh.extract.load import OcrSettings, load_path, tesseract_ready  # noqa: E402
from tests.extract.fixtures_build import build_pdf, build_scan_pdf, printed_pages  # noqa: E402

_WORD = re.compile(r"\w+")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _recall(printed: str, read: str) -> float:
    want = Counter(_WORD.findall(printed.lower()))
    got = Counter(_WORD.findall(read.lower()))
    return sum((want & got).values()) / max(1, sum(want.values()))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=3, help="first pages of each sample (default 3)")
    parser.add_argument("--scan-dpi", type=int, default=200, help="resolution of the scan (default 200)")
    parser.add_argument("--dpi", type=int, default=300, help="resolution OCR reads at (default 300)")
    args = parser.parse_args()
    if not tesseract_ready("vie"):
        print("Tesseract tiếng Việt chưa cài: sh scripts/ensure_tesseract.sh", file=sys.stderr)
        return 1
    settings = OcrSettings(dpi=args.dpi, max_pages=1000, max_seconds=3600)
    print(f"{'document':<28} {'pages':>5} {'s/page':>7} {'CPU s/page':>10} {'conf %':>7} {'recall':>7}")
    total_pages = total_wall = total_cpu = 0.0
    with tempfile.TemporaryDirectory(prefix="ocr-bench-") as tmp:
        for sample in sorted((ROOT / "sample_data" / "directives").glob("*.txt")):
            pages = printed_pages(sample.read_text(encoding="utf-8"))[: args.pages]
            printed = build_pdf(Path(tmp) / f"{sample.stem}-in.pdf", pages, line_gap=0.022)
            scan = build_scan_pdf(Path(tmp) / f"{sample.stem}.pdf", printed, dpi=args.scan_dpi)
            cpu, start = _children_cpu(), time.perf_counter()
            loaded = load_path(scan, ocr=settings)
            wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
            scores = [p.confidence for p in loaded.pages if p.confidence is not None]
            text = "\n".join(
                line if isinstance(line, str) else " ".join(line) for page in pages for line in page
            )
            n = len(loaded.pages)
            print(
                f"{sample.stem:<28} {n:>5} {wall / n:>7.2f} {cpu / n:>10.2f} "
                f"{sum(scores) / len(scores):>7.1f} {_recall(text, loaded.text):>7.3f}"
            )
            total_pages, total_wall, total_cpu = total_pages + n, total_wall + wall, total_cpu + cpu
    print(
        f"{'all':<28} {total_pages:>5.0f} {total_wall / total_pages:>7.2f} {total_cpu / total_pages:>10.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
