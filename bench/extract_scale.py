"""How extraction time grows with the size of one document: 1, 2, 4, 8 and 16 MB.

    .venv/bin/python bench/extract_scale.py [--sizes 1,2,4,8,16] [--max-seconds 120] [--docs-dir DIR] [--whole]

Each text is one long plan built from the real directives of the sample mix (the five
sample_data/directives files and ../shared/devset/docs when present) repeated under one header,
with their numbered items renumbered so that the numbers keep growing (items 100 and above
included), as a huge crawled page or a merged plan would read. With ``--whole`` the documents
are glued whole, each with its own header and closing, as a pasted bundle would read. For each size it prints the
seconds of ``extract`` and the tasks found, then the exponent k of time ∝ size^k fitted by least
squares on the logarithms: k ≈ 1 is linear, k ≈ 2 quadratic. A size whose run passes
``--max-seconds`` stops the series (the larger ones would only take longer).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dieuhanh.extract.header import parse_header  # noqa: E402
from dieuhanh.extract.pipeline import extract  # noqa: E402

DEVSET = ROOT.parent / "shared" / "devset" / "docs"
HEADER = """ỦY BAN NHÂN DÂN
TỈNH AN GIANG

Số: 99/KH-UBND

An Giang, ngày 05 tháng 01 năm 2026

KẾ HOẠCH
Tổng hợp nhiệm vụ năm 2026

"""
_ITEM = re.compile(r"^(\d{1,3})\.(?=\s)", re.MULTILINE)


def body_texts(folder: Path | None = None, whole: bool = False) -> list[str]:
    """The bodies of the mix, without their own header and closing (signature, Nơi nhận), or the
    whole documents with ``whole``."""
    if folder is not None:
        paths = sorted(folder.glob("*.txt"))
    else:
        paths = sorted((ROOT / "sample_data" / "directives").glob("*.txt"))
        if DEVSET.is_dir():
            paths += sorted(DEVSET.glob("*.txt"))
    bodies = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if whole:
            bodies.append(text)
            continue
        header = parse_header(text)
        bodies.append(text[header.body_start : header.body_end])
    return bodies


def build(size_mb: float, bodies: list[str]) -> str:
    """A text of about ``size_mb`` MB (UTF-8) whose numbered items keep counting up."""
    target = int(size_mb * 1024 * 1024)
    parts = [HEADER]
    size = len(HEADER.encode())
    number = 0

    def renumber(m: re.Match) -> str:
        nonlocal number
        number += 1
        return f"{number}."

    i = 0
    while size < target:
        text = _ITEM.sub(renumber, bodies[i % len(bodies)])
        parts.append(text)
        size += len(text.encode()) + 2
        i += 1
    return "\n\n".join(parts)


def exponent(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(time) over log(size)."""
    xs = [math.log(s) for s, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,4,8,16", help="sizes in MB, comma-separated")
    parser.add_argument("--max-seconds", type=float, default=120.0)
    parser.add_argument("--docs-dir", type=Path, help="take the bodies from these .txt files instead")
    parser.add_argument("--whole", action="store_true", help="glue whole documents, headers included")
    args = parser.parse_args()
    bodies = body_texts(args.docs_dir, args.whole)
    extract(bodies[0])  # imports and compiled patterns, outside the timings
    points = []
    print(f"{'MB':>6} {'seconds':>9} {'s/MB':>7} {'tasks':>7}")
    for size in (float(s) for s in args.sizes.split(",")):
        text = build(size, bodies)
        start = time.perf_counter()
        result = extract(text)
        seconds = time.perf_counter() - start
        real_mb = len(text.encode()) / 1024 / 1024
        points.append((real_mb, seconds))
        print(f"{real_mb:6.1f} {seconds:9.2f} {seconds / real_mb:7.2f} {len(result.tasks):7d}", flush=True)
        if seconds > args.max_seconds:
            print(f"dừng: {seconds:.0f} s > {args.max_seconds:.0f} s")
            break
    if len(points) >= 2:
        print(f"exponent k (time ∝ size^k): {exponent(points):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
