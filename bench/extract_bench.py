"""Throughput and memory of load + extract on one core.

    .venv/bin/python bench/extract_bench.py [--docs N] [--every K]

Cycles through the sample directives (sample_data/directives plus the shared
devset when present), loads each from bytes and extracts it, and prints
documents per second and peak RSS every K documents: a flat peak RSS over
10,000 documents shows nothing accumulates.

The extractor keeps small memo caches (deadline phrases of time slots, unit names at a
position). A cycled mix would find every phrase in them from its second round on, which
real, ever-different documents would not: they are emptied before each document unless
``--warm`` is given.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dieuhanh.extract.errors import ExtractError  # noqa: E402
from dieuhanh.extract.load import load_bytes  # noqa: E402

DEVSET = ROOT.parent / "shared" / "devset" / "docs"


def sample_mix() -> list[tuple[str, bytes]]:
    paths = sorted((ROOT / "sample_data" / "directives").glob("*.txt"))
    if DEVSET.is_dir():
        paths += sorted(DEVSET.glob("*.txt"))
    return [(p.name, p.read_bytes()) for p in paths]


_PROCESS_TABLES = {"dieuhanh.vn.fold", "dieuhanh.vn.workdays"}


def memo_caches() -> list:
    """Every ``functools`` cache of the extractor's modules that holds document text; the
    per-character fold table and the holiday calendar per year are kept, as a server keeps them.
    Looked up once (after the warm-up has imported everything): a walk over ``sys.modules``
    per document would cost more than a tenth of a millisecond, measured as extraction time."""
    found = []
    for module in list(sys.modules.values()):
        name = getattr(module, "__name__", "")
        if not name.startswith(("dieuhanh.extract", "dieuhanh.vn")) or name in _PROCESS_TABLES:
            continue
        for value in vars(module).values():
            if hasattr(value, "cache_clear") and getattr(value, "__module__", "") == module.__name__:
                found.append(value)
    return found


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents to process (default 2000)")
    parser.add_argument("--every", type=int, default=1000, help="report every K documents (default 1000)")
    parser.add_argument(
        "--warm", action="store_true", help="keep memo caches between documents (flatters a cycled mix)"
    )
    args = parser.parse_args(argv)

    from dieuhanh.extract.pipeline import extract

    mix = sample_mix()
    total_bytes = sum(len(data) for _, data in mix)
    print(
        f"mix: {len(mix)} documents, {total_bytes / 1024:.0f} KiB, mean {total_bytes / len(mix) / 1024:.1f} KiB"
    )
    for name, data in mix:  # warm up imports and caches outside the timing
        extract(load_bytes(data, name).text)
    caches = [] if args.warm else memo_caches()
    print(f"memo caches emptied before each document: {len(caches)}")
    gc.collect()
    print(
        f"{'docs':>8} {'docs/s (window)':>16} {'docs/s (total)':>15} {'CPU docs/s':>11} {'CPU ms/doc':>11}"
        f" {'peak RSS MB':>12} {'errors':>7}"
    )
    errors = 0
    started = window_started = time.perf_counter()
    cpu_started = time.process_time()
    for n in range(1, args.docs + 1):
        name, data = mix[(n - 1) % len(mix)]
        for cache in caches:
            cache.cache_clear()
        try:
            extract(load_bytes(data, name).text)
        except ExtractError:
            errors += 1
        if n % args.every == 0 or n == args.docs:
            now = time.perf_counter()
            cpu = time.process_time() - cpu_started
            window = n % args.every or args.every
            print(
                f"{n:>8} {window / (now - window_started):>16.1f} {n / (now - started):>15.1f} "
                f"{n / cpu:>11.1f} {cpu / n * 1000:>11.2f} {peak_rss_mb():>12.1f} {errors:>7}",
                flush=True,
            )
            window_started = now
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
