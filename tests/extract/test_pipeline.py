"""The pipeline end to end: spans into the original text, reasons, unit directory, JSON shape."""

import json

import pytest

from dieuhanh.extract.output import to_json_dict, to_text
from dieuhanh.extract.pipeline import extract, extract_path
from dieuhanh.extract.units import UnitDirectory

pytestmark = pytest.mark.pure

DOC = """**ỦY BAN NHÂN DÂN**
**XÃ AN PHÚ**

Số: 08 /UBND- VP
V/v đẩy mạnh số hóa hồ sơ

*An Phú, ngày 12 tháng 5 năm 2026*

Kính gửi: Các cơ quan, đơn vị thuộc UBND xã.

Ủy ban nhân dân xã yêu cầu:

**1.** Phòng Văn hóa - Xã hội chủ trì, phối hợp với Văn phòng HĐND và UBND xã số hóa
hồ sơ lưu trữ năm 2025, hoàn thành trước ngày 30/9/2026.

**2.** Công an xã: Làm sạch dữ liệu dân cư; định kỳ báo cáo kết quả về UBND xã trước ngày 25 hằng tháng.

Nơi nhận:
- Như trên;
- Lưu: VT.

**KT. CHỦ TỊCH**
**PHÓ CHỦ TỊCH**

**Lê Thị Hoa**
"""


def test_every_span_points_at_the_task_text_in_the_original():
    result = extract(DOC)
    assert len(result.tasks) == 3
    for task in result.tasks:
        start, end = task.span
        original = DOC[start:end]
        assert " ".join(original.replace("*", "").split()) == task.text


def test_every_task_field_has_a_vietnamese_reason():
    for task in extract(DOC).tasks:
        assert task.reasons["lead"]
        assert task.reasons["deadline"]


def test_header_fields_come_from_the_header_stage():
    doc = extract(DOC).document
    assert doc.number == "08/UBND-VP"
    assert doc.date.isoformat() == "2026-05-12"
    assert doc.signer == "Lê Thị Hoa"


def test_units_are_resolved_against_the_directory_and_unknown_ones_reported():
    directory = UnitDirectory.from_entries(
        [
            {"id": 7, "name": "Phòng Văn hóa - Xã hội", "short_name": "Phòng VH-XH"},
            {"id": 9, "name": "Văn phòng HĐND và UBND xã"},
        ]
    )
    result = extract(DOC, directory)
    first = result.tasks[0]
    assert first.lead_unit_id == 7
    assert first.coordinator_unit_ids == (9,)
    assert "Công an xã" in result.unknown_units


def test_json_has_the_shape_of_the_gold_files():
    data = to_json_dict(extract(DOC))
    json.dumps(data, ensure_ascii=False)
    assert set(data) >= {"document", "tasks", "indicators", "unknown_units", "warnings"}
    assert set(data["document"]) >= {"number", "type", "issuer", "date", "subject", "signer"}
    task = data["tasks"][0]
    assert set(task) >= {
        "text",
        "summary",
        "lead",
        "coordinators",
        "deadline",
        "target",
        "budget_million_vnd",
        "span",
    }
    assert task["deadline"]["kind"] == "date"
    assert task["deadline"]["date"] == "2026-09-30"
    assert data["tasks"][2]["deadline"]["kind"] == "recurring"


def test_the_text_summary_is_in_vietnamese():
    text = to_text(extract(DOC))
    assert "Số nhiệm vụ: 3" in text
    assert "Chủ trì: Phòng Văn hóa - Xã hội" in text


def test_a_document_without_duties_says_so():
    result = extract("Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;\n\nThông báo để các đơn vị biết.")
    assert result.tasks == ()
    assert result.warnings


def test_extract_path_reads_a_file(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_text(DOC, encoding="utf-8")
    assert len(extract_path(path).tasks) == 3
