"""`dieuhanh extract`: summary, --json, --jsonl, --directory, Vietnamese errors."""

import json
import subprocess
import sys

import pytest

from dieuhanh.extract.cli import main

pytestmark = pytest.mark.pure

DOC = """Số: 12/UBND-VP

Kính gửi: Công an xã.

1. Công an xã rà soát dữ liệu dân cư, hoàn thành trước ngày 30/6/2026.

2. Công an xã: Trường hợp có vướng mắc, báo cáo Ủy ban nhân dân xã.
"""


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_text(DOC, encoding="utf-8")
    return path


def test_it_prints_a_vietnamese_summary(doc, capsys):
    assert main([str(doc)]) == 0
    out = capsys.readouterr().out
    assert "Chủ trì: Công an xã" in out


def test_json_prints_one_object(doc, capsys):
    assert main(["--json", str(doc)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tasks"][0]["lead"] == "Công an xã"
    assert data["tasks"][0]["deadline"]["date"] == "2026-06-30"
    (dropped,) = data["dropped"]
    assert dropped["reason"] == "Yêu cầu có điều kiện."
    assert DOC[dropped["start"] : dropped["end"]] == dropped["text"]


def test_jsonl_prints_one_line_per_file_in_order(doc, tmp_path, capsys):
    other = tmp_path / "khac.txt"
    other.write_text("Kính gửi: Phòng Kinh tế.\n\n1. Phòng Kinh tế lập danh mục dự án.\n", encoding="utf-8")
    assert main(["--jsonl", str(doc), str(other)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [json.loads(line)["tasks"][0]["lead"] for line in lines] == ["Công an xã", "Phòng Kinh tế"]


def test_directory_resolves_units(doc, tmp_path, capsys):
    units = tmp_path / "units.json"
    units.write_text(json.dumps([{"id": 3, "name": "Công an xã"}], ensure_ascii=False), encoding="utf-8")
    assert main(["--json", "--directory", str(units), str(doc)]) == 0
    assert json.loads(capsys.readouterr().out)["tasks"][0]["lead_unit_id"] == 3


def test_an_unreadable_file_exits_2_with_one_vietnamese_line(tmp_path, capsys):
    assert main([str(tmp_path / "khong-co.txt")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_bad_arguments_exit_2_in_vietnamese(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--khong-co"])
    assert exc.value.code == 2
    assert "Lỗi tham số" in capsys.readouterr().err


def test_importing_the_cli_stays_light():
    code = "import sys, dieuhanh.extract.cli; print('django' in sys.modules or 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
