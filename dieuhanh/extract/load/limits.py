"""Size limits checked before anything is parsed or inflated.

A hostile archive or PDF stream inflates a few MB into gigabytes, and a page can declare an
image of billions of pixels: sizes are read from the file's own directory and headers first,
and anything past these limits is refused. Real directives stay far below them.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from dieuhanh.extract.errors import ExtractError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_MEMBER_BYTES = 32 * 1024 * 1024  # one member of a .docx, one PDF stream, inflated
MAX_INFLATED_BYTES = 64 * 1024 * 1024  # all members of a .docx, all PDF streams, inflated
# An A3 page scanned at 600 dpi has 70 million pixels.
MAX_IMAGE_PIXELS = 80_000_000
_BOMB_MESSAGE = (
    "Tệp {name} khi giải nén lớn bất thường (trên {limit} MB); có thể là tệp độc hại nên không đọc."
)
_IMAGE_MESSAGE = (
    "Tệp {name} có ảnh lớn bất thường ({pixels} triệu điểm ảnh, giới hạn {limit} triệu); "
    "có thể là tệp độc hại nên không đọc."
)


def check_size(size: int, max_bytes: int, name: str) -> None:
    if size > max_bytes:
        raise ExtractError(
            f"Tệp {name} quá lớn ({megabytes(size)} MB); giới hạn là {megabytes(max_bytes)} MB."
        )


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def check_zip_sizes(data: bytes, filename: str) -> None:
    """Refuse an archive whose members inflate past the limits. ``zipfile`` never inflates a
    member past the size its directory declares, so the declared sizes bound the memory used.
    A damaged archive raises ``zipfile.BadZipFile``, which the loader reports as such."""
    members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    if any(m.file_size > MAX_MEMBER_BYTES for m in members):
        raise ExtractError(_BOMB_MESSAGE.format(name=filename, limit=megabytes(MAX_MEMBER_BYTES)))
    if sum(m.file_size for m in members) > MAX_INFLATED_BYTES:
        raise ExtractError(_BOMB_MESSAGE.format(name=filename, limit=megabytes(MAX_INFLATED_BYTES)))


_STREAM_START = re.compile(rb"\bstream\r?\n")


def check_pdf_streams(data: bytes, filename: str) -> None:
    """Refuse a PDF whose compressed (Flate) streams inflate past the limits, before the parser
    inflates them whole. Images are left out: text extraction does not inflate them, and the
    renderer's memory is bounded by `check_image_pixels`."""
    total = 0
    for m in _STREAM_START.finditer(data):
        head = data[data.rfind(b"obj", 0, m.start()) : m.start()]
        if b"FlateDecode" not in head or b"/Image" in head:
            continue
        end = data.find(b"endstream", m.end())
        size = _inflated_size(data[m.end() : end if end >= 0 else len(data)], MAX_MEMBER_BYTES + 1)
        total += size
        if size > MAX_MEMBER_BYTES:
            raise ExtractError(_BOMB_MESSAGE.format(name=filename, limit=megabytes(MAX_MEMBER_BYTES)))
        if total > MAX_INFLATED_BYTES:
            raise ExtractError(_BOMB_MESSAGE.format(name=filename, limit=megabytes(MAX_INFLATED_BYTES)))


def check_image_pixels(sizes: list[tuple[int, int]], filename: str) -> None:
    """Refuse a page whose images, as their headers declare them, are past the pixel limit:
    the renderer decodes an image whole, at its declared size."""
    for width, height in sizes:
        if width * height > MAX_IMAGE_PIXELS:
            raise ExtractError(
                _IMAGE_MESSAGE.format(
                    name=filename, pixels=width * height // 1_000_000, limit=MAX_IMAGE_PIXELS // 1_000_000
                )
            )


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
