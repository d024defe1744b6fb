"""What loading gives: the text, how it was read, and for a PDF where each page's text sits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class Page:
    """One page of a PDF. ``text[start:end]`` of the loaded text is what was read on it."""

    number: int  # 1-based, as a reader counts pages
    start: int
    end: int
    ocr: bool  # read by OCR from the page's image, not from a text layer
    confidence: float | None = None  # Tesseract's mean word confidence (0–100) on an OCR page


@dataclass(frozen=True)
class LoadedText:
    """A document's text, ready for the header/structure/task stages."""

    text: str  # NFC Unicode, '\n' line ends
    format: str  # "txt" | "docx" | "pdf" | "doc"
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "tcvn3", "vni", "docx", "pdf", ...
    warnings: tuple[str, ...] = ()  # Vietnamese notes for the user
    pages: tuple[Page, ...] = ()  # a PDF's pages, in order; empty for other formats

    @property
    def ocr(self) -> bool:
        """Whether any of the text was recognised from scanned images: a person must check it."""
        return any(page.ocr for page in self.pages)

    @property
    def ocr_pages(self) -> tuple[int, ...]:
        """The numbers of the pages read by OCR."""
        return tuple(page.number for page in self.pages if page.ocr)


class Decoded(NamedTuple):
    """What a format's reader found, before the text is normalised."""

    text: str
    encoding: str
    warnings: list[str]
    pages: tuple[Page, ...] = ()
