"""What a file is, read from its first bytes, not from its name.

Evidence and uploads say what they are in their content: "%PDF-" starts a
PDF, "\\x89PNG" a PNG, a ZIP holding word/document.xml is a .docx. A name
can lie (a PNG renamed .pdf); the content cannot, so stored files are named
and served as what they are.
"""

import zipfile
from dataclasses import dataclass
from typing import BinaryIO


@dataclass(frozen=True)
class FileKind:
    extension: str  # ".pdf"
    label: str  # shown to people: "PDF"


PDF = FileKind(".pdf", "PDF")
PNG = FileKind(".png", "ảnh PNG")
JPEG = FileKind(".jpg", "ảnh JPEG")
GIF = FileKind(".gif", "ảnh GIF")
WEBP = FileKind(".webp", "ảnh WebP")
TIFF = FileKind(".tif", "ảnh TIFF")
DOCX = FileKind(".docx", "Word (.docx)")
XLSX = FileKind(".xlsx", "Excel (.xlsx)")
PPTX = FileKind(".pptx", "PowerPoint (.pptx)")
ODT = FileKind(".odt", "OpenDocument văn bản")
ODS = FileKind(".ods", "OpenDocument bảng tính")
OLE = FileKind(".doc", "Word/Excel cũ (.doc, .xls)")
ZIP = FileKind(".zip", "tệp nén ZIP")
TEXT = FileKind(".txt", "văn bản thuần")

# Extensions that name the same kind (a .jpeg is a JPEG, an .xls is an old Office file).
SAME_KIND = {".jpeg": JPEG, ".jpe": JPEG, ".tiff": TIFF, ".xls": OLE, ".ppt": OLE, ".csv": TEXT}

_MAGIC = [
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
]
_ZIP_MARKERS = [("word/document.xml", DOCX), ("xl/workbook.xml", XLSX), ("ppt/presentation.xml", PPTX)]


def _zip_kind(file: BinaryIO) -> FileKind:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100]
                if mimetype.endswith(b"opendocument.text"):
                    return ODT
                if mimetype.endswith(b"opendocument.spreadsheet"):
                    return ODS
    except (zipfile.BadZipFile, OSError, ValueError):
        return ZIP
    for marker, kind in _ZIP_MARKERS:
        if marker in names:
            return kind
    return ZIP


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return head.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16 text has NULs
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # a character cut at the end of the sample
    return True


def sniff(file: BinaryIO) -> FileKind | None:
    """The kind of an open, seekable file from its content; None when it is none we take."""
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(file)
        file.seek(0)
        return kind
    if head and _is_text(head):
        return TEXT
    return None


def names_kind(extension: str, kind: FileKind) -> bool:
    """Whether a file name's extension already says `kind`."""
    extension = extension.lower()
    return extension == kind.extension or SAME_KIND.get(extension) == kind
