"""Load a directive file (txt, md, docx, pdf, doc) as normalised Unicode text.

The first stage of the pipeline: bytes in, `LoadedText` out. Whatever goes wrong
with the input becomes an `ExtractError` with a one-line Vietnamese message;
library exceptions never escape.

Normalisation keeps every visible character where it was (light Markdown such as
`**bold**` or a trailing `\\` stays), so the later stages' spans stay stable: NFC,
`\\n` line ends, no control characters but `\\n`/`\\t`, plain spaces for
non-breaking ones.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
import subprocess
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dieuhanh.extract import legacy
from dieuhanh.extract.errors import ExtractError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUPPORTED_EXTENSIONS = (".txt", ".md", ".docx", ".pdf", ".doc")
_TEXT_EXTENSIONS = ("", ".txt", ".md", ".text")

# A text file with more control bytes or undecodable characters than this is not text.
_MAX_JUNK_RATIO = 0.05
# A PDF page with a text layer has hundreds of characters; a scan has none or a few.
_MIN_PDF_CHARS_PER_PAGE = 20
_SUBPROCESS_TIMEOUT = 120


@dataclass(frozen=True)
class LoadedText:
    """A document's text, ready for the header/structure/task stages."""

    text: str  # NFC Unicode, '\n' line ends
    format: str  # "txt" | "docx" | "pdf" | "doc"
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "tcvn3", "vni", "docx", "pdf", ...
    warnings: tuple[str, ...] = ()  # Vietnamese notes for the user


