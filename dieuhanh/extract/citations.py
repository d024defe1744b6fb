"""Cited documents: "Thực hiện Công văn số 977/UBND-NC ngày 21/5/2026 của UBND thành phố về ...".

Pure functions over text. The header stage uses the same small helpers (markup masking,
Vietnamese date phrases, whitespace-normalised document numbers), so they live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "Citation",
    "citations_in_masked",
    "find_citations",
    "mask_markup",
    "normalise_number",
    "parse_date_phrase",
]


@dataclass(frozen=True)
class Citation:
    """One document named in the text, with whatever the sentence says about it."""

    doc_type: str | None
    number: str | None
    date: date | None
    issuer: str | None
    subject: str | None
    text: str
    start: int
    end: int


_RULE_LINE = re.compile(r"^[ \t]*[-–_=]{3,}[ \t]*$", re.MULTILINE)


# Stars with a letter or digit on both sides (the look-behind, after the first star, checks the
# character before it; opening with the literal lets re skip to each star).
_STARS_IN_WORD = re.compile(r"\*(?<=[^\W_]\*)\**(?=[^\W_])")
_WORD_WITH_STARS = re.compile(r"(?:[^\W_]|\*)+")


def mask_markup(text: str) -> str:
    """Blank out converter markup (bold stars, table pipes, rule lines). Stars inside a word are
    first moved to its end, so that blanking them does not split it; every other offset is kept."""
    text = stars_out_of_words(text)
    for ch in "*|#\\":
        text = text.replace(ch, " ")
    return _RULE_LINE.sub(lambda m: " " * len(m.group()), text)


def stars_out_of_words(text: str) -> str:
    """Bold or italic stars that converters leave inside a word where the formatting changed
    ("phối **tr**ộn", "V****Ă****N PHÒNG") moved to the end of the word: "phối **trộn**"."""
    pieces = []
    last = 0
    for m in _STARS_IN_WORD.finditer(text):
        a, z = m.span()
        if a < last:
            continue
        rest = _WORD_WITH_STARS.match(text, z).group()
        letters = rest.replace("*", "")
        pieces += [text[last:a], letters, "*" * (z - a + len(rest) - len(letters))]
        last = z + len(rest)
    return "".join([*pieces, text[last:]])


def squash(text: str) -> str:
    """Collapse runs of whitespace to one space and trim."""
    return " ".join(text.split())


def normalise_number(raw: str) -> str:
    """ "08 /CV- UBND" → "08/CV-UBND": no whitespace inside a document number."""
    return "".join(raw.split())  # str.split() and \s agree on what whitespace is


# A day/month/year written as "21/5/2026", "21-5-2026", "21.5.2026" or "21 tháng 5 năm 2026".
_DATE_NUMERIC = r"(?P<d1>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m1>\d{1,2})\s*(?P=sep)\s*(?P<y1>\d{4})"
_DATE_WORDS = r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*,?\s+năm\s+(?P<y2>\d{4})"
DATE_PHRASE = rf"(?:{_DATE_NUMERIC}|{_DATE_WORDS})"
_DATE_RE = re.compile(DATE_PHRASE)


def safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the parts do not form one (31/02)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date_phrase(text: str) -> date | None:
    """The first complete day written in ``text`` ("21/5/2026", "15 tháng 5 năm 2026")."""
    m = _DATE_RE.search(text)
    if not m:
        return None
    if m.group("d1"):
        return safe_date(int(m.group("y1")), int(m.group("m1")), int(m.group("d1")))
    return safe_date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))


_NAMED = ("Luật", "Bộ luật", "Pháp lệnh")
# Types of documents as they are cited in running text; the longest names come first.
_TYPES = (
    "Chương trình hành động",
    "Chương trình công tác",
    "Văn bản hợp nhất",
    "Chương trình",
    "Công văn",
    "Văn bản",
    "Kế hoạch",
    "Quyết định",
    "Nghị quyết",
    "Nghị định",
    "Thông báo",
    "Thông tư liên tịch",
    "Thông tư",
    "Chỉ thị",
    "Công điện",
    "Báo cáo",
    "Tờ trình",
    "Hướng dẫn",
    "Đề án",
    "Kết luận",
    "Quy định",
    "Pháp lệnh",
    "Luật",
    "Bộ luật",
)
_TYPE_ALT = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in _TYPES if t not in _NAMED)
# "977/UBND-NC", "57-NQ/TW", "214/2025/NĐ-CP", "71/NQ -CP", "231/KH- UBND": separators may carry
# spaces (and a PDF line break), the parts are letters, digits, "&" and inner dots.
SYMBOL_PART = r"[^\W_][\w&]*(?:\.[^\W_][\w&]*)*"  # "UBND", "KH&CN", "V.I"
_SEP_GAP = r"[ \t]*(?:\n[ \t]*){0,2}"  # PDF text may put a blank line inside "231/KH- UBND"
NUMBER = rf"\d+[a-z]?(?:[ \t]*[/-]{_SEP_GAP}{SYMBOL_PART})+"
_NUMBER_RE = re.compile(NUMBER)
_GAP = r"[ \t]*\n?[ \t]*"  # whitespace with at most one line break
_DATE_IN_CITATION = DATE_PHRASE.replace("?P<", "?P<c_").replace("(?P=sep)", "(?P=c_sep)")

_TO_NUMBER = rf"{_GAP}(?:(?:số|Số){_GAP}:?{_GAP})?"  # between the type and the number
_CITATION = re.compile(
    rf"(?P<type>{_TYPE_ALT}){_TO_NUMBER}(?P<number>{NUMBER})"
    rf"(?:{_GAP},?{_GAP}ngày{_GAP}(?P<date>{_DATE_IN_CITATION}))?"
)
# A law or ordinance is cited by its name, then a number and/or a date.
_LAW = re.compile(
    rf"(?P<type>Bộ\s+luật|Luật|Pháp\s+lệnh)[ \t]+(?P<name>[A-ZĐÀ-Ỹ][^\n;:()]{{0,80}}?(?:\n[^\n;:()]{{0,80}}?)?)"
    rf"(?:{_GAP}(?:số|Số){_GAP}(?P<number>{NUMBER})(?:{_GAP},?{_GAP}ngày{_GAP}(?P<date>{_DATE_IN_CITATION}))?"
    rf"|{_GAP},?{_GAP}ngày{_GAP}(?P<date2>{_DATE_IN_CITATION.replace('?P<c_', '?P<l_').replace('?P=c_', '?P=l_')}))"
)

# After the number/date: "của <issuer>" then "về (việc) <subject>".
_ISSUER = re.compile(rf"{_GAP}của{_GAP}(?P<issuer>[A-ZĐÀ-Ỹ][^;()\n]*(?:\n(?![ \t]*\n)[^;()\n]*)?)")
_ISSUER_STOP_WORDS = (
    r"(?:về|ban\s+hành|quy\s+định|hướng\s+dẫn|phê\s+duyệt|triển\s+khai|thực\s+hiện|sửa\s+đổi|"
    r"tại|đã|đến|năm|thì|nay|cho|gửi|yêu|đề|giao|trong|theo|với|là|kết\s+luận|và\s+(?=[A-ZĐ][a-zđà-ỹ]+\s+[a-zđà-ỹ]+\s+số))\b"
)
_ISSUER_STOP = re.compile(rf"\s+{_ISSUER_STOP_WORDS}|,(?!\s*[A-ZĐÀ-Ỹ])|[.;:]|\s*\n\s*\n")
_SUBJECT = re.compile(rf"{_GAP},?{_GAP}(?P<lead>về\s+việc|về|V/v)[ \t]+(?P<subject>[^;]{{3,400}})")
_SUBJECT_PAREN = r"\((?:sau đây|gọi tắt|có\s|kèm)"
_SUBJECT_NEXT = r"(?:Căn\s+cứ|Thực\s+hiện)\b"
_SUBJECT_BODY = r",\s+(?:Ủy\s+ban|UBND|Sở|Bộ|Văn\s+phòng|Thường\s+trực|Ban)\s"
_SUBJECT_END = re.compile(rf";|\.(?:\s|$)|\s*{_SUBJECT_PAREN}|\n[ \t]*\n|\s+{_SUBJECT_NEXT}|{_SUBJECT_BODY}")
_TYPE_CASE = {t.lower(): t for t in _TYPES}


def _canonical_type(raw: str) -> str:
    name = squash(raw)
    return _TYPE_CASE.get(name.lower(), name)


def _cut(raw: str, stop: re.Pattern[str]) -> str:
    m = stop.search(raw)
    return (raw[: m.start()] if m else raw).rstrip(" \t\n,")


def _extend(masked: str, end: int) -> tuple[str | None, str | None, int]:
    """Issuer and subject written right after a cited number/date, and where they end."""
    issuer = subject = None
    im = _ISSUER.match(masked, end)
    if im:
        raw = _cut(im.group("issuer"), _ISSUER_STOP)
        if raw:
            issuer = squash(raw)[:120]
            end = im.start("issuer") + len(raw)
    sm = _SUBJECT.match(masked, end)
    if sm:
        raw = _cut(sm.group("subject"), _SUBJECT_END)
        if len(raw) >= 3:
            subject = squash(raw)
            end = sm.start("subject") + len(raw)
    return issuer, subject, end


def find_citations(text: str) -> list[Citation]:
    """Every document the text cites, in order, with number, date, issuer and subject."""
    return citations_in_masked(mask_markup(text))


def _word_start(masked: str, pos: int) -> bool:
    return pos == 0 or not masked[pos - 1].isalnum()


def citations_in_masked(masked: str) -> list[Citation]:
    """``find_citations`` over text whose markup is already blanked (offsets unchanged)."""
    found: list[Citation] = []
    for m in _CITATION.finditer(masked):
        if not _word_start(masked, m.start()):
            continue
        issuer, subject, end = _extend(masked, m.end())
        found.append(
            Citation(
                doc_type=_canonical_type(m.group("type")),
                number=normalise_number(m.group("number")),
                date=parse_date_phrase(m.group("date")) if m.group("date") else None,
                issuer=issuer,
                subject=subject,
                text=squash(masked[m.start() : end]),
                start=m.start(),
                end=end,
            )
        )
    for m in _LAW.finditer(masked):
        if not _word_start(masked, m.start()):
            continue
        issuer, subject, end = _extend(masked, m.end())
        when = m.group("date") or m.group("date2")
        found.append(
            Citation(
                doc_type=_canonical_type(m.group("type")),
                number=normalise_number(m.group("number")) if m.group("number") else None,
                date=parse_date_phrase(when) if when else None,
                issuer=issuer,
                subject=subject or squash(m.group("name")),
                text=squash(masked[m.start() : end]),
                start=m.start(),
                end=end,
            )
        )
    found.sort(key=lambda c: c.start)
    return found
