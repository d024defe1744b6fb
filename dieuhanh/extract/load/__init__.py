"""Load a directive file (txt, md, docx, pdf, doc) as normalised Unicode text.

The first stage of the pipeline: bytes in, `LoadedText` out. Whatever goes wrong with the
input becomes an `ExtractError` with a one-line Vietnamese message; library exceptions never
escape. One module per format (text, docx, pdf, doc); scanned PDF pages are read by OCR
(ocr, images), and `limits` guards against files built to exhaust memory.

For a PDF, `LoadedText.pages` says where each page's text is and whether it was read by OCR;
`render_page_png` gives a page's image to show beside that text.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from dieuhanh.extract.errors import ExtractError
from dieuhanh.extract.load import doc, docx, pdf, text
from dieuhanh.extract.load.images import page_count, render_page_png
from dieuhanh.extract.load.limits import DEFAULT_MAX_BYTES, check_size
from dieuhanh.extract.load.ocr import OcrSettings, tesseract_ready
from dieuhanh.extract.load.result import Decoded, LoadedText, Page
from dieuhanh.extract.load.text import normalize_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_OCR",
    "SUPPORTED_EXTENSIONS",
    "LoadedText",
    "OcrSettings",
    "Page",
    "load_bytes",
    "load_path",
    "normalize_text",
    "page_count",
    "render_page_png",
    "tesseract_ready",
]

SUPPORTED_EXTENSIONS = (".txt", ".md", ".docx", ".pdf", ".doc")
DEFAULT_OCR = OcrSettings()
_TEXT_EXTENSIONS = ("", ".txt", ".md", ".text")
_MAGIC = ((b"%PDF-", "pdf"), (b"PK\x03\x04", "docx"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"))
_CORRUPT = {"txt": text.CORRUPT, "docx": docx.CORRUPT, "pdf": pdf.CORRUPT, "doc": doc.CORRUPT}


def load_path(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    ocr: OcrSettings | None = DEFAULT_OCR,
) -> LoadedText:
    """Read and load the file at `path`."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ExtractError(f"Không tìm thấy tệp: {path}.") from None
    except OSError as exc:
        raise ExtractError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from None
    if not stat.S_ISREG(info.st_mode):
        raise ExtractError(f"{path} không phải là một tệp.")
    check_size(info.st_size, max_bytes, path.name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from None
    return load_bytes(data, path.name, max_bytes=max_bytes, ocr=ocr)


def load_bytes(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    ocr: OcrSettings | None = DEFAULT_OCR,
) -> LoadedText:
    """Load a document given as bytes; `filename` decides the format (with a content sniff).
    Scanned PDF pages are read by OCR within the limits of `ocr`; None skips them."""
    check_size(len(data), max_bytes, filename)
    if not data:
        raise ExtractError(f"Tệp {filename} rỗng.")
    fmt = _format_of(data, filename)
    try:
        decoded = _read(fmt, data, filename, ocr)
    except ExtractError:
        raise
    except Exception as exc:  # the boundary: no library exception may reach the caller
        raise ExtractError(_CORRUPT[fmt].format(name=filename)) from exc
    normalised = normalize_text(decoded.text)
    if not normalised.strip():
        raise ExtractError(f"Tệp {filename} không có nội dung chữ.")
    return LoadedText(normalised, fmt, decoded.encoding, tuple(decoded.warnings), decoded.pages)


def _read(fmt: str, data: bytes, filename: str, ocr: OcrSettings | None) -> Decoded:
    if fmt == "pdf":
        return pdf.read(data, filename, ocr)
    readers = {"txt": text.read, "docx": docx.read, "doc": doc.read}
    return readers[fmt](data, filename)


def _format_of(data: bytes, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix and not suffix[1:].isalpha():
        suffix = ""  # "KH 28.2026" has no extension, not a ".2026" one
    if suffix not in SUPPORTED_EXTENSIONS and suffix not in _TEXT_EXTENSIONS:
        raise ExtractError(
            f"Không hỗ trợ định dạng tệp {suffix}; chỉ nhận: {', '.join(SUPPORTED_EXTENSIONS)}."
        )
    # The content wins over the name: a .docx saved as "vanban.txt" is still a .docx.
    for magic, fmt in _MAGIC:
        if data.startswith(magic):
            return fmt
    if suffix in _TEXT_EXTENSIONS:
        return "txt"
    return suffix[1:]