def load_path(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedText:
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
    _check_size(info.st_size, max_bytes, path.name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from None
    return load_bytes(data, path.name, max_bytes=max_bytes)


def load_bytes(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedText:
    """Load a document given as bytes; `filename` decides the format (with a content sniff)."""
    _check_size(len(data), max_bytes, filename)
    if not data:
        raise ExtractError(f"Tệp {filename} rỗng.")
    fmt = _format_of(data, filename)
    try:
        text, encoding, warnings, odd_free = _LOADERS[fmt](data, filename)
    except ExtractError:
        raise
    except Exception as exc:  # the boundary: no library exception may reach the caller
        raise ExtractError(_CORRUPT[fmt].format(name=filename)) from exc
    text = normalize_text(text, odd_free=odd_free)
    if not text.strip():
        raise ExtractError(f"Tệp {filename} không có nội dung chữ.")
    return LoadedText(text=text, format=fmt, encoding=encoding, warnings=tuple(warnings))


# --- normalisation ---------------------------------------------------------------

_REPLACEMENTS = {
    **dict.fromkeys("\x0b\x0c\x85\u2028\u2029", "\n"),
    **dict.fromkeys("\u00a0\u2007\u202f", " "),
}
# Control characters but \t and \n, invisible ones, odd line breaks and spaces.
_ODD_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00a0\u00ad\u2007\u200b\u2028\u2029\u202f\u2060\ufeff]"
)

# The same characters one by one: ``in`` looks for one character much faster than a scan for a
# character class (tested to be the class's characters exactly).
_ODD_LIST = (
    *map(chr, range(0x00, 0x09)),
    *map(chr, range(0x0B, 0x20)),
    *map(chr, range(0x7F, 0xA0)),
    *"\u00a0\u00ad\u2007\u200b\u2028\u2029\u202f\u2060\ufeff",
)


def normalize_text(text: str, *, odd_free: bool = False) -> str:
    """NFC, '\\n' line ends, no control or invisible characters, plain spaces.

    ``odd_free``: the caller already knows ``text`` holds none of ``_ODD_CHARACTERS``."""
    if "\r" in text:  # one scan for the common case of no carriage return at all
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not odd_free and any(map(text.__contains__, _ODD_LIST)):
        text = _ODD_CHARACTERS.sub(lambda m: _REPLACEMENTS.get(m.group(), ""), text)
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


# --- format ----------------------------------------------------------------------

_MAGIC = ((b"%PDF-", "pdf"), (b"PK\x03\x04", "docx"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"))


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


def _check_size(size: int, max_bytes: int, name: str) -> None:
    if size > max_bytes:
        raise ExtractError(
            f"Tệp {name} quá lớn ({_megabytes(size)} MB); giới hạn là {_megabytes(max_bytes)} MB."
        )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


# --- plain text -------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CONTROL_BYTES = bytes(c for c in (*range(0x00, 0x20), 0x7F) if c not in b"\t\n\r\x0c\x1a")
_BINARY_MESSAGE = "Tệp {name} không phải văn bản (dữ liệu nhị phân hoặc bảng mã không đọc được)."


def _load_txt(data: bytes, filename: str) -> tuple[str, str, list[str], bool]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return (*_decode_unicode(data, codec, filename), False)
    utf16 = _sniff_utf16(data)
    if utf16:
        return (*_decode_unicode(data, utf16, filename), False)
    # Control bytes counted in one pass: the length lost by deleting them all.
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > _MAX_JUNK_RATIO * len(data):
        raise ExtractError(_BINARY_MESSAGE.format(name=filename))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return (*_decode_8bit(data, filename), False)
    text, encoding, warnings = _with_legacy(text, "utf-8", [])
    # Still "utf-8": no legacy conversion, the text is the bytes decoded, and the bytes tell.
    odd_free = encoding == "utf-8" and not controls and _utf8_without_odd(data, text)
    return text, encoding, warnings, odd_free


# The odd characters outside Latin-1 (their UTF-8 forms open with 0xE2 or 0xEF).
_ODD_ABOVE_LATIN1 = tuple(ch for ch in _ODD_LIST if ch > "\xff")


def _utf8_without_odd(data: bytes, text: str) -> bool:
    """Whether ``text`` = ``data`` decoded as UTF-8, ``data`` holding none of ``_CONTROL_BYTES``, is
    free of ``_ODD_CHARACTERS``: cheaper than ``normalize_text``'s test of each character (a scan
    for a byte is fast, one for a character of a non-Latin-1 string is not). The odd characters
    left are "\\x0c" and "\\x1a" (bytes of their own), U+0080-U+00AD (encoded from byte 0xC2)
    and those above Latin-1, looked for in ``text`` only when a byte they open with is there."""
    if b"\x0c" in data or b"\x1a" in data or b"\xc2" in data:
        return False
    if b"\xe2" in data or b"\xef" in data:
        return not any(map(text.__contains__, _ODD_ABOVE_LATIN1))
    return True


def _decode_unicode(data: bytes, codec: str, filename: str) -> tuple[str, str, list[str]]:
    text = data.decode(codec, errors="replace")
    _reject_junk(text, filename)
    return _with_legacy(text, codec, _replacement_warning(text))


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL high bytes on ASCII characters, one side only."""
    sample = data[:8192]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _decode_8bit(data: bytes, filename: str) -> tuple[str, str, list[str]]:
    """Bytes that are not UTF-8: mostly-UTF-8 with a few bad bytes, TCVN3/VNI, or Windows-1258."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= len(text) * 0.01 and legacy.has_unicode_vietnamese(text):
        return _with_legacy(text, "utf-8", _replacement_warning(text))
    surface = data.decode("latin-1")
    converted, encoding = legacy.to_unicode(surface)
    if encoding:
        return converted, encoding, [_converted_warning(encoding)]
    text = data.decode("cp1258", errors="replace")
    if legacy.has_unicode_vietnamese(unicodedata.normalize("NFC", text)):
        _reject_junk(text, filename)
        return text, "cp1258", ["Tệp không phải UTF-8; đã đọc theo bảng mã Windows-1258."]
    text = data.decode("cp1252", errors="replace")
    _reject_junk(text, filename)
    return (
        text,
        "cp1252",
        [
            "Tệp không phải UTF-8 và không nhận ra bảng mã tiếng Việt; đã đọc theo Windows-1252, có thể sai dấu."
        ],
    )


def _reject_junk(text: str, filename: str) -> None:
    junk = text.count("\ufffd") + sum(1 for ch in text if ch < " " and ch not in "\t\n\r\x0c")
    if junk > _MAX_JUNK_RATIO * len(text):
        raise ExtractError(_BINARY_MESSAGE.format(name=filename))


def _replacement_warning(text: str) -> list[str]:
    bad = text.count("\ufffd")
    if not bad:
        return []
    return [f"Có {bad} ký tự không giải mã được; đã thay bằng dấu �."]


def _with_legacy(text: str, encoding: str, warnings: list[str]) -> tuple[str, str, list[str]]:
    """Unicode text may still hold TCVN3/VNI letters pasted from an old document."""
    converted, legacy_encoding = legacy.to_unicode(text)
    if legacy_encoding:
        return converted, legacy_encoding, [*warnings, _converted_warning(legacy_encoding)]
    return text, encoding, warnings


def _converted_warning(encoding: str, font: str | None = None) -> str:
    label = legacy.LABELS[encoding]
    where = f" (phông {font})" if font else ""
    return f"Đã chuyển mã {label}{where} sang Unicode."


# --- docx ---------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _load_docx(data: bytes, filename: str) -> tuple[str, str, list[str]]:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ExtractError(_CORRUPT["docx"].format(name=filename)) from exc
    fonts = _DocxFonts(document)
    lines: list[str] = []
    for element in _body_blocks(document.element.body):
        if element.tag == f"{_W}p":
            lines.append(fonts.paragraph_text(element))
        else:
            lines.extend(_table_lines(element, fonts))
    text = "\n".join(lines)
    if not fonts.converted:
        return _with_legacy(text, "docx", [])  # a legacy font under a name we do not know
    return text, "docx", [_converted_warning(enc, font) for enc, font in fonts.converted.items()]


def _body_blocks(parent) -> Iterator:
    """w:p and w:tbl in body order, looking inside content controls (w:sdt)."""
    for child in parent.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            for content in child.iterchildren(f"{_W}sdtContent"):
                yield from _body_blocks(content)


def _table_lines(tbl, fonts: _DocxFonts) -> list[str]:
    """One `| cell | cell |` line per row; merged cells repeat as python-docx gives them."""
    from docx.table import Table

    table = Table(tbl, None)
    lines = []
    for row in table.rows:
        cells = [
            " ".join(fonts.paragraph_text(p._p) for p in cell.paragraphs).replace("\n", " ").strip()
            for cell in row.cells
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


class _DocxFonts:
    """Resolves each run's font so TCVN3/VNI runs are converted and Unicode runs left alone."""

    def __init__(self, document) -> None:
        styles = list(document.styles.element.iterchildren(f"{_W}style"))
        self._styles = {s.get(f"{_W}styleId"): s for s in styles}
        self._default_paragraph_style = next(
            (
                s.get(f"{_W}styleId")
                for s in styles
                if s.get(f"{_W}type") == "paragraph" and s.get(f"{_W}default") in ("1", "true")
            ),
            None,
        )
        default = document.styles.element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts")
        self._default = default.get(f"{_W}ascii") if default is not None else None
        self.converted: dict[str, str] = {}  # encoding -> first font seen with it
        self._legacy = self._any_legacy(document)

    def _any_legacy(self, document) -> bool:
        names = {self._default}
        for root in (document.element, document.styles.element):
            for fonts in root.iter(f"{_W}rFonts"):
                names.update((fonts.get(f"{_W}ascii"), fonts.get(f"{_W}hAnsi")))
        return any(legacy.encoding_for_font(name) for name in names)

    def paragraph_text(self, p) -> str:
        from docx.text.paragraph import Paragraph

        if not self._legacy:
            return Paragraph(p, None).text
        paragraph_style = _style_id(p.find(f"{_W}pPr")) or self._default_paragraph_style
        paragraph_font = self._style_font(paragraph_style)
        pieces: list[tuple[str | None, str]] = []
        for r in p.iter(f"{_W}r"):
            encoding, font = self._run_encoding(r, paragraph_font)
            text = _run_text(r)
            if pieces and pieces[-1][0] == encoding:
                pieces[-1] = (encoding, pieces[-1][1] + text)  # VNI base+mark may span runs
            else:
                pieces.append((encoding, text))
            if encoding and encoding not in self.converted:
                self.converted[encoding] = font
        return "".join(legacy.convert_from(text, enc) if enc else text for enc, text in pieces)

    def _run_encoding(self, r, paragraph_font: str | None) -> tuple[str | None, str | None]:
        rpr = r.find(f"{_W}rPr")
        font = None
        if rpr is not None:
            rfonts = rpr.find(f"{_W}rFonts")
            if rfonts is not None:
                font = rfonts.get(f"{_W}ascii") or rfonts.get(f"{_W}hAnsi")
            font = font or self._style_font(_style_id(rpr, "rStyle"))
        font = font or paragraph_font or self._default
        return legacy.encoding_for_font(font), font

    def _style_font(self, style_id: str | None) -> str | None:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                return None
            rfonts = style.find(f"{_W}rPr/{_W}rFonts")
            if rfonts is not None and (rfonts.get(f"{_W}ascii") or rfonts.get(f"{_W}hAnsi")):
                return rfonts.get(f"{_W}ascii") or rfonts.get(f"{_W}hAnsi")
            based = style.find(f"{_W}basedOn")
            style_id = based.get(f"{_W}val") if based is not None else None
        return None


def _style_id(props, tag: str = "pStyle") -> str | None:
    if props is None:
        return None
    node = props.find(f"{_W}{tag}")
    return node.get(f"{_W}val") if node is not None else None


def _run_text(r) -> str:
    parts = []
    for child in r.iterchildren():
        if child.tag == f"{_W}t":
            parts.append(child.text or "")
        elif child.tag == f"{_W}tab":
            parts.append("\t")
        elif child.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)


# --- pdf ----------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_SCAN_MESSAGE = (
    "Tệp PDF không có lớp chữ (có thể là bản scan); cần nhận dạng ký tự (OCR) trước khi trích xuất."
)


def _load_pdf(data: bytes, filename: str) -> tuple[str, str, list[str]]:
    import pdfplumber

    pages: list[str] = []
    warnings: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                text = page.extract_text() or ""
                font_encodings = {
                    (legacy.encoding_for_font(c.get("fontname")), c.get("fontname")) for c in page.chars
                }
                legacy_fonts = [(enc, font) for enc, font in font_encodings if enc]
                if legacy_fonts and legacy.looks_legacy(text):
                    encoding, font = legacy_fonts[0]
                    text = legacy.convert_from(text, encoding)
                    note = _converted_warning(encoding, font)
                    if note not in warnings:
                        warnings.append(note)
                pages.append(text)
                page.close()
    except Exception as exc:
        if type(exc).__name__.startswith("PDFPassword"):
            raise ExtractError(f"Tệp PDF {filename} có mật khẩu; hãy bỏ mật khẩu rồi nạp lại.") from exc
        raise
    if sum(len(_SPACE.sub("", t)) for t in pages) < _MIN_PDF_CHARS_PER_PAGE * max(1, len(pages)):
        raise ExtractError(_SCAN_MESSAGE)
    text = "\n".join(pages)
    if not warnings:
        return _with_legacy(text, "pdf", [])
    return text, "pdf", warnings


# --- doc ----------------------------------------------------------------------------

_DOC_TOOLS_MISSING = (
    "Không đọc được tệp .doc (Word 97-2003): máy chủ chưa có antiword hoặc LibreOffice "
    "(cài bằng: apt-get install antiword); hoặc lưu lại tệp dưới dạng .docx rồi nạp lại."
)


def _load_doc(data: bytes, filename: str) -> tuple[str, str, list[str]]:
    """Through antiword, else LibreOffice; viparse's .doc reader also needs LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="dieuhanh-doc-") as tmp:
        source = Path(tmp) / "input.doc"
        source.write_bytes(data)
        if shutil.which("antiword"):
            result = _run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(source)], filename)
            return result.stdout.decode("utf-8", errors="replace"), "doc", []
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice:
            _run(
                [
                    soffice,
                    "--headless",
                    "--convert-to",
                    "txt:Text (encoded):UTF8",
                    "--outdir",
                    tmp,
                    str(source),
                ],
                filename,
            )
            output = Path(tmp) / "input.txt"
            if not output.exists():
                raise ExtractError(_CORRUPT["doc"].format(name=filename))
            return output.read_bytes().decode("utf-8-sig", errors="replace"), "doc", []
    raise ExtractError(_DOC_TOOLS_MISSING)


def _run(command: list[str], filename: str) -> subprocess.CompletedProcess[bytes]:
    try:
        result = subprocess.run(command, capture_output=True, timeout=_SUBPROCESS_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ExtractError(f"Đọc tệp {filename} quá lâu (trên {_SUBPROCESS_TIMEOUT} giây); đã dừng.") from exc
    if result.returncode != 0:
        raise ExtractError(_CORRUPT["doc"].format(name=filename))
    return result


def _unchecked(
    loader: Callable[[bytes, str], tuple[str, str, list[str]]],
) -> Callable[[bytes, str], tuple[str, str, list[str], bool]]:
    """A loader whose text ``normalize_text`` must check for odd characters."""

    def load(data: bytes, filename: str) -> tuple[str, str, list[str], bool]:
        return (*loader(data, filename), False)

    return load


# Each returns the text, its encoding, warnings, and whether the text is known free of
# ``_ODD_CHARACTERS`` (``normalize_text``'s ``odd_free``).
_LOADERS: dict[str, Callable[[bytes, str], tuple[str, str, list[str], bool]]] = {
    "txt": _load_txt,
    "docx": _unchecked(_load_docx),
    "pdf": _unchecked(_load_pdf),
    "doc": _unchecked(_load_doc),
}
_CORRUPT = {
    "txt": "Không đọc được tệp văn bản {name}.",
    "docx": "Tệp {name} bị hỏng hoặc không đầy đủ (không mở được như tệp .docx).",
    "pdf": "Tệp {name} bị hỏng hoặc không đầy đủ (không mở được như tệp PDF).",
    "doc": "Tệp {name} bị hỏng hoặc không phải tệp Word .doc hợp lệ.",
}
