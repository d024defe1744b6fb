"""Page images of a PDF, rendered by PDFium (pypdfium2, which pdfplumber also installs): what
OCR reads, and what the review page shows beside the text recognised on a page."""

from __future__ import annotations

import io
import math
import threading
from typing import TYPE_CHECKING

from dieuhanh.extract.errors import ExtractError

if TYPE_CHECKING:
    from PIL import Image

REVIEW_DPI = 150  # sharp enough to read beside the text, about 0.3 MB a page as PNG
# PDFium is not thread-safe, not even across documents, and a web server renders in threads.
_PDFIUM = threading.Lock()
# A page's bitmap is kept under this size whatever its declared size: an A4 page at 300 dpi has
# 8.7 million pixels, A3 17.4 million.
_MAX_BITMAP_PIXELS = 40_000_000


class PdfImages:
    """An open PDF whose pages render to images; use as a context manager."""

    def __init__(self, data: bytes) -> None:
        import pypdfium2

        with _PDFIUM:
            self._pdf = pypdfium2.PdfDocument(data)

    def __enter__(self) -> PdfImages:
        return self

    def __exit__(self, *exc_info: object) -> None:
        with _PDFIUM:
            self._pdf.close()

    def __len__(self) -> int:
        with _PDFIUM:
            return len(self._pdf)

    def render(self, number: int, dpi: int, *, grayscale: bool = False) -> Image.Image:
        """Page `number` (1-based) at `dpi`, or less when the page is huge."""
        with _PDFIUM:
            page = self._pdf[number - 1]
            try:
                width, height = page.get_size()  # in points, 72 to the inch
                scale = min(dpi / 72, math.sqrt(_MAX_BITMAP_PIXELS / max(width * height, 1.0)))
                return page.render(scale=scale, grayscale=grayscale).to_pil()
            finally:
                page.close()


def page_count(data: bytes) -> int:
    """How many pages the PDF has."""
    try:
        with PdfImages(data) as pdf:
            return len(pdf)
    except Exception as exc:
        raise ExtractError("Không mở được tệp PDF để đếm trang.") from exc


def render_page_png(data: bytes, number: int, *, dpi: int = REVIEW_DPI) -> bytes:
    """The image of page `number` (1-based) of a PDF as PNG bytes, in colour (stamps are red)."""
    try:
        pdf = PdfImages(data)
    except Exception as exc:
        raise ExtractError("Không mở được tệp PDF để dựng ảnh trang.") from exc
    with pdf:
        if not 1 <= number <= len(pdf):
            raise ExtractError(f"Tệp PDF có {len(pdf)} trang, không có trang {number}.")
        try:
            image = pdf.render(number, dpi)
        except Exception as exc:
            raise ExtractError(f"Không dựng được ảnh trang {number} của tệp PDF.") from exc
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
