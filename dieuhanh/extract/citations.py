"""Cited documents: "Thực hiện Công văn số 977/UBND-NC ngày 21/5/2026 của UBND thành phố về ...".

Pure functions over text. The header stage uses the same small helpers (markup masking,
Vietnamese date phrases, whitespace-normalised document numbers), so they live here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
_RULE_CHARS = "-–_="
_RULE_CHARS_SET = frozenset(_RULE_CHARS)


def mask_markup(text: str) -> str:
    """Blank out converter markup (bold stars, table pipes, rule lines) keeping every offset."""
    for ch in "*|#\\":
        if ch in text:
            text = text.replace(ch, " ")
    spans = _rule_line_spans(text)
    if not spans:
        return text
    out = []
    last = 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(" " * (end - start))
        last = end
    out.append(text[last:])
    return "".join(out)


def _rule_line_spans(text: str) -> list[tuple[int, int]]:
    """The lines ``_RULE_LINE`` matches, in order, without its scan: ``_RULE_LINE.sub`` tries "^" at
    every character. A rule line holds rule characters only, besides blanks at its ends, three or
    more in a row: each occurrence of a rule character (``str.find``, fast on a character) with a
    rule character next to it has its line checked; the search goes on after that line."""
    spans = set()
    for ch in _RULE_CHARS:
        i = text.find(ch)
        while i >= 0:
            if text[i + 1 : i + 2] not in _RULE_CHARS_SET and text[i - 1 : i] not in _RULE_CHARS_SET:
                i = text.find(ch, i + 1)  # alone: not in a run of three
                continue
            start = text.rfind("\n", 0, i) + 1
            end = text.find("\n", i)
            if end < 0:
                end = len(text)
            core = text[start:end].strip(" \t")
            if len(core) >= 3 and not core.strip(_RULE_CHARS):
                spans.add((start, end))
            i = text.find(ch, end)
    return sorted(spans)


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
# spaces (and a PDF line break), the parts are letters, digits and "&".
_PART = r"[^\W_][\w&]*"
_SEP_GAP = r"[ \t]*(?:\n[ \t]*){0,2}"  # PDF text may put a blank line inside "231/KH- UBND"
NUMBER = rf"\d+[a-z]?(?:[ \t]*[/-]{_SEP_GAP}{_PART})+"
_NUMBER_RE = re.compile(NUMBER)
_GAP = r"[ \t]*\n?[ \t]*"  # whitespace with at most one line break
_DATE_IN_CITATION = DATE_PHRASE.replace("?P<", "?P<c_").replace("(?P=sep)", "(?P=c_sep)")

_TO_NUMBER = rf"{_GAP}(?:(?:số|Số){_GAP}:?{_GAP})?"  # between the type and the number
_CITATION = re.compile(
    rf"(?P<type>{_TYPE_ALT}){_TO_NUMBER}(?P<number>{NUMBER})"
    rf"(?:{_GAP},?{_GAP}ngày{_GAP}(?P<date>{_DATE_IN_CITATION}))?"
)
# ``_CITATION`` opens on an alternation, so a scan tries it at every capital letter. Its number is
# rarer: a run of digits, then a separator (``_number_starts``). Nothing before the number is a
# digit, so a citation starts in the run of characters that a type and "số:" are written with
# (``_NOT_PREFIX`` finds where that run begins) before such a number, and ``_TYPE_BEFORE_NUMBER``
# (the citation up to its number, ending where the region ends) finds the start there.
_PREFIX_LETTERS = "".join(sorted({*"".join(t for t in _TYPES if t not in _NAMED), *"sốS:"} - {" "}))
_NOT_PREFIX = re.compile(rf"[^\s{re.escape(_PREFIX_LETTERS)}]")
_TYPE_BEFORE_NUMBER = re.compile(rf"(?:{_TYPE_ALT}){_TO_NUMBER}\Z")
# A law or ordinance is cited by its name, then a number and/or a date.
# The name is lazy: after each of its characters the rest is tried. The rest opens on a blank, a
# comma, "số"/"Số" or "ngày": the look-ahead for those first characters turns most tries down at
# once (it only restates what the rest requires, so the matches are the same).
_LAW_REST_OPENING = r"(?=[ \t\n,sSn])"
_LAW = re.compile(
    rf"(?P<type>Bộ\s+luật|Luật|Pháp\s+lệnh)[ \t]+(?P<name>[A-ZĐÀ-Ỹ][^\n;:()]{{0,80}}?(?:\n[^\n;:()]{{0,80}}?)?)"
    rf"{_LAW_REST_OPENING}(?:{_GAP}(?:số|Số){_GAP}(?P<number>{NUMBER})(?:{_GAP},?{_GAP}ngày{_GAP}(?P<date>{_DATE_IN_CITATION}))?"
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
# Only where a stop begins matters (``_cut``). Written as above, each pattern is tried at every
# position; the same stops written as "one character of the class every stop opens with, then
# what may follow that character" match at the same places, and the engine skips to that class.
_ISSUER_STOP_START = re.compile(
    r"[\s,.;:](?:(?<=[.;:])|(?<=,)(?!\s*[A-ZĐÀ-Ỹ])"
    rf"|(?<=\s)\s*{_ISSUER_STOP_WORDS}|(?<=\s)\s*\n\s*\n|(?<=\n)\s*\n)"
)
_SUBJECT_END_START = re.compile(
    rf"[\s;.(,](?:(?<=;)|(?<=\.)(?:\s|$)|(?<=\(){_SUBJECT_PAREN[2:]}|(?<=\s)\s*{_SUBJECT_PAREN}"
    rf"|(?<=\n)[ \t]*\n|(?<=\s)\s*{_SUBJECT_NEXT}|(?<=,){_SUBJECT_BODY[1:]})"
)
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
        raw = _cut(im.group("issuer"), _ISSUER_STOP_START)
        if raw:
            issuer = squash(raw)[:120]
            end = im.start("issuer") + len(raw)
    sm = _SUBJECT.match(masked, end)
    if sm:
        raw = _cut(sm.group("subject"), _SUBJECT_END_START)
        if len(raw) >= 3:
            subject = squash(raw)
            end = sm.start("subject") + len(raw)
    return issuer, subject, end


def _date_of(m: re.Match[str], prefix: str) -> date | None:
    """``parse_date_phrase`` of a citation's date, read from the match's ``prefix``-named date groups.
    The date closes the pattern, so the way it matched is the way a search of its text matches first."""
    if m.group(prefix + "d1"):
        return safe_date(
            int(m.group(prefix + "y1")), int(m.group(prefix + "m1")), int(m.group(prefix + "d1"))
        )
    return safe_date(int(m.group(prefix + "y2")), int(m.group(prefix + "m2")), int(m.group(prefix + "d2")))


def find_citations(text: str) -> list[Citation]:
    """Every document the text cites, in order, with number, date, issuer and subject."""
    return citations_in_masked(mask_markup(text))


# The literal each law citation opens with ("Bộ luật", "Luật", "Pháp lệnh").
_LAW_HEADS = ("Bộ", "Luật", "Pháp")


def _law_matches(masked: str) -> Iterator[re.Match[str]]:
    """``_LAW.finditer(masked)``, tried only where a match can start: the scan of a pattern opening
    on an alternation tests every character, ``str.find`` of its opening words is cheaper."""
    starts = sorted(i for head in _LAW_HEADS for i in _find_all(masked, head))
    pos = 0
    for start in starts:
        if start < pos:
            continue  # inside the previous match: finditer does not look there either
        m = _LAW.match(masked, start)
        if m:
            yield m
            pos = m.end()


def _find_all(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


def _word_start(masked: str, pos: int) -> bool:
    return pos == 0 or not masked[pos - 1].isalnum()


def _citation_matches(masked: str) -> Iterator[re.Match[str]]:
    """``_CITATION.finditer(masked)``, tried only before the heads of numbers. A citation's number
    starts at the first digit after the citation's start, and that digit opens a number head."""
    pos = 0
    for number in _number_starts(masked):
        if number <= pos:
            continue  # a citation numbered here would start inside the previous match
        region = _prefix_run_start(masked, number, pos)
        lead = _TYPE_BEFORE_NUMBER.search(masked, region, number)
        if lead:
            m = _CITATION.match(masked, lead.start())
            if m:  # else the number itself does not match here, whatever stands before it
                yield m
                pos = m.end()


