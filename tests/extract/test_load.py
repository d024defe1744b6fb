"""Loading txt/md/docx/pdf/doc files into normalised Unicode text."""

import os
import stat
import unicodedata
from pathlib import Path

import pytest

from dieuhanh.extract.errors import ExtractError
from dieuhanh.extract.load import (
    DEFAULT_MAX_BYTES,
    LoadedText,
    load_bytes,
    load_path,
    normalize_text,
)
from tests.extract.fixtures_build import (
    build_docx,
    build_image_pdf,
    build_pdf,
    encode_cp1258,
    encode_tcvn3,
    encode_vni,
)

pytestmark = pytest.mark.pure

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data" / "directives"
TEXT = (
    "ỦY BAN NHÂN DÂN XÃ GIA LỘC\n"
    "Số: 28/KH-UBND\n"
    "**1.** Công an xã chủ trì, phối hợp với Trạm Y tế xã khẳng định nhiệm vụ trọng tâm.\\\n"
    "Báo cáo kết quả trước ngày 15 hằng tháng.\n"
)
# TCVN3 cannot spell uppercase toned letters.
LEGACY_TEXT = (
    "Đề nghị các phòng, ban khẩn trương triển khai thực hiện nhiệm vụ chuyển đổi số, "
    "báo cáo kết quả trước ngày 15 hằng tháng; người đứng đầu chịu trách nhiệm.\n"
)


