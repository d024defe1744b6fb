"""What the header stage returns, and the notebook its rules write into."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dieuhanh.extract.citations import Citation


@dataclass(frozen=True)
class Header:
    """The facts of a directive's header and closing; None where the document leaves one blank."""

    issuer: str | None
    parent_issuer: str | None
    number: str | None
    symbol: str | None
    doc_type: str
    place: str | None
    date: date | None
    month: int | None
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
    body_start: int
    body_end: int
    reasons: dict[str, str] = field(default_factory=dict)


# The fields of ``Header`` that carry a reason; the notebook also keeps working notes.
PUBLIC_FIELDS = frozenset(
    {
        "issuer",
        "parent_issuer",
        "number",
        "symbol",
        "doc_type",
        "place",
        "date",
        "month",
        "year",
        "subject",
        "recipients",
        "signing_authority",
        "signing_for",
        "signer_title",
        "signer",
        "confidentiality",
        "urgency",
    }
)


class Findings:
    """Values and their Vietnamese reasons, collected while the rules run. The first rule to
    find a value wins: later rules only fill what is still missing."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}
        self.reasons: dict[str, str] = {}

    def set(self, name: str, value: object, reason: str) -> None:
        if value is None or name in self.values:
            return
        self.values[name] = value
        self.reasons[name] = reason

    def get(self, name: str, default: object = None) -> object:
        return self.values.get(name, default)

    def has(self, name: str) -> bool:
        """Whether the value was found, or a rule saw it left blank (a draft's "Số: /UBND")."""
        return name in self.values or name in self.reasons
