"""Nothing but ExtractError escapes the extractor, and each document takes under a second.

Random text, real samples cut, shuffled and sprinkled with random Unicode, random
bytes under every supported file name, and damaged .docx files.
"""

import contextlib
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dieuhanh.extract.errors import ExtractError
from dieuhanh.extract.load import load_bytes
from tests.extract.fixtures_build import build_docx

pytestmark = pytest.mark.pure

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_data" / "directives").glob("*.txt"))
SAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in SAMPLES]
MAX_SECONDS = 1.0
FUZZ = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])

# Letters, digits, punctuation and the characters directives are full of.
LETTERS = st.sampled_from(
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
    + list("ĐỦYBANNHÂNDÂNXÃ0123456789 \n\t.,;:/-()[]|*%\\")
)
PHRASES = st.sampled_from(
    [
        "Số: ",
        "ngày ",
        "tháng ",
        "năm ",
        "chủ trì",
        "phối hợp",
        "trước ngày ",
        "Quý III/",
        "đạt ",
        "1.640 ",
        "\n- ",
        "\n1. ",
    ]
)
VIETNAMESE = st.lists(st.one_of(LETTERS, PHRASES), max_size=1500).map("".join)


def run_extract(text: str) -> None:
    from dieuhanh.extract.pipeline import extract

    started = time.perf_counter()
    with contextlib.suppress(ExtractError):
        extract(text)
    elapsed = time.perf_counter() - started
    assert elapsed < MAX_SECONDS, f"extract took {elapsed:.2f} s"


@st.composite
def mutated_samples(draw) -> str:
    text = draw(st.sampled_from(SAMPLE_TEXTS))
    rng = random.Random(draw(st.integers(0, 2**32)))
    lines = text.split("\n")
    action = draw(st.sampled_from(["cut", "shuffle", "insert", "all"]))
    if action in ("cut", "all"):
        a, b = sorted(rng.randrange(len(text) + 1) for _ in range(2))
        lines = (text[:a] + text[b:]).split("\n")
    if action in ("shuffle", "all"):
        rng.shuffle(lines)
    text = "\n".join(lines)
    if action in ("insert", "all"):
        junk = draw(st.lists(st.text(min_size=1, max_size=8), max_size=20))
        for piece in junk:
            at = rng.randrange(len(text) + 1)
            text = text[:at] + piece + text[at:]
    return text


@FUZZ
@given(VIETNAMESE)
def test_random_text_never_breaks_extract(text):
    run_extract(text)


@FUZZ
@given(st.text(max_size=2000))
def test_any_unicode_never_breaks_extract(text):
    run_extract(text)


@FUZZ
@given(mutated_samples())
def test_mutated_real_directives_never_break_extract(text):
    run_extract(text)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_extracts_within_a_second(path):
    run_extract(path.read_text(encoding="utf-8"))


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from(["a.txt", "a.md", "a", "a.docx", "a.pdf", "a.doc", "a.xls"]))
def test_random_bytes_load_or_raise_extract_error(data, name):
    try:
        loaded = load_bytes(data, name)
    except ExtractError as exc:
        assert "\n" not in str(exc)
    else:
        assert "\r" not in loaded.text and "\x00" not in loaded.text


@pytest.fixture(scope="module")
def docx_bytes(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "kh.docx"
    rows = [["STT", "Nhiệm vụ", "Chủ trì"], ["1", "Tập huấn chuyển đổi số", "Công an xã"]]
    return build_docx(path, ["KẾ HOẠCH", ("table", rows, []), "Nơi nhận"]).read_bytes()


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 2**31), st.integers(0, 255)), min_size=1, max_size=30))
def test_damaged_docx_loads_or_raises_extract_error(docx_bytes, flips):
    data = bytearray(docx_bytes)
    for at, value in flips:
        data[at % len(data)] = value
    with contextlib.suppress(ExtractError):
        load_bytes(bytes(data), "kh.docx")
