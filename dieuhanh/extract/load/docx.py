""".docx files: paragraphs, tables and emphasis in body order, legacy TCVN3/VNI font runs
converted to Unicode."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import NamedTuple

from dieuhanh.extract import legacy
from dieuhanh.extract.load.limits import check_zip_sizes
from dieuhanh.extract.load.result import Decoded
from dieuhanh.extract.load.text import converted_warning, with_legacy

CORRUPT = "Tệp {name} bị hỏng hoặc không đầy đủ (không mở được như tệp .docx)."

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(data: bytes, filename: str) -> Decoded:
    """Paragraphs apart by a blank line (a paragraph of Word is never a wrapped line), a line
    break inside one as a line break, tables as ``| cell | cell |`` rows, bold and italic runs
    marked ``**bold**`` and ``*italic*`` as in the text of converted web pages."""
    import docx

    check_zip_sizes(data, filename)
    document = docx.Document(io.BytesIO(data))
    runs = _DocxRuns(document)
    blocks: list[str] = []
    for element in _body_blocks(document.element.body):
        if element.tag == f"{_W}p":
            blocks.append(runs.paragraph_text(element))
        else:
            blocks.append("\n".join(_table_lines(element, runs)))
    text = "\n\n".join(blocks)
    if not runs.converted:
        return with_legacy(text, "docx", [])  # a legacy font under a name we do not know
    return Decoded(text, "docx", [converted_warning(enc, font) for enc, font in runs.converted.items()])


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