def _number_starts(masked: str) -> Iterator[int]:
    """In order, where a run of digits opens that a separator follows, maybe after one letter and
    blanks ("977/", "57 -", "12a/"): every ``NUMBER`` starts at one. Read back from the separators,
    which ``str.find`` finds much faster than a regex scan finds digits (``str.isdecimal`` is what
    the regex digit class matches)."""
    for sep in sorted([*_find_all(masked, "/"), *_find_all(masked, "-")]):
        i = sep
        while i and masked[i - 1] in " \t":
            i -= 1
        if i and "a" <= masked[i - 1] <= "z":
            i -= 1
        if not (i and masked[i - 1].isdecimal()):
            continue
        while i and masked[i - 1].isdecimal():
            i -= 1
        yield i


def _prefix_run_start(masked: str, end: int, floor: int) -> int:
    """Where the run of characters a type and "số:" are made of, ending at ``end``, begins (not
    before ``floor``): the first such character found looking back from ``end``, read from a
    reversed window that widens until it holds one."""
    width = 32
    while True:
        start = max(floor, end - width)
        other = _NOT_PREFIX.search(masked[start:end][::-1])
        if other:
            return end - other.start()
        if start == floor:
            return floor
        width *= 4


def citations_in_masked(masked: str) -> list[Citation]:
    """``find_citations`` over text whose markup is already blanked (offsets unchanged)."""
    found: list[Citation] = []
    for m in _citation_matches(masked):
        if not _word_start(masked, m.start()):
            continue
        issuer, subject, end = _extend(masked, m.end())
        found.append(
            Citation(
                doc_type=_canonical_type(m.group("type")),
                number=normalise_number(m.group("number")),
                date=_date_of(m, "c_") if m.group("date") else None,
                issuer=issuer,
                subject=subject,
                text=squash(masked[m.start() : end]),
                start=m.start(),
                end=end,
            )
        )
    for m in _law_matches(masked):
        if not _word_start(masked, m.start()):
            continue
        issuer, subject, end = _extend(masked, m.end())
        when = "c_" if m.group("date") else "l_" if m.group("date2") else None
        found.append(
            Citation(
                doc_type=_canonical_type(m.group("type")),
                number=normalise_number(m.group("number")) if m.group("number") else None,
                date=_date_of(m, when) if when else None,
                issuer=issuer,
                subject=subject or squash(m.group("name")),
                text=squash(masked[m.start() : end]),
                start=m.start(),
                end=end,
            )
        )
    found.sort(key=lambda c: c.start)
    return found
