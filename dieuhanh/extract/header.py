"""The header and closing of a directive (Nghị định 30/2020 layout), read as plain text.

Header: issuing body (and its parent), "Số: 1087/UBND-VHXH", place and date, document type
(title line or "V/v" layout), subject (trích yếu), "Kính gửi" list, secrecy/urgency stamps.
Closing: "Nơi nhận" list and the signature block (TM./KT., title, name).
Text from converters keeps light markup (``**bold**``, table pipes, rule lines), broken lines and
blank lines inside phrases; rules run over a copy where markup is blanked with spaces, so every
offset still points into the original text. Each value comes with a Vietnamese reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from operator import add, sub
from typing import NamedTuple

from dieuhanh.extract.citations import (
    NUMBER,
    Citation,
    citations_in_masked,
    mask_markup,
    normalise_number,
    safe_date,
    squash,
)

__all__ = ["Field", "Header", "parse_header"]


@dataclass(frozen=True)
class Field:
    """An extracted value with where it was found and why (Vietnamese: rule + text)."""

    value: object
    start: int | None
    end: int | None
    reason: str


@dataclass(frozen=True)
class Header:
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


class _Line(NamedTuple):
    start: int
    end: int
    text: str  # markup blanked, whitespace collapsed


# How far to look: the header sits in the first lines, the closing is found by "Nơi nhận".
_HEAD_CHARS = 20000
_HEAD_LINES = 80
_LINES_ABOVE = 60  # lines kept above the Quốc hiệu/number anchor
_CLOSING_LINES = 80

_UPPER_LETTERS = "A-ZÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠ-Ỹ"
_CAP = rf"[{_UPPER_LETTERS}]"

_QUOC_HIEU = re.compile(r"CỘNG\s+H(?:OÀ|ÒA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.IGNORECASE)
_MOTTO = re.compile(r"Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc", re.IGNORECASE)
# A case-insensitive pattern is tried at every position of the text; a word that every match holds,
# looked for in the lower-cased text, first (none of its letters has a special case mapping).
_QUOC_HIEU_WORD = "nghĩa"
_MOTTO_WORD = "hạnh"
# ... and the word each match opens with (``_fixed_phrase_spans`` tries the patterns there only).
_QUOC_HIEU_OPENING = "cộng"
assert _QUOC_HIEU_WORD[3] == "ĩ" and len(_QUOC_HIEU_WORD) == 5  # ``_holds_quoc_hieu_word``
_MOTTO_OPENING = "độc"
assert _QUOC_HIEU.pattern.lower().startswith(_QUOC_HIEU_OPENING)
assert _MOTTO.pattern.lower().startswith(_MOTTO_OPENING)
_PART = r"[^\W_][\w&]*"
_NUMBER_LINE = re.compile(
    rf"(?<![\w/])Số\s*:\s*(?P<num>\d+[a-z]?)?[ \t]*(?P<sep>[/-])[ \t]*"
    rf"(?P<sym>{_PART}(?:[ \t]*[-/][ \t]*{_PART})*)"
)
# The place opens on a capital not preceded by [\w/.-]. That test is written after the capital
# (a look-behind over both characters): a pattern opening on a look-behind is tried at every
# position, one opening on a character class only where the class matches.
_DATE_LINE = re.compile(
    rf"(?P<place>{_CAP}(?<![\w/.-]{_CAP})[\w.]*(?:(?:[ \t]+|[ \t]*\n[ \t]*)(?:{_CAP}[\w.]*|phố|xã|trấn)){{0,5}})"
    r"[ \t]*,[ \t]*\n?[ \t]*ngày\s*(?P<d>\d{1,2})?\s*"
    r"(?:tháng\s*(?P<m>\d{1,2})?\s*,?\s*năm\s*(?P<y>\d{4})?|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4}))"
)
# Document types as they stand alone on the title line, upper case.
_TYPES = {
    "CÔNG VĂN": "Công văn",
    "KẾ HOẠCH": "Kế hoạch",
    "THÔNG BÁO": "Thông báo",
    "QUYẾT ĐỊNH": "Quyết định",
    "CHỈ THỊ": "Chỉ thị",
    "BÁO CÁO": "Báo cáo",
    "CÔNG ĐIỆN": "Công điện",
    "TỜ TRÌNH": "Tờ trình",
    "NGHỊ QUYẾT": "Nghị quyết",
    "HƯỚNG DẪN": "Hướng dẫn",
    "CHƯƠNG TRÌNH": "Chương trình",
    "KẾT LUẬN": "Kết luận",
    "QUY CHẾ": "Quy chế",
    "QUY ĐỊNH": "Quy định",
    "ĐỀ ÁN": "Đề án",
    "PHƯƠNG ÁN": "Phương án",
    "GIẤY MỜI": "Giấy mời",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG": "Chương trình",
    "THÔNG BÁO KẾT LUẬN": "Thông báo",
    "LỆNH": "Lệnh",
    "NGHỊ ĐỊNH": "Nghị định",
    "THÔNG TƯ": "Thông tư",
}
# The type code that opens the symbol ("KH-UBND" → Kế hoạch); "UBND-VP" names no type: Công văn.
_SYMBOL_TYPES = {
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "TB": "Thông báo",
    "CT": "Chỉ thị",
    "CĐ": "Công điện",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "NQ": "Nghị quyết",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "ĐA": "Đề án",
    "PA": "Phương án",
    "GM": "Giấy mời",
    "CV": "Công văn",
}
_CITED_TYPES = (
    "Công văn",
    "Văn bản",
    "Kế hoạch",
    "Quyết định",
    "Nghị quyết",
    "Thông báo",
    "Chỉ thị",
    "Công điện",
    "Báo cáo",
    "Tờ trình",
    "Hướng dẫn",
    "Chương trình",
    "Kết luận",
)
_CAPTION = re.compile(
    r"[Kk]èm\s+theo\s+(?P<type>" + "|".join(t.replace(" ", r"\s+") for t in _CITED_TYPES) + r")"
    rf"\s*(?:số)?\s*:?\s*(?P<num>\d+[a-z]?)?\s*/\s*(?P<sym>{_PART}(?:\s*[-/]\s*{_PART})*)"
    r"(?:\s*,?\s*ngày\s*(?P<d>\d{1,2})?\s*(?:tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})?"
    r"|[/.-]?\s*(?P<m2>\d{1,2})?\s*[/.-]\s*(?P<y2>\d{4})))?"
    r"(?:\s*của\s+(?P<issuer>[^()]{3,120}?))?\s*\)"
)
_VV = re.compile(r"^(?:V/v|V/V|v/v)\.?\s*:?\s*")
_KINH_GUI = re.compile(r"^(?P<lead>(?:Đồng\s+)?[Kk]ính\s+gửi|.{0,60}\bđiện)\s*:\s*")
_BULLET = re.compile(r"^[-+•–]\s*")
_CONFIDENTIALITY = {"TUYỆT MẬT": "Tuyệt mật", "TỐI MẬT": "Tối mật", "MẬT": "Mật"}
_URGENCY = {
    "HỎA TỐC HẸN GIỜ": "Hỏa tốc",
    "HOẢ TỐC HẸN GIỜ": "Hỏa tốc",
    "HỎA TỐC": "Hỏa tốc",
    "HOẢ TỐC": "Hỏa tốc",
    "THƯỢNG KHẨN": "Thượng khẩn",
    "KHẨN": "Khẩn",
}
_STAMP = re.compile(
    r"(?<!\w)(" + "|".join(sorted({*_CONFIDENTIALITY, *_URGENCY}, key=len, reverse=True)) + r")(?!\w)"
)

# Every stamp holds one of these words: lines without them skip the look-behind scan of _STAMP.
_STAMP_WORDS = ("MẬT", "KHẨN", "TỐC")
assert all(any(w in stamp for w in _STAMP_WORDS) for stamp in (*_CONFIDENTIALITY, *_URGENCY))
_UBND = re.compile(
    r"\b(?:Ủ|U)(?:Y|Ỷ)\s+BAN\s+NHÂN\s+DÂN\b|\b(?:Ủ|U)(?:y|ỷ)\s+ban\s+nhân\s+dân\b", re.IGNORECASE
)
_HDND = re.compile(r"\bHỘI\s+ĐỒNG\s+NHÂN\s+DÂN\b", re.IGNORECASE)
# Words that open the name of an agency; a header line starting with one begins a new body.
_ORG_HEADS = (
    "ỦY BAN NHÂN DÂN",
    "UỶ BAN NHÂN DÂN",
    "UBND",
    "HỘI ĐỒNG NHÂN DÂN",
    "HĐND",
    "SỞ",
    "BỘ",
    "BAN",
    "CỤC",
    "TỔNG CỤC",
    "CHI CỤC",
    "TRUNG TÂM",
    "VĂN PHÒNG",
    "PHÒNG",
    "VỤ",
    "VIỆN",
    "THANH TRA",
    "KHO BẠC",
    "CÔNG AN",
    "ĐẢNG ỦY",
    "ĐẢNG ỦY",
    "TỈNH ỦY",
    "TỈNH ỦY",
    "THÀNH ỦY",
    "THÀNH ỦY",
    "BỘ CHỈ HUY",
    "TRƯỜNG",
    "BỆNH VIỆN",
    "ĐÀI",
    "BÁO",
    "TỔNG CÔNG TY",
    "CÔNG TY",
    "CHI NHÁNH",
    "THỦ TƯỚNG",
    "HỘI",
)
_LEVELS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "xã", "phường", "huyện", "quận")
_LEVEL_RE = re.compile(r"\b(?:" + "|".join(_LEVELS) + r")\b", re.IGNORECASE)
_ACRONYMS = {"UBND", "HĐND", "TP", "TP.", "MTTQ", "CP", "TW", "VN", "CNTT", "KH&CN", "GD&ĐT"}

# Closing block.
_NOI_NHAN = re.compile(r"(?m)^[ \t]*Nơi\s+nhận\s*:?")
_MARKER = re.compile(r"^(?P<m>TM|KT|TL|TUQ|Q)\s*\.?\s+(?P<for>.+)$")
_TITLE_WORDS = re.compile(
    r"CHỦ TỊCH|GIÁM ĐỐC|THỦ TƯỚNG|TRƯỞNG|CHỦ NHIỆM|CHÁNH|BÍ THƯ|ỦY VIÊN|PHÓ|TỔNG THƯ KÝ|ĐẠI DIỆN"
)
# Titles that name one office only: the issuer when the header was lost.
_TITLE_ISSUERS = {
    "BỘ TRƯỞNG, CHỦ NHIỆM": "Văn phòng Chính phủ",
    "THỦ TƯỚNG": "Thủ tướng Chính phủ",
    "THỦ TƯỚNG CHÍNH PHỦ": "Thủ tướng Chính phủ",
}
# A body naming itself as the one acting: "UBND Thành phố yêu cầu", "Bộ X (VHTTDL) đề nghị".
_NAME_WORD = r"[A-ZĐÀ-Ỹ][^\W\d_]*"  # a capitalised syllable
_SELF_REFERENCE = re.compile(
    r"(?:^|(?<=[.,;:])[ \t]*\n?[ \t]*)(?:Chủ\s+tịch\s+)?"
    r"(?P<org>(?:(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân|UBND)\s+(?:" + "|".join(_LEVELS) + r"|Thành\s+phố|Tỉnh)"
    rf"(?:\s+{_NAME_WORD})*"
    rf"|(?:Bộ|Sở|Văn\s+phòng|Trung\s+tâm)\s+{_NAME_WORD}(?:(?:\s+|,\s*|\s+và\s+){_NAME_WORD}(?:\s+[a-zđà-ỹ]+)?)*"
    r"(?:\s+[a-zđà-ỹ]+)?)"
    r"\s*(?:\([^()\n]{1,20}\)\s*)?(?:yêu\s+cầu|đề\s+nghị|ban\s+hành|xây\s+dựng\s+(?:kế\s+hoạch|chương\s+trình))\b",
    re.MULTILINE,
)

# What precedes a self-reference (a line break, or [.,;:] and blanks) and its first letter: of
# "Chủ tịch", "Ủy/Uỷ ban", "UBND", "Bộ", "Sở", "Văn phòng", "Trung tâm".
_SELF_REFERENCE_CUE = re.compile(r"[\n.,;:](?=[ \t]*\n?[ \t]*[CỦUBSVT])")


def _upper_text(text: str) -> bool:
    letters = list(filter(str.isalpha, text))  # filter and map loop in C
    return len(letters) >= 2 and sum(map(str.isupper, letters)) == len(letters)


_new = tuple.__new__  # builds a named tuple without its Python-level ``__new__``


class _LineList:
    """The lines of a stretch of text, as a sequence of ``_Line``. A line's collapsed text is built
    when the line is first read: the rules stop after a few of the many lines they may look at."""

    __slots__ = ("_pieces", "_ends", "_built")

    def __init__(self, pieces: list[str], start: int) -> None:
        self._pieces = pieces
        self._ends = _line_ends(pieces, start)
        self._built: list[_Line | None] = [None] * len(pieces)

    def __len__(self) -> int:
        return len(self._built)

    def __getitem__(self, i: int) -> _Line:
        line = self._built[i]
        if line is None:
            raw = self._pieces[i]
            end = self._ends[i]
            line = self._built[i] = _new(_Line, (end - len(raw), end, " ".join(raw.split())))
        return line

    def __iter__(self) -> Iterator[_Line]:
        return self.iter_from(0)

    def iter_from(self, i: int) -> Iterator[_Line]:
        """The lines from index ``i`` on, each built as the loop reaches it."""
        for k in range(i, len(self._built)):
            yield self[k]


def _lines(masked: str, start: int, end: int, limit: int | None = None) -> _LineList:
    """Lines of ``masked[start:end]`` (at most ``limit``; from the end when ``limit`` < 0)."""
    if limit is not None and limit < 0:
        cut = start
        pos = end
        for _ in range(-limit):
            pos = masked.rfind("\n", start, pos)
            if pos < 0:
                break
            cut = pos + 1
        start = cut if pos >= 0 else start
        limit = None
    if start > end:
        return _LineList([], start)
    # The pieces of one split are the lines' text already: no slice of ``masked`` per line.
    raws = masked[start:end].split("\n") if limit is None else masked[start:end].split("\n", limit)[:limit]
    return _LineList(raws, start)


def _line_spans(masked: str, start: int, end: int, limit: int | None = None) -> list[tuple[int, int]]:
    """Where the lines of ``masked[start:end]`` are (at most ``limit``), without their text."""
    if start > end:
        return []
    # One split in C rather than a find and a slice per line; with a limit, the piece after the
    # last split is the unread rest of the text and is dropped.
    raws = masked[start:end].split("\n") if limit is None else masked[start:end].split("\n", limit)[:limit]
    ends = _line_ends(raws, start)
    return list(zip(map(sub, ends, map(len, raws)), ends, strict=True))


def _line_ends(pieces: list[str], start: int) -> list[int]:
    """Where each of the lines ``pieces`` (split on "\n" from ``start``) ends, computed in C: after
    ``start``, the lengths of the lines so far and one "\n" per earlier line."""
    return list(map(add, accumulate(map(len, pieces)), range(start, start + len(pieces))))


_NOT_NEWLINE = re.compile(r"[^\n]")


def _blank(masked: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """``masked`` with the spans inside [start, end) turned to spaces (offsets unchanged)."""
    for a, z in spans:
        a, z = max(a, start), min(z, end)
        if a < z:
            masked = masked[:a] + _NOT_NEWLINE.sub(" ", masked[a:z]) + masked[z:]
    return masked


def _org_case(raw: str) -> str:
    """ "ỦY BAN NHÂN DÂN XÃ GIA LỘC" → "UBND xã Gia Lộc"; mixed-case names are kept as written."""
    text = squash(_HDND.sub("HĐND", _UBND.sub("UBND", raw)))
    if not _upper_text(text.replace("UBND", "").replace("HĐND", "") or "AA"):
        return text
    words = text.split()
    out: list[str] = []
    in_place = False
    ministry = words[0] in ("BỘ", "SỞ") if words else False
    for i, word in enumerate(words):
        low = word.lower()
        prev = out[-1] if out else ""
        if word in _ACRONYMS or any(map(str.isdigit, word)):
            out.append(word)
            continue
        pair = f"{prev.lower()} {low}"
        if not in_place and (low in _LEVELS or pair in _LEVELS):
            in_place = True
            out.append(low)
            continue
        cap = (
            i == 0
            or in_place
            or prev
            in ("Bộ", "Sở", "Cục", "cục", "Trung", "tâm", "Văn", "phòng", "Ban", "Phòng", "Vụ", "Viện")
            and not (prev == "Văn" and low == "phòng")
            and not (prev == "Trung" and low == "tâm")
            or ministry
            and (prev.endswith(",") or prev == "và")
            or (low, words[i + 1].lower() if i + 1 < len(words) else "")
            in (("chính", "phủ"), ("việt", "nam"))
        )
        if prev == "Tổng" and low == "cục":
            cap = False
        out.append(word[:1].upper() + low[1:] if cap else low)
    # "Văn phòng Chính phủ": the word after the head noun pair
    text = " ".join(out)
    text = re.sub(
        r"\b(Văn phòng|Trung tâm|Tổng cục|Chi cục) (\w)",
        lambda m: m.group(1) + " " + m.group(2).upper(),
        text,
    )
    return text


def _sentence_case(raw: str) -> str:
    """An upper-case title subject in sentence case; numbers and codes keep their letters."""
    text = squash(raw)
    if not _upper_text(text):
        return text
    words = []
    for word in text.split():
        words.append(word if any(map(str.isdigit, word)) or word in _ACRONYMS else word.lower())
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _is_bare(org: str) -> bool:
    """ "UBND xã", "UBND Thành phố", "Bộ": the kind of body without its name."""
    words = org.split()
    if len(words) <= 1:
        return True
    tail = " ".join(words[1:]).lower()
    return tail in _LEVELS


def _split_orgs(fragments: list[str]) -> list[str]:
    """Issuer lines above the Quốc hiệu → agencies, the parent first. Broken lines are rejoined."""
    orgs: list[str] = []
    for frag in fragments:
        starts_org = any(frag == h or frag.startswith(h + " ") for h in _ORG_HEADS)
        joinable = orgs and (
            not starts_org
            or orgs[-1].endswith((",", " VÀ", "-"))
            or _UBND.fullmatch(orgs[-1]) is None
            and orgs[-1] in ("ỦY BAN NHÂN", "ỦY BAN", "UỶ BAN NHÂN")
        )
        if joinable:
            orgs[-1] = f"{orgs[-1]} {frag}"
        else:
            orgs.append(frag)
    return orgs


class _Builder:
    """Collects values and reasons while the rules run."""

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


def _anchor(masked: str) -> int | None:
    """Where the header block is: the Quốc hiệu, else "Số:", else a title or "Kính gửi" at the top."""
    m = _search_quoc_hieu(masked)
    if m:
        return m.start()
    m = _search_number_line(masked, 0, 8000)
    if m:
        return m.start()
    for line in _lines(masked, 0, len(masked), 25):
        if line.text.upper() in _TYPES or _KINH_GUI.match(line.text):
            return line.start
    return None


def _search_quoc_hieu(masked: str) -> re.Match[str] | None:
    """``_QUOC_HIEU.search(masked, 0, _HEAD_CHARS)`` when the lower-cased head holds the word every
    Quốc hiệu holds, else None. A case-insensitive pattern is tried at every position; it is tried
    only where the lower-cased text holds its opening word (as in ``_fixed_phrase_spans``). The
    Quốc hiệu opens the page: the short opening is lower-cased first, the whole head only when no
    Quốc hiệu starts there (a match holds the word, so the word test is met when one is found)."""
    m = _quoc_hieu_in_lowered(masked, 2000)
    return m or _quoc_hieu_in_lowered(masked, _HEAD_CHARS, need_word=True)


def _quoc_hieu_in_lowered(masked: str, width: int, need_word: bool = False) -> re.Match[str] | None:
    """The first Quốc hiệu (ending before ``_HEAD_CHARS``) starting in the first ``width`` characters,
    found where their lower-cased form holds "cộng"; with ``need_word``, none unless it holds
    "nghĩa". Lower-casing keeps positions when no character lower-cases to two (checked)."""
    head = masked[:width]
    if need_word and not _holds_quoc_hieu_word(head):
        return None
    low = head.lower()
    if len(low) != len(head):
        return _QUOC_HIEU.search(masked, 0, _HEAD_CHARS) if need_word else None
    i = low.find(_QUOC_HIEU_OPENING)
    while i >= 0:
        m = _QUOC_HIEU.match(masked, i, _HEAD_CHARS)
        if m:
            return m
        i = low.find(_QUOC_HIEU_OPENING, i + 1)
    return None


def _holds_quoc_hieu_word(head: str) -> bool:
    """``_QUOC_HIEU_WORD in head.lower()`` without lower-casing all of ``head`` (costly on a long
    head): looked for around each "ĩ"/"Ĩ", the rare letter the word holds, which ``str.find`` finds
    fast. Only "Ĩ" lower-cases to "ĩ" and only "N", "G", "H", "A" to "n", "g", "h", "a", each to one
    character, so every "nghĩa" of the lower-cased text is one of these windows lower-cased."""
    for letter in "ĩĨ":
        i = head.find(letter, 3)
        while i >= 0:
            if head[i - 3 : i + 2].lower() == _QUOC_HIEU_WORD:
                return True
            i = head.find(letter, i + 1)
    return False


def _search_number_line(text: str, start: int, end: int) -> re.Match[str] | None:
    """``_NUMBER_LINE.search(text, start, end)``: the pattern opens with a look-behind, so a search
    tries every position; every match starts with "Số", found with ``str.find``."""
    i = text.find("Số", start, end)
    while i >= 0:
        m = _NUMBER_LINE.match(text, i, end)
        if m:
            return m
        i = text.find("Số", i + 1, end)
    return None


def _date_reason(m: re.Match[str]) -> str:
    return f"Dòng địa danh, ngày tháng ở phần đầu: «{squash(m.group())}»"


def _read_date(b: _Builder, m: re.Match[str], how: str) -> None:
    day = m.group("d")
    month = m.group("m") or m.group("m2")
    year = m.group("y") or m.group("y2")
    reason = f"{how}: «{squash(m.group())}»"
    if month:
        b.set("month", int(month), reason)
    if year:
        b.set("year", int(year), reason)
    if day and month and year:
        b.set("date", safe_date(int(year), int(month), int(day)), reason)
    elif "date" not in b.values:
        b.reasons.setdefault("date", f"{how} để trống ngày: «{squash(m.group())}» nên không có ngày ban hành")


def _collect_block(lines: _LineList, i: int, first: str) -> tuple[list[str], int]:
    """Lines of a V/v or "Kính gửi" text: continue across a break while the next line goes on in
    lower case or the line did not end; stop at a blank line followed by a new sentence."""
    parts = [first] if first else []
    j = i + 1
    while j < len(lines):
        text = lines[j].text
        if not text:
            k = j
            while k < len(lines) and not lines[k].text:
                k += 1
            if k < len(lines) and lines[k].text[:1].islower() and parts:
                j = k
                continue
            break
        if text[:1].islower() or (parts and parts[-1].endswith((",", " và", " của", " về", " số"))):
            parts.append(text)
            j += 1
            continue
        break
    return parts, j


def _collect_list(lines: _LineList, i: int, first: str) -> tuple[list[str], int]:
    """A list of bullets ("- Công an xã;") or one line of names; a lower-case line continues."""
    items: list[str] = []
    if first:
        block, i = _collect_block(lines, i, first)
        items.extend(x for x in re.split(r";\s*", " ".join(block)) if x)
        start_bullets = i
    else:
        start_bullets = i + 1
    j = start_bullets
    while j < len(lines):
        text = lines[j].text
        if not text:
            j += 1
            continue
        if _BULLET.match(text):
            items.append(_BULLET.sub("", text))
        elif items and text[:1].islower() and not first:
            items[-1] = f"{items[-1]} {text}"
        else:
            break
        j += 1
    cleaned = [squash(x).rstrip(";.,") for x in items]
    return [x for x in cleaned if x and not x.startswith("Lưu")], j


def _fixed_phrase_spans(masked: str, zone_start: int, zone_end: int) -> list[tuple[int, int]]:
    """Spans of the Quốc hiệu and the motto in the zone: ``finditer`` of each pattern, every Quốc
    hiệu match first. A case-insensitive pattern is tried at every position, so it is tried only
    where the lower-cased zone holds its opening word ("cộng", "độc"): lower-casing keeps positions
    when no character lower-cases to two (checked), and these letters have no other case variant."""
    zone = masked[zone_start:zone_end].lower()
    aligned = len(zone) == zone_end - zone_start
    spans = []
    for rx, word, opening in (
        (_QUOC_HIEU, _QUOC_HIEU_WORD, _QUOC_HIEU_OPENING),
        (_MOTTO, _MOTTO_WORD, _MOTTO_OPENING),
    ):
        if word not in zone:
            continue
        if not aligned:
            spans.extend(m.span() for m in rx.finditer(masked, zone_start, zone_end))
            continue
        pos = zone_start
        i = zone.find(opening)
        while i >= 0:
            if zone_start + i >= pos:  # finditer resumes after the previous match
                m = rx.match(masked, zone_start + i, zone_end)
                if m:
                    spans.append(m.span())
                    pos = m.end()
            i = zone.find(opening, i + 1)
    return spans


def _parse_top(text: str, masked: str, b: _Builder) -> int:
    """Rules over the header block; returns where the body begins."""
    anchor = _anchor(masked)
    if anchor is None:
        b.reasons["issuer"] = "Không thấy phần đầu văn bản (Quốc hiệu, số, ký hiệu)"
        return 0
    top = max(0, masked.rfind("\n", 0, max(0, anchor - 1500)) + 1)
    # At most _LINES_ABOVE lines above the anchor, so that the lines read below reach it even
    # after hundreds of empty lines (page breaks, empty table rows left by a converter).
    above = anchor
    for _ in range(_LINES_ABOVE):
        above = masked.rfind("\n", top, above)
        if above < 0:
            break
    else:
        top = above + 1
    lines = _line_spans(masked, top, len(masked), _HEAD_LINES + _LINES_ABOVE)  # only a few need their text
    idx = next(i for i, (_, end) in enumerate(lines) if end >= anchor)
    # The issuer block sits just above the Quốc hiệu: walk up over upper-case or empty lines.
    first = idx
    seen = 0
    while first > 0 and seen < 8:
        t = squash(masked[lines[first - 1][0] : lines[first - 1][1]])
        if t and not _upper_text(_MOTTO.sub("", t)):
            break
        seen += bool(t)
        first -= 1
    zone_start = lines[first][0]
    zone_end = lines[min(len(lines) - 1, idx + _HEAD_LINES)][1]
    # Fixed phrases are blanked so that what remains upper case is the issuer.
    work = _blank(masked, zone_start, zone_end, _fixed_phrase_spans(masked, zone_start, zone_end))
    zl = _lines(work, zone_start, zone_end)

    fragments: list[str] = []
    i = 0
    subject_open = False  # the line after "Số:" may carry the subject ("Về hướng dẫn ...")
    body = None
    while i < len(zl):
        line = zl[i]
        t = line.text
        if not t:
            i += 1
            continue
        stamp_spans = []
        stamps = _STAMP.finditer(t) if any(word in t for word in _STAMP_WORDS) else ()
        for sm in stamps:
            word = sm.group(1)
            if word in _CONFIDENTIALITY:
                b.set("confidentiality", _CONFIDENTIALITY[word], f"Dấu độ mật ở phần đầu: «{word}»")
            else:
                b.set("urgency", _URGENCY[word], f"Dấu độ khẩn ở phần đầu: «{word}»")
            stamp_spans.append(sm.span())
        if stamp_spans:
            t = squash(_STAMP.sub(" ", t))
            if not t:
                i += 1
                continue
        nm, dm = (_match_on_line(rx, work, line, zone_end) for rx in (_NUMBER_LINE, _DATE_LINE))
        if nm or dm:
            found = [x for x in (nm, dm) if x]
            pre = squash(work[line.start : min(x.start() for x in found)])
            before_number = "number" not in b.reasons and "date" not in b.reasons
            if pre and _upper_text(pre) and before_number:
                fragments.append(pre)
            if nm:
                _read_number(b, nm)
            if dm:
                b.set("place", squash(dm.group("place")), _date_reason(dm))
                _read_date(b, dm, "Dòng địa danh, ngày tháng ở phần đầu")
            if nm and dm and dm.start() > nm.end() and _VV.match(squash(work[nm.end() : dm.start()])):
                vv = _VV.sub("", squash(work[nm.end() : dm.start()]))
                b.set("subject", vv, f"Trích yếu sau «V/v»: «{vv}»")
            consumed = max(x.end() for x in found)
            k = i
            while k + 1 < len(zl) and zl[k].end < consumed:
                k += 1
            rest = squash(work[consumed : zl[k].end])
            subject_open = bool(nm) and not rest
            if _VV.match(rest):
                i = _read_vv(b, zl, k, _VV.sub("", rest))
                continue
            i = k + 1
            continue
        if _VV.match(t):
            i = _read_vv(b, zl, i, _VV.sub("", t))
            subject_open = False
            continue
        if subject_open and t.startswith("Về ") and "subject" not in b.values:
            parts, j = _collect_block(zl, i, t)
            b.set(
                "subject", squash(" ".join(parts)), f"Trích yếu dưới số, ký hiệu: «{squash(' '.join(parts))}»"
            )
            i = j
            continue
        subject_open = False
        km = _KINH_GUI.match(t)
        if km and (
            km.group("lead").lower().endswith("gửi")
            or _upper_text(km.group("lead")[:-4] or "")
            or "điện" in km.group("lead")
        ):
            if "điện" in km.group("lead") and "doc_type" in b.values:
                b.set("issuer_authority", squash(km.group("lead")[: -len("điện")]), "Dòng «... điện:»")
            items, j = _collect_list(zl, i, t[km.end() :])
            b.values.setdefault("recipients", [])
            b.values["recipients"].extend(items)  # type: ignore[union-attr]
            b.reasons.setdefault("recipients", f"Danh sách sau «{squash(km.group())}»")
            i = j
            continue
        title = t.rstrip(":").upper() if not t.endswith(":") else None
        if title and title == t and title in _TYPES and "doc_type" not in b.values:
            b.set("doc_type", _TYPES[title], f"Tên loại văn bản trên dòng riêng: «{t}»")
            i = _read_title_subject(b, text, zl, i + 1)
            continue
        before_number = "doc_type" not in b.values and "number" not in b.reasons and "date" not in b.reasons
        if before_number and _upper_text(t):
            fragments.append(t)
            i += 1
            continue
        if (
            "subject_done" in b.values
            and "authority" not in b.values
            and _upper_text(t)
            and len(t.split()) <= 15
            and not re.match(r"^[IVX]+\.|^\d+\.", t)
        ):
            b.set("authority", t, f"Dòng thẩm quyền ban hành: «{t}»")
            i += 1
            continue
        body = line.start
        break
    if fragments:
        orgs = _split_orgs(fragments)
        reason = f"Tên cơ quan ở góc trái phần đầu: «{' / '.join(fragments)}»"
        b.set("issuer", orgs[-1], reason)
        if len(orgs) > 1:
            b.set("parent_issuer", orgs[-2], reason)
    if body is None:
        body = zl[-1].end if zl else 0
    return body


def _match_on_line(rx: re.Pattern[str], work: str, line: _Line, zone_end: int) -> re.Match[str] | None:
    """A match that starts on ``line`` and may run onto the next lines ("Số:" / "2820/QĐ-UBND")."""
    stop = min(zone_end, line.end + 200)
    # Both patterns open with a look-behind, which makes a search try every position: "Số" opens
    # every number line (tried only where it stands); a date line holds "ngày" before ``stop``.
    if rx is _NUMBER_LINE:
        m = _search_number_line(work, line.start, stop)
    elif rx is _DATE_LINE and work.find("ngày", line.start, stop) < 0:
        return None
    else:
        m = rx.search(work, line.start, stop)
    return m if m and m.start() <= line.end else None


def _read_number(b: _Builder, m: re.Match[str]) -> None:
    symbol = normalise_number(m.group("sym"))
    reason = f"Dòng «Số:» ở phần đầu: «{squash(m.group())}»"
    b.set("symbol", symbol, reason)
    if m.group("num"):
        b.set("number", f"{m.group('num')}{m.group('sep')}{symbol}", reason)
    else:
        b.reasons["number"] = f"Số văn bản để trống («{squash(m.group())}»): bản chưa lấy số"


def _read_vv(b: _Builder, lines: _LineList, i: int, first: str) -> int:
    parts, j = _collect_block(lines, i, first)
    subject = squash(" ".join(parts))
    dm = _DATE_LINE.search(subject)
    if dm:
        subject = squash(subject[: dm.start()])
    b.set("subject", subject, f"Trích yếu sau «V/v»: «{subject}»")
    return j


def _read_title_subject(b: _Builder, text: str, lines: _LineList, i: int) -> int:
    """The subject under a title line ("KẾ HOẠCH" / "Chuyển đổi số ..."), then an authority line."""
    while i < len(lines) and not lines[i].text:
        i += 1
    parts: list[str] = []
    bold_subject = None
    while i < len(lines):
        t = lines[i].text
        raw = text[lines[i].start : lines[i].end].strip()
        if not t:
            k = i
            while k < len(lines) and not lines[k].text:
                k += 1
            if parts and k < len(lines) and lines[k].text[:1].islower():
                i = k
                continue
            break
        if parts and not parts[-1].endswith((",", " CỦA", " VÀ", " VỀ", " SỐ", " của", " và", " về", " số")):
            bold = raw.startswith("**")
            if "điện:" in t or (bold and bold_subject is False) or _KINH_GUI.match(t):
                break
        if not parts:
            if re.match(r"^(?:Căn cứ|Thực hiện|Triển khai|[IVX]+\.|\d+\.)", t):
                break
            bold_subject = raw.startswith("**")
        if parts and not _upper_text(t) and _upper_text(parts[-1]):
            break
        parts.append(t)
        i += 1
    if parts:
        subject = _sentence_case(" ".join(parts))
        b.set("subject", subject, f"Trích yếu dưới tên loại văn bản: «{squash(' '.join(parts))}»")
    b.values["subject_done"] = True
    return i


def _read_caption(masked: str, b: _Builder) -> None:
    """An appendix caption "(Kèm theo Công văn số 6386/... ngày 25/11/2025 của ...)" fills what the
    header lacks: the page may have lost its header, but the caption names the document."""
    m = _search_caption(masked)
    if not m:
        return
    how = "Chú thích phụ lục"
    reason = f"{how}: «{squash(m.group())}»"
    if "symbol" not in b.values and "number" not in b.reasons:
        b.set("symbol", normalise_number(m.group("sym")), reason)
        if m.group("num"):
            b.set("number", f"{m.group('num')}/{normalise_number(m.group('sym'))}", reason)
        else:
            b.reasons["number"] = f"{how} để trống số: «{squash(m.group())}»"
    if "date" not in b.reasons and "month" not in b.values:
        _read_date(b, m, how)
    b.values["caption_type"] = squash(m.group("type"))
    if m.group("issuer"):
        b.values["caption_issuer"] = squash(m.group("issuer"))


def _search_caption(masked: str) -> re.Match[str] | None:
    """``_CAPTION.search(masked)``: a scan for the class "[Kk]" tries the pattern at every "K"/"k";
    every match opens on "Kèm"/"kèm", found with ``str.find`` (for "èm", then the letter before)."""
    i = masked.find("èm", 1)
    while i >= 0:
        if masked[i - 1] in "Kk":
            m = _CAPTION.match(masked, i - 1)
            if m:
                return m
        i = masked.find("èm", i + 1)
    return None


def _is_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 5 and all(w.isalpha() and w[0].isupper() and w[1:].islower() for w in words)


def _cells(text: str, line: _Line) -> list[str]:
    raw = text[line.start : line.end]
    return [c for c in (squash(mask_markup(x)) for x in re.split(r"\||\s{3,}", raw)) if c]


def _find_noi_nhan(masked: str, pos: int) -> re.Match[str] | None:
    """``_NOI_NHAN.search(masked, pos)`` (same span): the pattern opens on "^" and a repeat, so a
    search tries every position; a match holds "Nơi" first on its line, found with ``str.find``."""
    at = pos
    while True:
        i = masked.find("Nơi", at)
        if i < 0:
            return None
        line_start = masked.rfind("\n", 0, i) + 1
        if line_start >= pos:
            m = _NOI_NHAN.match(masked, line_start)
            if m:
                return m
        at = i + 1


def _parse_closing(text: str, masked: str, body_start: int, b: _Builder) -> int:
    """Nơi nhận and the signature block; returns where the closing begins."""
    nn = _find_noi_nhan(masked, body_start)
    if nn:
        lines = _lines(masked, nn.start(), len(masked), _CLOSING_LINES)
        head = _NOI_NHAN.sub("", lines[0].text, count=1).strip()
        items, j = _collect_list(lines, 0, "")
        if head:
            items.insert(0, head.lstrip(":").strip())
        if items:
            b.values.setdefault("recipients", [])
            b.values["recipients"].extend(items)  # type: ignore[union-attr]
            b.reasons["recipients"] = (b.reasons.get("recipients", "") + "; danh sách «Nơi nhận:»").lstrip(
                "; "
            )
        start = _read_signature(text, lines.iter_from(j), b)
        if start is None:
            before = _lines(masked, body_start, nn.start(), -15)
            start = _read_signature(text, before, b)
            closing = min(nn.start(), start) if start is not None else nn.start()
        else:
            closing = nn.start()
        return closing
    lines = _lines(masked, body_start, len(masked), -_CLOSING_LINES)
    start = _read_signature(text, lines, b)
    return start if start is not None else len(text)


def _read_signature(text: str, lines: Iterable[_Line], b: _Builder) -> int | None:
    """TM./KT. lines, title lines, then the signer's name; returns the block start."""
    markers: list[tuple[str, str]] = []
    titles: list[str] = []
    start = None
    pending_marker = False
    for line in lines:
        for cell in _cells(text, line):
            mm = _MARKER.match(cell)
            if mm and _upper_text(mm.group("for")):
                markers.append((mm.group("m") + ".", mm.group("for")))
                pending_marker = cell.endswith(",") or mm.group("for").endswith(("NHÂN", "BAN"))
                start = line.start if start is None else start
                continue
            if _upper_text(cell) and len(cell.split()) <= 8:
                if pending_marker and markers:
                    markers[-1] = (markers[-1][0], f"{markers[-1][1]} {cell}")
                    pending_marker = cell.endswith(",")
                    continue
                if _TITLE_WORDS.search(cell) or markers:
                    titles.append(cell)
                    start = line.start if start is None else start
                continue
            pending_marker = False
            if start is not None and _is_name(cell):
                reason = f"Tên người ký trong khối chữ ký: «{' / '.join([m + ' ' + f for m, f in markers] + titles + [cell])}»"
                b.set("signer", cell, reason)
                if markers:
                    b.set("signing_authority", markers[-1][0], reason)
                    b.set("signing_for", squash(markers[-1][1]), reason)
                    if len(markers) > 1:
                        b.values["signing_chain"] = [f for _, f in markers]
                if titles:
                    b.set("signer_title", titles[-1], reason)
                elif markers:
                    b.set("signer_title", None, reason)
                b.values["closing_titles"] = [f for _, f in markers] + titles
                return start
            if start is not None and len(cell) > 60:
                return None
    return None