def error_of(data: bytes, name: str, **kwargs) -> str:
    with pytest.raises(ExtractError) as caught:
        load_bytes(data, name, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    return message


class TestText:
    def test_it_reads_utf8_and_keeps_light_markup(self):
        loaded = load_bytes(TEXT.encode(), "kh.txt")
        assert loaded == LoadedText(text=TEXT, format="txt", encoding="utf-8")

    def test_it_reads_utf8_with_a_bom(self):
        loaded = load_bytes(b"\xef\xbb\xbf" + TEXT.encode(), "kh.txt")
        assert (loaded.text, loaded.encoding) == (TEXT, "utf-8-sig")

    @pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
    def test_it_reads_utf16_with_and_without_bom(self, codec):
        loaded = load_bytes(TEXT.encode(codec), "kh.txt")
        assert loaded.text == TEXT
        assert loaded.encoding == codec

    def test_it_reads_markdown_and_files_without_extension(self):
        assert load_bytes(TEXT.encode(), "kh.md").text == TEXT
        assert load_bytes(TEXT.encode(), "KH 28.2026").text == TEXT
        assert load_bytes(TEXT.encode(), "VANBAN").format == "txt"

    def test_it_converts_tcvn3_bytes(self):
        loaded = load_bytes(encode_tcvn3(LEGACY_TEXT), "cv.txt")
        assert (loaded.text, loaded.encoding) == (LEGACY_TEXT, "tcvn3")
        assert loaded.warnings == ("Đã chuyển mã TCVN3 sang Unicode.",)

    def test_it_converts_vni_bytes(self):
        loaded = load_bytes(encode_vni(TEXT), "cv.txt")
        assert (loaded.text, loaded.encoding) == (TEXT, "vni")
        assert loaded.warnings == ("Đã chuyển mã VNI sang Unicode.",)

    def test_it_converts_tcvn3_pasted_into_a_utf8_file(self):
        pasted = encode_tcvn3(LEGACY_TEXT).decode("latin-1").encode("utf-8")
        assert load_bytes(pasted, "cv.txt").text == LEGACY_TEXT

    def test_it_reads_windows_1258(self):
        loaded = load_bytes(encode_cp1258(TEXT), "cv.txt")
        assert (loaded.text, loaded.encoding) == (TEXT, "cp1258")
        assert loaded.warnings

    def test_it_never_converts_genuine_utf8_vietnamese(self):
        for sample in sorted(SAMPLES.glob("*.txt")):
            raw = sample.read_bytes()
            loaded = load_bytes(raw, sample.name)
            assert loaded.encoding == "utf-8"
            assert loaded.text == unicodedata.normalize("NFC", raw.decode().replace("\r\n", "\n"))

    def test_it_survives_a_few_bad_bytes_in_utf8(self):
        loaded = load_bytes(TEXT.encode() + b"\xff\xfe" + TEXT.encode(), "kh.txt")
        assert loaded.encoding == "utf-8"
        assert loaded.text.count("Công an xã") == 2
        assert loaded.warnings

    def test_it_normalises(self):
        raw = "Hoà\u00a0thành\r\nngày\u200b 15\x00\x07\rtháng\u2028hết\tcột\ufeff\n"
        decomposed = unicodedata.normalize("NFD", raw)
        assert load_bytes(decomposed.encode(), "kh.txt").text == "Hoà thành\nngày 15\ntháng\nhết\tcột\n"


class TestDocx:
    def test_it_keeps_paragraphs_and_tables_in_body_order(self, tmp_path):
        path = build_docx(
            tmp_path / "kh.docx",
            [
                "KẾ HOẠCH chuyển đổi số năm 2026",
                (
                    "table",
                    [
                        ["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"],
                        ["1", "Tập huấn kỹ năng số\ncho cán bộ", "Công an xã", "Quý III/2026"],
                        ["2", "Hoàn thiện hồ sơ", None, "31/12/2026"],
                    ],
                    [((2, 1), (2, 2))],
                ),
                "Nơi nhận: Như trên.",
            ],
        )
        loaded = load_path(path)
        assert loaded.format == "docx"
        assert loaded.encoding == "docx"
        assert loaded.text.split("\n") == [
            "KẾ HOẠCH chuyển đổi số năm 2026",
            "",
            "| STT | Nhiệm vụ | Chủ trì | Thời hạn |",
            "| 1 | Tập huấn kỹ năng số cho cán bộ | Công an xã | Quý III/2026 |",
            "| 2 | Hoàn thiện hồ sơ | Hoàn thiện hồ sơ | 31/12/2026 |",
            "",
            "Nơi nhận: Như trên.",
        ]

    def test_it_converts_legacy_font_runs_and_leaves_unicode_runs(self, tmp_path):
        tcvn3 = encode_tcvn3(LEGACY_TEXT.strip()).decode("latin-1")
        vni = encode_vni("Ủy ban nhân dân xã khẳng định.").decode("cp1252")
        path = build_docx(
            tmp_path / "cv.docx",
            [
                ("font", "Tiêu đề bằng Unicode: à á ả ã ạ", "Times New Roman"),
                ("font", tcvn3, ".VnTime"),
                ("font", vni, "VNI-Times"),
            ],
        )
        loaded = load_path(path)
        assert loaded.text.split("\n\n") == [
            "Tiêu đề bằng Unicode: à á ả ã ạ",
            LEGACY_TEXT.strip(),
            "Ủy ban nhân dân xã khẳng định.",
        ]
        assert set(loaded.warnings) == {
            "Đã chuyển mã TCVN3 (phông .VnTime) sang Unicode.",
            "Đã chuyển mã VNI (phông VNI-Times) sang Unicode.",
        }

    def test_it_converts_a_document_whose_style_uses_vntime(self, tmp_path):
        tcvn3 = encode_tcvn3(LEGACY_TEXT.strip()).decode("latin-1")
        path = build_docx(tmp_path / "cv.docx", [tcvn3], default_font=".VnTime")
        assert load_path(path).text == LEGACY_TEXT.strip()

    def test_it_puts_text_of_a_tcvn3_capital_font_in_capitals(self, tmp_path):
        heading = encode_tcvn3("ủy ban nhân dân xã hòa bình").decode("latin-1")
        body = encode_tcvn3("Đề nghị các thôn báo cáo.").decode("latin-1")
        path = build_docx(tmp_path / "cv.docx", [("font", heading, ".VnTimeH"), ("font", body, ".VnTime")])
        assert load_path(path).text == "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\n\nĐề nghị các thôn báo cáo."

    def test_it_marks_bold_and_italic_runs_and_keeps_line_breaks(self, tmp_path):
        path = build_docx(
            tmp_path / "cv.docx", ["**Kính gửi:** Các thôn", "**TM. ỦY BAN NHÂN DÂN**\n*Chủ tịch*"]
        )
        assert load_path(path).text == "**Kính gửi:** Các thôn\n\n**TM. ỦY BAN NHÂN DÂN**\n*Chủ tịch*"

    def test_blanks_between_bold_runs_do_not_break_the_bold(self, tmp_path):
        import docx

        document = docx.Document()
        paragraph = document.add_paragraph()
        paragraph.add_run("KT. CHỦ TỊCH").bold = True
        paragraph.add_run().add_break()
        paragraph.add_run("Lê Văn Minh").bold = True
        document.save(tmp_path / "cv.docx")
        assert load_path(tmp_path / "cv.docx").text == "**KT. CHỦ TỊCH\nLê Văn Minh**"

    def test_it_keeps_the_text_of_a_table_nested_in_a_cell(self, tmp_path):
        import docx

        document = docx.Document()
        outer = document.add_table(rows=1, cols=2)
        outer.cell(0, 0).text = "Sở Y tế"
        outer.cell(0, 1).add_table(rows=1, cols=1).cell(0, 0).text = "Quý III/2026"
        document.save(tmp_path / "kh.docx")
        assert "Quý III/2026" in load_path(tmp_path / "kh.docx").text

    def test_a_truncated_docx_is_a_clear_error(self, tmp_path):
        data = build_docx(tmp_path / "kh.docx", ["Nội dung"]).read_bytes()
        message = error_of(data[: len(data) // 2], "kh.docx")
        assert "bị hỏng" in message and "kh.docx" in message

    def test_a_zip_that_is_no_docx_is_a_clear_error(self, tmp_path):
        import zipfile

        archive = tmp_path / "x.docx"
        with zipfile.ZipFile(archive, "w") as zf:
            zf.writestr("readme.txt", "không phải docx")
        assert "bị hỏng" in error_of(archive.read_bytes(), "x.docx")

    def test_a_docx_named_txt_is_still_read_as_docx(self, tmp_path):
        data = build_docx(tmp_path / "kh.docx", ["Nội dung chính"]).read_bytes()
        loaded = load_bytes(data, "kh.txt")
        assert (loaded.format, loaded.text) == ("docx", "Nội dung chính")


class TestPdf:
    def test_it_reads_a_text_layer_in_page_order(self, tmp_path):
        path = build_pdf(
            tmp_path / "kh.pdf",
            [
                ["ỦY BAN NHÂN DÂN XÃ GIA LỘC", "Số: 28/KH-UBND", "Tỷ lệ hồ sơ trực tuyến đạt tối thiểu 95%"],
                ["Trang hai: khẳng định nhiệm vụ, báo cáo trước ngày 15 hằng tháng"],
            ],
        )
        loaded = load_path(path)
        assert (loaded.format, loaded.encoding) == ("pdf", "pdf")
        assert loaded.text.split("\n") == [
            "ỦY BAN NHÂN DÂN XÃ GIA LỘC",
            "Số: 28/KH-UBND",
            "Tỷ lệ hồ sơ trực tuyến đạt tối thiểu 95%",
            "Trang hai: khẳng định nhiệm vụ, báo cáo trước ngày 15 hằng tháng",
        ]

    def test_small_pictures_and_no_text_are_no_scan_to_read(self, tmp_path):
        path = build_image_pdf(tmp_path / "anh.pdf")
        message = error_of(path.read_bytes(), "anh.pdf")
        assert (
            message == "Tệp PDF anh.pdf không có lớp chữ và không có trang ảnh quét nào để nhận dạng (OCR)."
        )

    @pytest.mark.parametrize("keep", [0.05, 0.5, 0.9])
    def test_a_truncated_pdf_is_an_extract_error_or_partial_text(self, tmp_path, keep):
        data = build_pdf(
            tmp_path / "kh.pdf", [["Nội dung trang một đủ dài để có lớp chữ thật sự"]]
        ).read_bytes()
        try:
            loaded = load_bytes(data[: int(len(data) * keep)], "kh.pdf")
        except ExtractError as exc:
            assert "\n" not in str(exc)
        else:
            assert "Nội dung" in loaded.text

    def test_garbage_named_pdf_is_a_clear_error(self):
        assert "PDF" in error_of(b"%PDF-1.7\n" + bytes(range(256)) * 4, "kh.pdf")


class TestDoc:
    def test_it_uses_antiword_when_installed(self, tmp_path, monkeypatch):
        tool = tmp_path / "bin" / "antiword"
        tool.parent.mkdir()
        tool.write_text("#!/bin/sh\nprintf 'Công văn số 12/UBND\\r\\nNội dung từ antiword\\n'\n")
        tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
        monkeypatch.setenv("PATH", str(tool.parent))
        loaded = load_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "cv.doc")
        assert (loaded.format, loaded.encoding) == ("doc", "doc")
        assert loaded.text == "Công văn số 12/UBND\nNội dung từ antiword\n"

    def test_it_names_what_to_install_when_no_reader_exists(self, tmp_path, monkeypatch):
        monkeypatch.setenv("PATH", str(tmp_path))
        message = error_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "cv.doc")
        assert "apt-get install antiword" in message

    def test_a_failing_antiword_is_a_clear_error(self, tmp_path, monkeypatch):
        tool = tmp_path / "antiword"
        tool.write_text("#!/bin/sh\necho 'not a Word document' >&2\nexit 1\n")
        tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
        monkeypatch.setenv("PATH", str(tmp_path))
        assert "cv.doc" in error_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "cv.doc")


