"""Registering a document: store the original, its text and header, refuse duplicates, link citations.

The original file is written inside the transaction that creates its row, at
a path made from the text's hash and the file name. A process killed between
the two (kill -9, power cut) leaves a file no row points to; importing the
same file again takes that file over instead of writing a second copy, and
`remove_orphan_originals` deletes the ones nobody imports again.
"""

import datetime
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q

from dieuhanh.documents.hashing import text_hash
from dieuhanh.documents.models import Citation, Document
from dieuhanh.extract.citations import Citation as CitedDocument
from dieuhanh.extract.errors import ExtractError
from dieuhanh.extract.load import load_bytes
from dieuhanh.extract.pipeline import DocumentInfo
from dieuhanh.org.models import Unit


class DocumentError(Exception):
    """A document that cannot be registered; the message is for the user, in Vietnamese."""

    def __init__(self, message: str, existing: Document | None = None):
        super().__init__(message)
        self.existing = existing


class DuplicateDocument(DocumentError):
    """The registry already holds this document (`existing`); who may be told which one is the
    caller's decision, so the message names nothing."""

    def __init__(self, existing: Document):
        super().__init__("Văn bản này đã có trong sổ văn bản, không nhập lại.", existing)


@dataclass(frozen=True)
class LoadedDocument:
    text: str
    content_hash: str
    pages: tuple[dict, ...] = ()  # a PDF's pages, as stored in Document.pages
    warnings: tuple[str, ...] = ()  # what the reader noticed (e.g. text recognised by OCR)


def read_document(data: bytes, filename: str) -> LoadedDocument:
    try:
        loaded = load_bytes(data, filename)
    except ExtractError as exc:
        raise DocumentError(str(exc)) from None
    pages = tuple(
        {"number": p.number, "start": p.start, "end": p.end, "ocr": p.ocr, "confidence": p.confidence}
        for p in loaded.pages
    )
    return LoadedDocument(loaded.text, text_hash(normalised_for_hash(loaded.text)), pages, loaded.warnings)


def normalised_for_hash(text: str) -> str:
    """The same document typed with other line breaks or spacing hashes the same."""
    return " ".join(text.split())


def split_number(number_symbol: str | None) -> tuple[str, str]:
    if not number_symbol:
        return "", ""
    number, _, symbol = number_symbol.partition("/")
    return number.strip(), symbol.strip()


def find_duplicate(owner: Unit, content_hash: str, info: DocumentInfo | None = None) -> Document | None:
    """The document of `owner`'s registry with the same text, or the same number, symbol, issuer and
    date as the header `info` (when given)."""
    same = Document.objects.filter(owner=owner)
    found = same.filter(content_hash=content_hash).first()
    if found is not None or info is None:
        return found
    number, symbol = split_number(info.number)
    if number and info.date:
        return same.filter(
            number=number, symbol=symbol, issuer=info.issuer or "", issued_date=info.date
        ).first()
    return None


def document_fields(info: DocumentInfo) -> dict:
    number, symbol = split_number(info.number)
    if not symbol and info.symbol:
        symbol = info.symbol
    return {
        "number": number,
        "symbol": symbol or "",
        "doc_type": info.doc_type or "Công văn",
        "issuer": info.issuer or "",
        "parent_issuer": info.parent_issuer or "",
        "place": info.place or "",
        "issued_date": info.date,
        "issued_month": info.month,
        "issued_year": info.year,
        "subject": info.subject or "",
        "signer": info.signer or "",
        "signing_authority": info.signing_authority or "",
        "signer_title": info.signer_title or "",
        "recipients": list(info.recipients),
        "confidentiality": info.confidentiality or "thường",
        "urgency": info.urgency or "thường",
    }


@transaction.atomic
def register_document(
    *,
    owner: Unit,
    data: bytes,
    filename: str,
    loaded: LoadedDocument,
    info: DocumentInfo,
    extraction: dict | None = None,
    actor=None,
) -> Document:
    """Store a new document for `owner` with the header extraction read (`info`); raises
    DuplicateDocument when the registry already holds it."""
    existing = find_duplicate(owner, loaded.content_hash, info)
    if existing is not None:
        raise DuplicateDocument(existing)
    document = Document(
        owner=owner,
        text=loaded.text,
        content_hash=loaded.content_hash,
        pages=list(loaded.pages),
        original_name=filename,
        created_by=actor,
        extraction=extraction,
        **document_fields(info),
    )
    name = document.original_file.field.generate_filename(document, filename)
    storage = document.original_file.storage
    if storage.exists(name) and _same_content(storage, name, data):
        document.original_file.name = name  # left by an import killed before its commit
    else:
        if storage.exists(name) and not Document.objects.filter(original_file=name).exists():
            # No document holds this file: a killed import was still writing it. Replaced, or it
            # would stay behind as an orphan beside the copy written now.
            storage.delete(name)
        document.original_file.save(filename, ContentFile(data), save=False)
    document.save()
    link_citations(document, info.citations)
    return document


def _same_content(storage, name: str, data: bytes) -> bool:
    with storage.open(name, "rb") as f:
        return f.read(len(data) + 1) == data


ORIGINALS_DIR = "documents"


def remove_orphan_originals(older_than: datetime.timedelta = datetime.timedelta(hours=1)) -> int:
    """Delete original files no document points to, once older than `older_than`.

    The age spares the file of an import whose transaction is still open
    (a few seconds at most). Returns how many files were deleted.
    """
    root = Path(Document._meta.get_field("original_file").storage.path(ORIGINALS_DIR))
    if not root.is_dir():
        return 0
    media = root.parent
    kept = set(Document.objects.exclude(original_file="").values_list("original_file", flat=True))
    limit = time.time() - older_than.total_seconds()
    removed = 0
    for path in root.rglob("*"):
        if path.is_file() and path.relative_to(media).as_posix() not in kept and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def link_citations(document: Document, citations: tuple[CitedDocument, ...]) -> None:
    """Record what the document cites and link, both ways, to documents already in the registry."""
    for cited in citations:
        target = registry_match(document, cited.number, cited.date)
        Citation.objects.create(
            document=document,
            cited_document=target,
            text=cited.text[:2000],
            doc_type=cited.doc_type or "",
            number=cited.number or "",
            date=cited.date,
            issuer=cited.issuer or "",
        )
    if document.number:
        waiting = Citation.objects.filter(cited_document__isnull=True, number__iexact=document.number_symbol)
        if document.issued_date:
            waiting = waiting.filter(Q(date__isnull=True) | Q(date=document.issued_date))
        waiting.exclude(document=document).update(cited_document=document)


def registry_match(document: Document, number_symbol: str | None, date) -> Document | None:
    number, symbol = split_number(number_symbol)
    if not number or not symbol:
        return None
    found = Document.objects.filter(number=number, symbol__iexact=symbol).exclude(pk=document.pk)
    if date:
        found = found.filter(issued_date=date)
    return found.order_by("id").first()