def _self_references(masked: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_SELF_REFERENCE.finditer(masked, start, end)``. The pattern opens on "^" or a look-behind,
    so a search tries every position; a match starts at the text's start or right after a line
    break or [.,;:] that blanks and an opening letter follow: one scan finds those places."""
    pos = start
    if start == 0:
        m = _SELF_REFERENCE.match(masked, 0, end)
        if m:
            yield m
            pos = m.end()
    for cue in _SELF_REFERENCE_CUE.finditer(masked, max(start - 1, 0), end):
        at = cue.end()
        if at < pos:
            continue  # inside the previous match: finditer does not look there either
        m = _SELF_REFERENCE.match(masked, at, end)
        if m:
            yield m
            pos = m.end()


def _issuer_fallback(masked: str, body_start: int, body_end: int, b: _Builder) -> None:
    """When the header lost its issuer: the appendix caption, a one-office signing title, or the
    body naming itself as the one acting ("UBND Thành phố yêu cầu ...")."""
    candidates: list[tuple[str, str]] = []
    cap = b.values.get("caption_issuer")
    if isinstance(cap, str):
        candidates.append((_org_case(cap), f"Cơ quan ban hành trong chú thích phụ lục: «{cap}»"))
    for title in b.values.get("closing_titles", []):  # type: ignore[union-attr]
        key = squash(title).rstrip(",")
        if key in _TITLE_ISSUERS:
            candidates.append(
                (_TITLE_ISSUERS[key], f"Chức danh người đứng đầu chỉ có ở một cơ quan: «{key}»")
            )
    windows = ((body_start, min(body_end, body_start + 4000)), (max(body_start, body_end - 3000), body_end))
    for a, z in windows:
        for m in _self_references(masked, a, max(a, z)):
            org = _org_case(squash(m.group("org")))
            candidates.append((org, f"Cơ quan tự nêu tên trong văn bản: «{squash(m.group())}»"))
    if not candidates:
        return
    named = [c for c in candidates if not _is_bare(c[0])]
    org, reason = (named or candidates)[0]
    b.set("issuer", org, reason)


def parse_header(text: str) -> Header:
    """Read the header and closing of a directive; every value that was found has a reason."""
    masked = mask_markup(text)
    b = _Builder()
    body_start = _parse_top(text, masked, b)
    body_end = _parse_closing(text, masked, body_start, b)
    if body_end < body_start:
        body_end = len(text)
    _read_caption(masked, b)

    issuer = b.get("issuer")
    if isinstance(issuer, str):
        issuer = _org_case(issuer)
        parent = b.get("parent_issuer")
        parent = _org_case(parent) if isinstance(parent, str) else None
        if (
            parent
            and parent.startswith("UBND")
            and not issuer.startswith("UBND")
            and not _LEVEL_RE.search(issuer)
        ):
            place = _LEVEL_RE.search(parent)
            if place:
                issuer = f"{issuer} {parent[place.start() :]}"
        b.values["issuer"] = issuer
        b.values["parent_issuer"] = parent
    authority = b.get("authority")
    if isinstance(authority, str) and authority.startswith("CHỦ TỊCH"):
        b.values["issuer"] = "Chủ tịch " + _org_case(authority[len("CHỦ TỊCH") :])
        b.reasons["issuer"] = f"Quyết định do Chủ tịch ký ban hành: «{authority}»"
    if not b.get("issuer"):
        _issuer_fallback(masked, body_start, body_end, b)
    issuer = b.get("issuer")
    place = b.get("place")
    if isinstance(issuer, str) and _is_bare(issuer) and issuer.startswith("UBND") and place and " " in issuer:
        b.values["issuer"] = f"{issuer} {place}"
        b.reasons["issuer"] += f"; tên địa danh lấy từ dòng ngày tháng: «{place}»"

    doc_type = b.get("doc_type")
    if not doc_type:
        symbol = b.get("symbol")
        code = str(symbol).split("-")[0].split("/")[0] if symbol else ""
        if isinstance(b.get("caption_type"), str) and "number" in b.reasons:
            doc_type = b.get("caption_type")
            b.reasons["doc_type"] = "Loại văn bản trong chú thích phụ lục"
        elif code in _SYMBOL_TYPES:
            doc_type = _SYMBOL_TYPES[code]
            b.reasons["doc_type"] = f"Ký hiệu văn bản mở đầu bằng «{code}»"
        else:
            doc_type = "Công văn"
            b.reasons["doc_type"] = "Không có tên loại văn bản (trình bày V/v): công văn"
    recipients = tuple(dict.fromkeys(b.get("recipients") or []))  # type: ignore[arg-type]
    return Header(
        issuer=b.get("issuer"),  # type: ignore[arg-type]
        parent_issuer=b.get("parent_issuer"),  # type: ignore[arg-type]
        number=b.get("number"),  # type: ignore[arg-type]
        symbol=b.get("symbol"),  # type: ignore[arg-type]
        doc_type=str(doc_type),
        place=b.get("place"),  # type: ignore[arg-type]
        date=b.get("date"),  # type: ignore[arg-type]
        month=b.get("month"),  # type: ignore[arg-type]
        year=b.get("year"),  # type: ignore[arg-type]
        subject=b.get("subject"),  # type: ignore[arg-type]
        recipients=recipients,
        signing_authority=b.get("signing_authority"),  # type: ignore[arg-type]
        signing_for=b.get("signing_for"),  # type: ignore[arg-type]
        signer_title=b.get("signer_title"),  # type: ignore[arg-type]
        signer=b.get("signer"),  # type: ignore[arg-type]
        confidentiality=str(b.get("confidentiality", "thường")),
        urgency=str(b.get("urgency", "thường")),
        citations=tuple(citations_in_masked(masked)),
        body_start=body_start,
        body_end=body_end,
        reasons={k: v for k, v in b.reasons.items() if k in _PUBLIC_FIELDS},
    )


_PUBLIC_FIELDS = {
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
_ = NUMBER
