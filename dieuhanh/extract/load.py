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
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

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
# A hostile archive or PDF stream inflates a few MB into gigabytes: sizes are checked before
# anything is decompressed for parsing. Real directives stay far below these.
_MAX_MEMBER_BYTES = 32 * 1024 * 1024  # one member of a .docx, one PDF stream, inflated
_MAX_INFLATED_BYTES = 64 * 1024 * 1024  # all members of a .docx, all PDF streams, inflated
_BOMB_MESSAGE = (
    "Tệp {name} khi giải nén lớn bất thường (trên {limit} MB); có thể là tệp độc hại nên không đọc."
)


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
        text, encoding, warnings = _LOADERS[fmt](data, filename)
    except ExtractError:
        raise
    except Exception as exc:  # the boundary: no library exception may reach the caller
        raise ExtractError(_CORRUPT[fmt].format(name=filename)) from exc
    text = normalize_text(text)
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


def normalize_text(text: str) -> str:
    """NFC, '\\n' line ends, no control or invisible characters, plain spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ODD_CHARACTERS.sub(lambda m: _REPLACEMENTS.get(m.group(), ""), text)
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
_BINARY_MESSAGE = "Tệp {name} không phải văn bản (dữ liệu nhị phân hoặc bảng mã không đọc được)."
# What text files do not hold: control characters (but tab, line ends, form feed and the old
# end-of-file mark) and characters that could not be decoded.
_JUNK = re.compile("[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f\ufffd]")


def _load_txt(data: bytes, filename: str) -> tuple[str, str, list[str]]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_unicode(data, codec, filename)
    utf16 = _sniff_utf16(data)
    if utf16:
        return _decode_unicode(data, utf16, filename)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_8bit(data, filename)
    _reject_junk(text, filename)
    return _with_legacy(text, "utf-8", [])


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
    if len(_JUNK.findall(text)) > _MAX_JUNK_RATIO * len(text):
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
    """Paragraphs apart by a blank line (a paragraph of Word is never a wrapped line), a line
    break inside one as a line break, tables as ``| cell | cell |`` rows, bold and italic runs
    marked ``**bold**`` and ``*italic*`` as in the text of converted web pages."""
    import docx

    _check_zip_sizes(data, filename)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ExtractError(_CORRUPT["docx"].format(name=filename)) from exc
    runs = _DocxRuns(document)
    blocks: list[str] = []
    for element in _body_blocks(document.element.body):
        if element.tag == f"{_W}p":
            blocks.append(runs.paragraph_text(element))
        else:
            blocks.append("\n".join(_table_lines(element, runs)))
    text = "\n\n".join(blocks)
    if not runs.converted:
        return _with_legacy(text, "docx", [])  # a legacy font under a name we do not know
    return text, "docx", [_converted_warning(enc, font) for enc, font in runs.converted.items()]


def _check_zip_sizes(data: bytes, filename: str) -> None:
    """Refuse an archive whose members inflate past the limits. ``zipfile`` never inflates a
    member past the size its directory declares, so the declared sizes bound the memory used."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile as exc:
        raise ExtractError(_CORRUPT["docx"].format(name=filename)) from exc
    if any(m.file_size > _MAX_MEMBER_BYTES for m in members):
        raise ExtractError(_BOMB_MESSAGE.format(name=filename, limit=_megabytes(_MAX_MEMBER_BYTES)))
    if sum(m.file_size for m in members) > _MAX_INFLATED_BYTES:
        raise ExtractError(_BOMB_MESSAGE.format(name=filename, limit=_megabytes(_MAX_INFLATED_BYTES)))


def _body_blocks(parent) -> Iterator:
    """w:p and w:tbl in body order, looking inside content controls (w:sdt)."""
    for child in parent.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            for content in child.iterchildren(f"{_W}sdtContent"):
                yield from _body_blocks(content)


