"""A table nested in a .docx table cell keeps its text (it used to vanish without a word)."""

import docx
import pytest

from dieuhanh.extract.load import load_path

pytestmark = pytest.mark.pure


def test_text_of_a_table_nested_in_a_cell_is_kept(tmp_path):
    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "1"
    cell = outer.cell(0, 1)
    cell.text = "Phòng Kinh tế rà soát các hộ kinh doanh:"
    inner = cell.add_table(rows=2, cols=1)
    inner.cell(0, 0).text = "Hộ kinh doanh ăn uống"
    inner.cell(1, 0).text = "Hộ kinh doanh lưu trú"
    path = tmp_path / "nested.docx"
    document.save(path)
    text = load_path(path).text
    assert "Hộ kinh doanh ăn uống" in text and "Hộ kinh doanh lưu trú" in text
