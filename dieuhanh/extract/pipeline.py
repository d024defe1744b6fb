"""The extraction pipeline: load → normalise → header → structure → tasks → deadlines → units.

``extract(text)`` returns an ``Extraction`` of frozen dataclasses. Every span
points into the text it was given, and every field carries the Vietnamese
reason the review page shows next to it.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import chain

from dieuhanh.extract.citations import Citation
from dieuhanh.extract.header import Header, parse_header
from dieuhanh.extract.indicators import Indicator, find_indicators
from dieuhanh.extract.normalize import CleanText, Line, split_lines
from dieuhanh.extract.structure import build_tree, is_title
from dieuhanh.extract.tables import Table, find_line_tables
from dieuhanh.extract.tasks import DocInfo, DraftTask, build_tasks
from dieuhanh.extract.units import UnitDirectory
from dieuhanh.vn.deadlines import Deadline

_SUMMARY_WORDS = 22
_NOT_ADDRESSEE = re.compile(
    r"^(?:Như\b|Lưu\b|Lãnh đạo|Chủ tịch|Các PCT|CT,|TT\b|Thường trực|Bộ trưởng \()", re.IGNORECASE
)


@dataclass(frozen=True)
class DocumentInfo:
    """Header facts of the document (None where the document leaves a field blank)."""

    number: str | None
    symbol: str | None
    doc_type: str
    issuer: str | None
    parent_issuer: str | None
    place: str | None
    date: date | None
    month: int | None  # kept when the day is blank ("ngày   tháng 6 năm 2026")
    year: int | None
    subject: str | None
    recipients: tuple[str, ...]
    signing_authority: str | None
    signing_for: str | None
    signer_title: str | None
    signer: str | None
    confidentiality: str
    urgency: str
    citations: tuple[Citation, ...]
    reasons: dict[str, str]


@dataclass(frozen=True)
class ExtractedTask:
    """One duty for one unit, as found in the text."""

    text: str
    summary: str
    lead: str
    lead_unit_id: int | None
    lead_confidence: float
    coordinators: tuple[str, ...]
    coordinator_unit_ids: tuple[int | None, ...]
    deadline: Deadline
    target: str | None
    budget_million_vnd: Decimal | None
    funding_source: str | None
    fan_out: bool
    span: tuple[int, int]
    section: tuple[str, ...]
    reasons: dict[str, str]


@dataclass(frozen=True)
class DroppedPassage:
    """A passage that reads like a duty but was not proposed, and why (in Vietnamese)."""

    text: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    document: DocumentInfo
    tasks: tuple[ExtractedTask, ...]
    indicators: tuple[Indicator, ...]
    unknown_units: tuple[str, ...]
    warnings: tuple[str, ...]
    dropped: tuple[DroppedPassage, ...] = ()


def _document(h: Header) -> DocumentInfo:
    return DocumentInfo(
        number=h.number,
        symbol=h.symbol,
        doc_type=h.doc_type,
        issuer=h.issuer,
        parent_issuer=h.parent_issuer,
        place=h.place,
        date=h.date,
        month=h.month,
        year=h.year,
        subject=h.subject,
        recipients=h.recipients,
        signing_authority=h.signing_authority,
        signing_for=h.signing_for,
        signer_title=h.signer_title,
        signer=h.signer,
        confidentiality=h.confidentiality,
        urgency=h.urgency,
        citations=h.citations,
        reasons=dict(h.reasons),
    )


def _addressees(recipients: tuple[str, ...]) -> tuple[str, ...]:
    """The "Kính gửi" part of the recipients: the header lists "Nơi nhận" after it."""
    out = []
    for r in recipients:
        if _NOT_ADDRESSEE.match(r.strip(" -")):
            break
        out.append(r)
    return tuple(out)


def body_elements(text: str, start: int, end: int) -> list[Line | Table]:
    """Clean lines and tables of the body, in order; the closing (signature, Nơi nhận) is left out."""
    clean = CleanText(*split_lines(text, start))
    texts = clean.texts
    n = len(texts)
    # The closing runs from the first line at or after ``end`` to the next title (an appendix).
    skip_from = bisect_left(clean.starts, end)
    skip_to = next((i for i in range(skip_from, n) if is_title(texts[i])), n)
    elements: list[Line | Table] = []
    at = 0  # the first line not yet taken
    # Tables come in order without overlapping (``find_line_tables``): the lines between two tables,
    # less those of the closing, are one run of paragraphs.
    for first, last, table in [*find_line_tables(clean), (n, n, None)]:
        kept = chain(range(at, min(first, skip_from)), range(max(at, skip_to), first))
        elements.extend(clean.paragraphs(kept))
        if table is not None and not (skip_from <= first < skip_to):
            elements.append(table)
        at = last
    return elements


def _summary(text: str) -> str:
    # Split off one word more than shown: the rest of the text is then one piece (not split).
    words = text.split(maxsplit=_SUMMARY_WORDS)
    short = " ".join(words[:_SUMMARY_WORDS])
    return short + ("…" if len(words) > _SUMMARY_WORDS else "")


def _task(d: DraftTask, directory: UnitDirectory | None, unknown: list[str]) -> ExtractedTask:
    reasons = dict(d.reasons)
    if directory is None:
        # No directory to resolve against: every unit is unresolved, as ``Resolution`` would say.
        lead_id, lead_confidence, coord_ids = None, 0.0, (None,) * len(d.coordinators)
    else:
        lead = directory.resolve(d.lead)
        coords = [directory.resolve(c) for c in d.coordinators]
        for r, name in ((lead, d.lead), *zip(coords, d.coordinators, strict=True)):
            if r.unit_id is None and name not in unknown:
                unknown.append(name)
        reasons["lead_unit"] = lead.reason
        lead_id, lead_confidence, coord_ids = lead.unit_id, lead.confidence, tuple(r.unit_id for r in coords)
    span = d.span or d.line.span()
    return ExtractedTask(
        text=d.line.text,
        summary=_summary(d.line.text),
        lead=d.lead,
        lead_unit_id=lead_id,
        lead_confidence=lead_confidence,
        coordinators=tuple(d.coordinators),
        coordinator_unit_ids=coord_ids,
        deadline=d.deadline,
        target=d.target,
        budget_million_vnd=d.budget,
        funding_source=d.funding_source,
        fan_out=d.fan_out,
        span=span,
        section=d.section,
        reasons=reasons,
    )


def extract(text: str, directory: UnitDirectory | None = None) -> Extraction:
    """Extract the header, tasks and indicators of one directive."""
    header = parse_header(text)
    elements = body_elements(text, header.body_start, header.body_end)
    tree = build_tree(elements)
    addressed = (header.reasons.get("recipients") or "").startswith("Danh sách sau")
    doc = DocInfo(
        header.doc_type,
        header.date,
        _addressees(header.recipients) if addressed else (),
        header.subject,
        header.issuer,
    )
    drafts, left_out = build_tasks(tree, doc)
    unknown: list[str] = []
    tasks = tuple(_task(d, directory, unknown) for d in drafts)
    dropped = tuple(DroppedPassage(line.text, *line.span(), reason) for line, reason in left_out)
    warnings = []
    if not tasks:
        warnings.append("Không tìm thấy nhiệm vụ nào giao cho đơn vị trong văn bản.")
    return Extraction(
        document=_document(header),
        tasks=tasks,
        indicators=tuple(find_indicators(text)),
        unknown_units=tuple(unknown),
        warnings=tuple(warnings),
        dropped=dropped,
    )


def extract_path(path: str | os.PathLike[str], directory: UnitDirectory | None = None) -> Extraction:
    """Load a file (txt, docx, pdf …) and extract it; loader warnings are kept."""
    from dieuhanh.extract.load import load_path

    loaded = load_path(path)
    result = extract(loaded.text, directory)
    if loaded.warnings:
        return Extraction(
            result.document,
            result.tasks,
            result.indicators,
            result.unknown_units,
            (*loaded.warnings, *result.warnings),
            result.dropped,
        )
    return result
