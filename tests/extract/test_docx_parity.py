"""A .docx extracts as well as the same text as .txt: each text of the labelled sets is turned
into the .docx a clerk would receive (blocks as paragraphs, lines as line breaks, bold and italic
as runs), loaded back, and both are extracted.

More folders of texts (e.g. a split of a labelled set kept outside the repository) can be added
with DIEUHANH_PARITY_DOCS=dir1:dir2."""

import os
import re
from pathlib import Path

import pytest

from dieuhanh.extract.load import load_bytes, load_path
from dieuhanh.extract.output import to_json_dict
from dieuhanh.extract.pipeline import extract
from tests.extract.fixtures_build import build_docx, build_docx_from_text

pytestmark = pytest.mark.pure

ROOT = Path(__file__).resolve().parents[2]
_DIRS = [ROOT / "sample_data" / "directives", ROOT.parent / "shared" / "devset" / "docs"]
_DIRS += [Path(d) for d in os.environ.get("DIEUHANH_PARITY_DOCS", "").split(":") if d]
TEXTS = sorted(p for d in _DIRS if d.is_dir() for p in d.glob("*.txt"))


def _comparable(result) -> dict:
    """What a clerk sees: header fields and, per task, its unit, deadline and words."""
    out = to_json_dict(result)
    words = lambda t: " ".join(re.sub(r"[*|]", " ", t).split())  # noqa: E731
    document = {k: out["document"][k] for k in ("number", "type", "issuer", "date", "subject", "signer")}
    tasks = [
        (t["lead"], t["deadline"]["kind"], t["deadline"]["date"], words(t["text"])) for t in out["tasks"]
    ]
    return {"document": document, "tasks": tasks}


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_a_docx_of_the_text_extracts_like_the_text(path, tmp_path):
    text = load_bytes(path.read_bytes(), path.name).text
    docx = load_path(build_docx_from_text(tmp_path / (path.stem + ".docx"), text))
    assert _comparable(extract(docx.text)) == _comparable(extract(text))


def test_a_heading_in_its_own_bold_paragraph_is_not_glued_to_the_next_one(tmp_path):
    path = build_docx(
        tmp_path / "cv.docx",
        [
            "Ủy ban nhân dân tỉnh yêu cầu các sở thực hiện một số nội dung sau:",
            "**1. Sở Giáo dục và Đào tạo**",
            "Căn cứ chức năng, nhiệm vụ được giao, chủ trì xây dựng kế hoạch số hóa học bạ, "
            "hoàn thành trước ngày 30/10/2026.",
            "**2. Sở Y tế**",
            "Triển khai bệnh án điện tử tại các bệnh viện tuyến tỉnh trong năm 2026.",
        ],
    )
    tasks = extract(load_path(path).text).tasks
    assert [(t.lead, t.text.split(",")[0]) for t in tasks] == [
        ("Sở Giáo dục và Đào tạo", "Căn cứ chức năng"),
        ("Sở Y tế", "Triển khai bệnh án điện tử tại các bệnh viện tuyến tỉnh trong năm 2026."),
    ]
