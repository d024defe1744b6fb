"""PDF files: the text layer page by page, and OCR for the pages that are scanned images.

A page is read from its text layer when it has one. A page with (almost) no text whose images
cover a good part of it is a scan: it is rendered and read by Tesseract, alone — the other
pages of a mixed file keep their text layer. Each page's text is normalised on its own, so
the spans of `Page` stay true in the joined text.
"""

from __future__ import annotations

import io
import re
import subprocess
import time
from dataclasses import dataclass

from dieuhanh.extract import legacy
from dieuhanh.extract.errors import ExtractError
from dieuhanh.extract.load import ocr
from dieuhanh.extract.load.images import PdfImages
from dieuhanh.extract.load.limits import check_image_pixels, check_pdf_streams
from dieuhanh.extract.load.result import Decoded, Page
from dieuhanh.extract.load.text import converted_warning, normalize_text

CORRUPT = "Tệp {name} bị hỏng hoặc không đầy đủ (không mở được như tệp PDF)."

# A page with a text layer has hundreds of characters; a scan has none or a few.
_MIN_CHARS_PER_PAGE = 20
# The images of a scanned page cover most of it; a logo, a stamp or a signature far less.
_MIN_SCAN_COVER = 0.25
# Below this mean word confidence, OCR text is to be read against the page image.
_LOW_CONFIDENCE = 70
_SPACE = re.compile(r"\s+")
_NO_TEXT_MESSAGE = "Tệp PDF {name} không có lớp chữ và không có trang ảnh quét nào để nhận dạng (OCR)."


@dataclass
class _Layer:
    """What the text layer of one page gave."""

    text: str
    scanned: bool  # little text and mostly images: to be read by OCR
    image_sizes: list[tuple[int, int]]  # pixels as the images declare them
    legacy_converted: bool = False


def read(data: bytes, filename: str, settings: ocr.OcrSettings | None) -> Decoded:
    """`settings` None reads text layers only; scanned pages are then left out, with a warning."""
    check_pdf_streams(data, filename)
    layers, warnings = _text_layers(data, filename)
    scanned = [n for n, layer in enumerate(layers, 1) if layer.scanned]
    recognised: dict[int, ocr.Recognised] = {}
    if scanned:
        reason = _why_no_ocr(settings)
        if reason and not _has_text(layers):
            raise ExtractError(f"Tệp PDF {filename} là ảnh quét, không có lớp chữ; {reason}.")
        if reason:
            warnings.append(f"{_pages(scanned).capitalize()} là ảnh quét, không được đọc: {reason}.")
        else:
            recognised = _recognise(data, filename, layers, scanned, settings)
    if not recognised and not _has_text(layers):
        raise ExtractError(_NO_TEXT_MESSAGE.format(name=filename))
    encoding = _convert_legacy(layers, warnings)
    return _joined(layers, recognised, encoding, warnings, filename)


def _text_layers(data: bytes, filename: str) -> tuple[list[_Layer], list[str]]:
    import pdfplumber

    layers: list[_Layer] = []
    warnings: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                layers.append(_layer(page, warnings))
                page.close()
    except Exception as exc:
        if type(exc).__name__.startswith("PDFPassword"):
            raise ExtractError(f"Tệp PDF {filename} có mật khẩu; hãy bỏ mật khẩu rồi nạp lại.") from exc
        raise
    return layers, warnings


def _layer(page, warnings: list[str]) -> _Layer:
    text = page.extract_text() or ""
    font_encodings = {(legacy.encoding_for_font(c.get("fontname")), c.get("fontname")) for c in page.chars}
    legacy_fonts = [(enc, font) for enc, font in font_encodings if enc]
    converted = bool(legacy_fonts) and legacy.looks_legacy(text)
    if converted:
        encoding, font = legacy_fonts[0]
        text = legacy.convert_from(text, encoding)
        note = converted_warning(encoding, font)
        if note not in warnings:
            warnings.append(note)
    thin = len(_SPACE.sub("", text)) < _MIN_CHARS_PER_PAGE
    return _Layer(
        text=text,
        scanned=thin and _image_cover(page) >= _MIN_SCAN_COVER,
        image_sizes=[tuple(image["srcsize"]) for image in page.images],
        legacy_converted=converted,
    )


def _image_cover(page) -> float:
    """The share of the page its images cover (overlaps counted twice, capped at the whole)."""
    x0, top, x1, bottom = page.bbox
    area = (x1 - x0) * (bottom - top)
    if area <= 0:
        return 0.0
    covered = 0.0
    for image in page.images:
        width = min(image["x1"], x1) - max(image["x0"], x0)
        height = min(image["bottom"], bottom) - max(image["top"], top)
        covered += max(width, 0) * max(height, 0)
    return min(covered / area, 1.0)


