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

from dieuhanh.core.templatetags.dieuhanh import doclabel
from dieuhanh.documents.hashing import text_hash
from dieuhanh.documents.models import Citation, Document
from dieuhanh.extract.errors import ExtractError
from dieuhanh.extract.header import Header, parse_header
from dieuhanh.extract.load import load_bytes
from dieuhanh.org.access import Access
from dieuhanh.org.models import Unit
from dieuhanh.tasks.access import visible_documents


class DocumentError(Exception):
    """A document that cannot be registered; the message is for the user, in Vietnamese."""

    def __init__(self, message: str, existing: Document | None = None):
        super().__init__(message)
        self.existing = existing


@dataclass(frozen=True)
class LoadedDocument:
    text: str
    header: Header
    content_hash: str


def read_document(data: bytes, filename: str) -> LoadedDocument:
    try:
        loaded = load_bytes(data, filename)
    except ExtractError as exc:
        raise DocumentError(str(exc)) from None
    return LoadedDocument(loaded.text, parse_header(loaded.text), text_hash(normalised_for_hash(loaded.text)))


def normalised_for_hash(text: str) -> str:
    """The same document typed with other line breaks or spacing hashes the same."""
    return " ".join(text.split())


def split_number(number_symbol: str | None) -> tuple[str, str]:
    if not number_symbol:
        return "", ""
    number, _, symbol = number_symbol.partition("/")
    return number.strip(), symbol.strip()


def find_duplicate(owner: Unit, loaded: LoadedDocument) -> Document | None:
    same = Document.objects.filter(owner=owner)
    found = same.filter(content_hash=loaded.content_hash).first()
    if found is not None:
        return found
    h = loaded.header
    number, symbol = split_number(h.number)
    if number and h.date:
        return same.filter(number=number, symbol=symbol, issuer=h.issuer or "", issued_date=h.date).first()
    return None


def duplicate_error(existing: Document, actor) -> DocumentError:
    """The refusal of a document already registered, naming it only to someone who may see it.

    A person not named on a confidential document learns only that it exists and whom to ask:
    no number, subject, id or link (`existing` is left out too, so no page links to it).
    `actor` None is the system itself (the command line without --user).
    """
    if actor is not None and not visible_documents(Access.of(actor)).filter(pk=existing.pk).exists():
        owner = existing.owner.name
        return DocumentError(
            f"Văn bản này đã có trong sổ văn bản của {owner} nên không nhập lại. Bạn chưa được phân "
            f"quyền xem văn bản đó; nếu cần, hãy liên hệ bộ phận văn thư, theo dõi văn bản của {owner}."
        )
    return DocumentError(
        f"Văn bản này đã có trong sổ văn bản: “{doclabel(existing, 200)}” (mã {existing.pk}, nhập ngày "
        f"{existing.created_at:%d/%m/%Y}). Không nhập lại.",
        existing=existing,
    )


def document_fields(header: Header) -> dict:
    number, symbol = split_number(header.number)
    if not symbol and header.symbol:
        symbol = header.symbol
    return {
        "number": number,
        "symbol": symbol or "",
        "doc_type": header.doc_type or "Công văn",
        "issuer": header.issuer or "",
        "parent_issuer": header.parent_issuer or "",
        "place": header.place or "",
        "issued_date": header.date,
        "issued_month": header.month,
        "issued_year": header.year,
        "subject": header.subject or "",
        "signer": header.signer or "",
        "signing_authority": header.signing_authority or "",
        "signer_title": header.signer_title or "",
        "recipients": list(header.recipients),
        "confidentiality": header.confidentiality or "thường",
        "urgency": header.urgency or "thường",
    }


@transaction.atomic
def register_document(
    *,
    owner: Unit,
    data: bytes,
    filename: str,
    actor=None,
    extraction: dict | None = None,
    loaded: LoadedDocument | None = None,
) -> Document:
    """Store a new document for `owner`; raises DocumentError for unreadable input or a duplicate."""
    loaded = loaded or read_document(data, filename)
    existing = find_duplicate(owner, loaded)
    if existing is not None:
        raise duplicate_error(existing, actor)
    document = Document(
        owner=owner,
        text=loaded.text,
        content_hash=loaded.content_hash,
        original_name=filename,
        created_by=actor,
        extraction=extraction,
        **document_fields(loaded.header),
    )
    name = document.original_file.field.generate_filename(document, filename)
    storage = document.original_file.storage
    if storage.exists(name) and _same_content(storage, name, data):
        document.original_file.name = name  # left by an import killed before its commit
    else:
        document.original_file.save(filename, ContentFile(data), save=False)
    document.save()
    link_citations(document, loaded.header)
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


def link_citations(document: Document, header: Header) -> None:
    """Record what the document cites and link, both ways, to documents already in the registry."""
    for cited in header.citations:
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