def _table_lines(tbl, runs: _DocxRuns) -> list[str]:
    """One ``| cell | cell |`` line per row; merged cells repeat as python-docx gives them. A
    cell's paragraphs, those of a table nested in it included, are joined by spaces."""
    from docx.table import Table

    table = Table(tbl, None)
    lines = []
    for row in table.rows:
        cells = [
            " ".join(runs.paragraph_text(p) for p in cell._tc.iter(f"{_W}p")).replace("\n", " ").strip()
            for cell in row.cells
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


class _Format(NamedTuple):
    """How a run is written: its legacy encoding (None for Unicode), whether its font draws every
    letter as a capital (TCVN3 ".VnTimeH"), bold, italic."""

    encoding: str | None
    capitals: bool
    bold: bool
    italic: bool


class _DocxRuns:
    """Each run's text as the reader sees it: legacy TCVN3/VNI fonts converted (capital fonts in
    capitals), Unicode runs left alone, bold and italic marked. A run takes its font and emphasis
    from its own properties, else its character style, else the paragraph's style chain, else the
    document defaults."""

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
        self._defaults = document.styles.element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.converted: dict[str, str] = {}  # encoding -> first font seen with it

    def paragraph_text(self, p) -> str:
        style = _style_id(p.find(f"{_W}pPr")) or self._default_paragraph_style
        pieces: list[tuple[_Format, str]] = []
        for r in p.iter(f"{_W}r"):
            form, font = self._run_format(r, style)
            text = _run_text(r)
            if pieces and not text.strip():
                form = pieces[-1][0]  # blanks and line breaks between runs take no formatting of their own
            if pieces and pieces[-1][0] == form:
                pieces[-1] = (form, pieces[-1][1] + text)  # a VNI letter and its mark may span runs
            else:
                pieces.append((form, text))
            if form.encoding and form.encoding not in self.converted:
                self.converted[form.encoding] = font
        return "".join(_written(form, text) for form, text in pieces)

    def _run_format(self, r, paragraph_style: str | None) -> tuple[_Format, str | None]:
        rpr = r.find(f"{_W}rPr")
        chain = [rpr, *self._style_chain(_style_id(rpr, "rStyle")), *self._style_chain(paragraph_style)]
        chain.append(self._defaults)
        font = next((f for props in chain if (f := _font_of(props))), None)
        bold = next((b for props in chain if (b := _toggle(props, "b")) is not None), False)
        italic = next((i for props in chain if (i := _toggle(props, "i")) is not None), False)
        encoding = legacy.encoding_for_font(font)
        capitals = encoding is not None and legacy.is_capital_font(font)
        return _Format(encoding, capitals, bold, italic), font

    def _style_chain(self, style_id: str | None) -> list:
        """The run properties of a style and of the styles it is based on, nearest first."""
        chain = []
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                break
            chain.append(style.find(f"{_W}rPr"))
            based = style.find(f"{_W}basedOn")
            style_id = based.get(f"{_W}val") if based is not None else None
        return chain


def _font_of(props) -> str | None:
    if props is None:
        return None
    fonts = props.find(f"{_W}rFonts")
    if fonts is None:
        return None
    return fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi")


def _toggle(props, tag: str) -> bool | None:
    """A toggle property (w:b, w:i): None when not set here."""
    if props is None:
        return None
    node = props.find(f"{_W}{tag}")
    if node is None:
        return None
    return node.get(f"{_W}val", "true") not in ("0", "false", "off")


def _written(form: _Format, text: str) -> str:
    if form.encoding:
        text = legacy.convert_from(text, form.encoding)
        if form.capitals:
            text = text.upper()
    mark = "*" * (2 * form.bold + form.italic)
    core = text.strip()
    if not mark or not core:
        return text
    # Markers hug the words, as in converted web pages: "**Kính gửi:** Sở Y tế".
    start = text.index(core)
    return f"{text[:start]}{mark}{core}{mark}{text[start + len(core) :]}"


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

    _check_pdf_streams(data, filename)
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


_STREAM_START = re.compile(rb"\bstream\r?\n")


def _check_pdf_streams(data: bytes, filename: str) -> None:
    """Refuse a PDF whose compressed (Flate) streams inflate past the limits, before the parser
    inflates them whole. Images are left out: text extraction does not inflate them."""
    total = 0
    for m in _STREAM_START.finditer(data):
        head = data[data.rfind(b"obj", 0, m.start()) : m.start()]
        if b"FlateDecode" not in head or b"/Image" in head:
            continue
        end = data.find(b"endstream", m.end())
        size = _inflated_size(data[m.end() : end if end >= 0 else len(data)], _MAX_MEMBER_BYTES + 1)
        total += size
        if size > _MAX_MEMBER_BYTES:
            raise ExtractError(_BOMB_MESSAGE.format(name=filename, limit=_megabytes(_MAX_MEMBER_BYTES)))
        if total > _MAX_INFLATED_BYTES:
            raise ExtractError(_BOMB_MESSAGE.format(name=filename, limit=_megabytes(_MAX_INFLATED_BYTES)))


def _inflated_size(compressed: bytes, limit: int) -> int:
    """How many bytes ``compressed`` (zlib) inflates to, counting no further than ``limit``;
    a damaged stream counts what inflated before the damage."""
    inflater = zlib.decompressobj()
    size = 0
    chunk = compressed
    try:
        while chunk and size < limit:
            size += len(inflater.decompress(chunk, min(limit - size, 1 << 20)))
            chunk = inflater.unconsumed_tail
    except zlib.error:
        pass
    return size


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


_LOADERS: dict[str, Callable[[bytes, str], tuple[str, str, list[str]]]] = {
    "txt": _load_txt,
    "docx": _load_docx,
    "pdf": _load_pdf,
    "doc": _load_doc,
}
_CORRUPT = {
    "txt": "Không đọc được tệp văn bản {name}.",
    "docx": "Tệp {name} bị hỏng hoặc không đầy đủ (không mở được như tệp .docx).",
    "pdf": "Tệp {name} bị hỏng hoặc không đầy đủ (không mở được như tệp PDF).",
    "doc": "Tệp {name} bị hỏng hoặc không phải tệp Word .doc hợp lệ.",
}