class TestErrors:
    def test_a_missing_file(self, tmp_path):
        with pytest.raises(ExtractError, match="Không tìm thấy tệp"):
            load_path(tmp_path / "khong-co.txt")

    def test_a_directory(self, tmp_path):
        with pytest.raises(ExtractError, match="không phải là một tệp"):
            load_path(tmp_path)

    def test_an_empty_file(self, tmp_path):
        (tmp_path / "rong.txt").write_bytes(b"")
        with pytest.raises(ExtractError, match="rỗng"):
            load_path(tmp_path / "rong.txt")

    def test_only_whitespace_is_no_content(self):
        assert "không có nội dung" in error_of(b" \r\n\t\n", "kh.txt")

    def test_over_the_size_limit_says_the_limit_in_mb(self, tmp_path):
        path = tmp_path / "lon.txt"
        path.write_bytes(b"x" * 600_000)
        with pytest.raises(ExtractError, match=r"quá lớn.*giới hạn là 0\.5 MB"):
            load_path(path, max_bytes=512 * 1024)
        assert "giới hạn là 20 MB" in error_of(b"x" * (DEFAULT_MAX_BYTES + 1), "x.txt")
        assert "giới hạn là 0.5 MB" in error_of(b"x" * 600_000, "x.txt", max_bytes=512 * 1024)

    @pytest.mark.parametrize(
        "data",
        [
            os.urandom(4096),
            bytes(range(256)) * 16,
            b"\x89PNG\r\n\x1a\n" + bytes(1000),
            b"\x00" * 100 + TEXT.encode(),
        ],
    )
    def test_binary_junk_is_not_text(self, data):
        assert "không phải văn bản" in error_of(data, "x.txt")

    def test_an_unsupported_extension_lists_the_supported_ones(self):
        message = error_of(b"PK\x03\x04 bang tinh", "bang.xlsx")
        assert ".xlsx" in message and ".docx" in message and ".pdf" in message

    def test_library_exceptions_never_escape(self, monkeypatch):
        import docx

        def boom(*args, **kwargs):
            raise RuntimeError("library bug")

        monkeypatch.setattr(docx, "Document", boom)
        assert "bị hỏng" in error_of(b"PK\x03\x04" + bytes(100), "kh.docx")


_ODD = [*map(chr, range(0x00, 0x09)), *map(chr, range(0x0B, 0x20)), "\x7f", "\x85", "\u00a0", "\u00ad"]
_ODD += ["\u2007", "\u200b", "\u2028", "\u2029", "\u202f", "\u2060", "\ufeff"]


@pytest.mark.parametrize("odd", _ODD)
def test_each_odd_character_is_removed_from_a_utf8_file(odd):
    text = f"Công văn số 12/UBND{odd} về việc “x”\n"
    loaded = load_bytes(text.encode("utf-8"), "a.txt")
    assert loaded.text == normalize_text(text)
    assert odd not in loaded.text