def _has_text(layers: list[_Layer]) -> bool:
    """The old rule for a file with no usable text layer: too few characters for its pages."""
    chars = sum(len(_SPACE.sub("", layer.text)) for layer in layers)
    return chars >= _MIN_CHARS_PER_PAGE * max(1, len(layers))


def _why_no_ocr(settings: ocr.OcrSettings | None) -> str | None:
    if settings is None:
        return "chưa nhận dạng chữ (OCR) cho tệp này"
    if not ocr.tesseract_ready(settings.language):
        return ocr.MISSING_MESSAGE
    return None


def _recognise(
    data: bytes, filename: str, layers: list[_Layer], scanned: list[int], settings: ocr.OcrSettings
) -> dict[int, ocr.Recognised]:
    """OCR of the scanned pages, one at a time, within the page and time limits."""
    if len(scanned) > settings.max_pages:
        raise ExtractError(
            f"Tệp {filename} có {len(scanned)} trang ảnh quét cần nhận dạng (OCR), quá giới hạn "
            f"{settings.max_pages} trang; hãy tách tệp thành các phần nhỏ hơn hoặc nạp bản có lớp chữ."
        )
    for number in scanned:
        check_image_pixels(layers[number - 1].image_sizes, filename)
    deadline = time.monotonic() + settings.max_seconds
    recognised = {}
    with PdfImages(data) as pdf:
        for done, number in enumerate(scanned):
            too_long = ExtractError(
                f"Nhận dạng chữ (OCR) tệp {filename} quá lâu (trên {_seconds(settings.max_seconds)} giây, "
                f"mới xong {done}/{len(scanned)} trang); đã dừng. "
                "Hãy tách tệp thành các phần nhỏ hơn hoặc nạp bản có lớp chữ."
            )
            image = pdf.render(number, settings.dpi, grayscale=True)
            left = deadline - time.monotonic()
            if left <= 0:
                raise too_long
            try:
                recognised[number] = ocr.recognise(image, settings, timeout=left)
            except subprocess.TimeoutExpired:
                raise too_long from None
            except ocr.OcrFailed as exc:
                raise ExtractError(
                    f"Nhận dạng chữ (OCR) trang {number} của tệp {filename} không thành công."
                ) from exc
    return recognised


def _convert_legacy(layers: list[_Layer], warnings: list[str]) -> str:
    """A legacy encoding under a font name we do not know shows in the text of the whole file:
    detected on the text layers together, converted page by page."""
    if any(layer.legacy_converted for layer in layers):
        return "pdf"
    _, encoding = legacy.to_unicode("\n".join(layer.text for layer in layers if not layer.scanned))
    if not encoding:
        return "pdf"
    for layer in layers:
        if not layer.scanned:
            layer.text = legacy.convert_from(layer.text, encoding)
    warnings.append(converted_warning(encoding))
    return encoding


def _joined(
    layers: list[_Layer],
    recognised: dict[int, ocr.Recognised],
    encoding: str,
    warnings: list[str],
    filename: str,
) -> Decoded:
    texts, pages = [], []
    offset = 0
    for number, layer in enumerate(layers, 1):
        read_by_ocr = number in recognised and bool(recognised[number].text.strip())
        text = normalize_text(recognised[number].text if read_by_ocr else layer.text)
        confidence = recognised[number].confidence if read_by_ocr else None
        pages.append(Page(number, offset, offset + len(text), read_by_ocr, confidence))
        texts.append(text)
        offset += len(text) + 1
    if recognised and not any(page.ocr for page in pages) and not _has_text(layers):
        raise ExtractError(
            f"Tệp PDF {filename} là ảnh quét nhưng nhận dạng (OCR) không đọc được chữ nào; "
            "hãy kiểm tra bản quét (rõ nét, đúng chiều) rồi nạp lại."
        )
    return Decoded("\n".join(texts), encoding, warnings + _ocr_warnings(pages), tuple(pages))


def _ocr_warnings(pages: list[Page]) -> list[str]:
    read = [page for page in pages if page.ocr]
    if not read:
        return []
    where = "Văn bản" if len(read) == len(pages) else _pages([p.number for p in read]).capitalize()
    scores = [page.confidence for page in read if page.confidence is not None]
    mean = f" (độ tin cậy trung bình {sum(scores) / len(scores):.0f}%)" if scores else ""
    notes = [f"{where} nhận dạng từ ảnh quét (OCR), cần kiểm tra kỹ{mean}."]
    poor = [p.number for p in read if p.confidence is not None and p.confidence < _LOW_CONFIDENCE]
    if poor:
        notes.append(f"{_pages(poor).capitalize()} nhận dạng kém: hãy đối chiếu với ảnh trang.")
    return notes


def _seconds(value: float) -> str:
    return f"{value:g}".replace(".", ",")  # a decimal comma, as Vietnamese writes it


def _pages(numbers: list[int]) -> str:
    """'trang 2', 'trang 1–3, 5': consecutive pages as a range."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "trang " + ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
