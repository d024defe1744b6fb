"""Split a document's text into plain and highlighted pieces for the task spans (no HTML built here)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str
    anchor: str
    link: str = ""


@dataclass(frozen=True)
class Piece:
    text: str
    span: Span | None = None


def pieces(text: str, spans: list[Span]) -> list[Piece]:
    """The text cut at the spans, in order; a span overlapping an earlier one is left out."""
    out, pos = [], 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = max(span.start, pos), min(span.end, len(text))
        if start >= end or span.start < pos:
            continue
        if start > pos:
            out.append(Piece(text[pos:start]))
        out.append(Piece(text[start:end], span))
        pos = end
    if pos < len(text):
        out.append(Piece(text[pos:]))
    return out
