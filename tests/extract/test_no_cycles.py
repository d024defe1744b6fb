"""Extraction frees what it builds by reference counting alone: no reference cycles left for the
garbage collector (a recursive closure per passage once kept every passage's lines alive until
the next collection)."""

import gc
from pathlib import Path

import pytest

from dieuhanh.extract.pipeline import extract

pytestmark = pytest.mark.pure

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_data" / "directives").glob("*.txt"))


def test_extraction_leaves_no_reference_cycles():
    texts = [path.read_text(encoding="utf-8") for path in SAMPLES]
    for text in texts:
        extract(text)  # warm up caches
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for text in texts:
            extract(text)
        gc.collect()
        cycles = list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()
    assert cycles == []
