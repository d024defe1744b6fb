"""``parse_header``: the rules of the header stage, in order."""

from __future__ import annotations

import re
from collections import Counter

from dieuhanh.extract.citations import citations_in_masked, mask_markup
from dieuhanh.extract.header.caps import restore_capitals
from dieuhanh.extract.header.issuer import fallback_issuer, recase_issuer
from dieuhanh.extract.header.model import PUBLIC_FIELDS, Findings, Header
from dieuhanh.extract.header.numbers import read_caption
from dieuhanh.extract.header.page_info import find_page_info, read_page_info
from dieuhanh.extract.header.recase import recase_from_document
from dieuhanh.extract.header.signature import parse_closing
from dieuhanh.extract.header.text import blank
from dieuhanh.extract.header.top import parse_top
from dieuhanh.extract.header.vocabulary import SYMBOL_TYPES


def parse_header(text: str) -> Header:
    """Read the header and closing of a directive; every value that was found has a reason."""
    text, masked = restore_capitals(text, mask_markup(text))
    found = Findings()
    info = find_page_info(masked)
    opening = info if info is not None and not masked[: info.start].strip() else None
    if opening:
        # The block opens a page that lost its header: the document starts after it.
        masked = blank(masked, [(opening.start, opening.end)])
    body_start = parse_top(text, masked, found)
    if opening:
        body_start = max(body_start, opening.end)
    body_end = parse_closing(text, masked, body_start, found)
    if body_end < body_start:
        body_end = len(text)
    read_caption(masked, found)
    recase_issuer(found)
    fallback_issuer(found, masked, body_start, body_end)
    if info:  # the page's own notes come last: the document's text names itself first
        read_page_info(found, info)
    subject = found.get("subject")
    if isinstance(subject, str) and found.get("subject_in_capitals"):
        found.values["subject"] = recase_from_document(subject, masked)
    doc_type = _doc_type(found, masked)
    v = found.values
    return Header(
        issuer=v.get("issuer"),  # type: ignore[arg-type]
        parent_issuer=v.get("parent_issuer"),  # type: ignore[arg-type]
        number=v.get("number"),  # type: ignore[arg-type]
        symbol=v.get("symbol"),  # type: ignore[arg-type]
        doc_type=doc_type,
        place=v.get("place"),  # type: ignore[arg-type]
        date=v.get("date"),  # type: ignore[arg-type]
        month=v.get("month"),  # type: ignore[arg-type]
        year=v.get("year"),  # type: ignore[arg-type]
        subject=v.get("subject"),  # type: ignore[arg-type]
        recipients=tuple(dict.fromkeys(v.get("recipients") or [])),  # type: ignore[arg-type]
        signing_authority=v.get("signing_authority"),  # type: ignore[arg-type]
        signing_for=v.get("signing_for"),  # type: ignore[arg-type]
        signer_title=v.get("signer_title"),  # type: ignore[arg-type]
        signer=v.get("signer"),  # type: ignore[arg-type]
        confidentiality=str(v.get("confidentiality", "thường")),
        urgency=str(v.get("urgency", "thường")),
        citations=tuple(citations_in_masked(masked)),
        body_start=body_start,
        body_end=body_end,
        reasons={k: r for k, r in found.reasons.items() if k in PUBLIC_FIELDS},
    )


# The document naming itself in its body: "Quyết định này có hiệu lực …", "… theo Kế hoạch này".
_SELF_TYPE = re.compile(
    r"\b(Quyết định|Kế hoạch|Công văn|Thông báo|Chỉ thị|Công điện|Hướng dẫn|Kết luận) này\b"
)


def _doc_type(found: Findings, masked: str) -> str:
    """The title line's type, else the caption's, else a "V/v" subject (a công văn), else the code
    that opens the symbol ("KH"), else a "Kính gửi" list (a công văn), else the type the body calls
    itself ("Quyết định này")."""
    doc_type = found.get("doc_type")
    if isinstance(doc_type, str):
        return doc_type
    symbol = found.get("symbol")
    # The first part with letters: "QĐ" of "2025/QĐ-UBND".
    code = next((p for p in re.split(r"[-/]", str(symbol or "")) if not p.isdigit()), "")
    caption_type = found.get("caption_type")
    if isinstance(caption_type, str) and "number" in found.reasons:
        found.reasons["doc_type"] = "Loại văn bản trong chú thích phụ lục"
        return caption_type
    if found.get("vv_layout"):
        found.reasons["doc_type"] = "Trình bày «V/v» của công văn"
        return "Công văn"
    if code in SYMBOL_TYPES:
        found.reasons["doc_type"] = f"Ký hiệu văn bản mở đầu bằng «{code}»"
        return SYMBOL_TYPES[code]
    if found.get("kinh_gui"):
        found.reasons["doc_type"] = "Không có tên loại văn bản, mở đầu bằng «Kính gửi»: công văn"
        return "Công văn"
    named = Counter(m.group(1) for m in _SELF_TYPE.finditer(masked))
    if named:
        self_type = named.most_common(1)[0][0]
        found.reasons["doc_type"] = f"Văn bản tự gọi mình là «{self_type} này»"
        return self_type
    found.reasons["doc_type"] = "Không có tên loại văn bản (trình bày V/v): công văn"
    return "Công văn"
