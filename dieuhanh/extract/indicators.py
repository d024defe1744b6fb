"""Targets (chỉ tiêu) stated in a directive: "Tỷ lệ ... đạt tối thiểu 95%".

Each rule is a small function over one clause that returns what it found and why.
A number only counts when a cue sits right next to it ("đạt", "tối thiểu",
"ít nhất", "trên", "từ ... trở lên", a leading "100% ... được"): dates, document
numbers, deadlines in days and budgets never carry one of those cues, or are
refused by their unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

GE, GT, EQ, LE, LT = "≥", ">", "=", "≤", "<"


@dataclass(frozen=True)
class Indicator:
    """One target: "name comparator value unit", with where it was found and why."""

    name: str
    comparator: str  # "≥", ">", "=", "≤", "<"
    value: Decimal
    unit: str | None  # "%", "hồ sơ", "lớp", ...
    text: str  # text[start:end] of the source
    start: int
    end: int
    reason: str  # Vietnamese, for the reviewer


# "1.640" is one thousand six hundred and forty; "95,5" is a decimal; "95.5" too.
_NUMBER = r"(?<![\d/.,])(?:\d{1,3}(?:\.\d{3})+|\d+(?:\.\d{1,2}(?!\d))?)(?:,\d+)?(?![\d/])"
_UNIT = r"(?:\s?%|\s+(?P<word>[^\W\d_]+(?:\s[^\W\d_]+)?))?"
_QUALIFIERS = {
    "tối thiểu": GE,
    "ít nhất": GE,
    "không dưới": GE,
    "không thấp hơn": GE,
    "không ít hơn": GE,
    "trên": GT,
    "hơn": GT,
    "tối đa": LE,
    "không quá": LE,
    "không vượt quá": LE,
    "không cao hơn": LE,
    "dưới": LT,
}
_QUALIFIER = "|".join(sorted(map(re.escape, _QUALIFIERS), key=len, reverse=True))

_REACH = re.compile(
    rf"\bđạt(?:\s+được|\s+mức)?\s+(?:(?P<qual>{_QUALIFIER})\s+|(?P<from>từ)\s+)?"
    rf"(?P<num>{_NUMBER})(?P<unit>{_UNIT})(?P<up>\s+trở\s+lên)?",
    re.IGNORECASE,
)
# Without "đạt", "hơn 280.000 nhà bị ngập" describes damage; only firmer cues count.
_BOUND_QUALIFIER = "|".join(sorted(map(re.escape, set(_QUALIFIERS) - {"hơn"}), key=len, reverse=True))
_BOUND = re.compile(
    rf"(?<!\w)(?P<qual>{_BOUND_QUALIFIER})\s+(?P<num>{_NUMBER})(?P<unit>{_UNIT})", re.IGNORECASE
)
_FROM_UP = re.compile(rf"(?<!\w)từ\s+(?P<num>{_NUMBER})(?P<unit>{_UNIT})\s+trở\s+lên", re.IGNORECASE)
_LEADING_PERCENT = re.compile(rf"^(?P<num>{_NUMBER})\s?%\s+(?P<rest>\S.*)$", re.DOTALL)

# Two-word count nouns; any other count takes the first word after the number.
_COUNT_UNITS = (
    "hồ sơ",
    "thủ tục",
    "văn bản",
    "doanh nghiệp",
    "cơ quan",
    "đơn vị",
    "cán bộ",
    "học viên",
    "mô hình",
    "sản phẩm",
    "tài khoản",
    "hộ gia đình",
    "lượt người",
    "dự án",
    "trạm phát sóng",
)
_TIME_UNITS = {"giây", "phút", "giờ", "ngày", "tuần", "tháng", "quý", "năm", "buổi sáng", "buổi chiều"}
_AGE_UNITS = {"tuổi"}
_MONEY_UNITS = {"đồng", "triệu", "tỷ", "trđ", "nghìn", "ngàn", "usd", "vnđ", "vnd"}
_BUDGET_NAMES = ("kinh phí", "ngân sách", "dự toán", "vốn", "tổng mức đầu tư")
# What a target sentence often opens with but is not part of the indicator's name.
_LEAD_IN = re.compile(
    r"(?:[-+•*–]+\s*|\*?\([ivx]+\)\*?\s*|\(?\d+\)\*?\s*|\*\*.*?\*\*\s*|[a-zđ]\)\*?\s*|\d+(?:\.\d+)*[.)]\s*|"
    r"(?:phấn đấu|đảm bảo|bảo đảm|chỉ tiêu|mục tiêu|yêu cầu|đến năm \d{4}|năm \d{4}|trong năm \d{4}|"
    r"đến hết năm \d{4}|đến cuối năm \d{4})[\s,:]*)+",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_NEXT_TARGET = re.compile(r",\s*(?:(?:trên|tối thiểu|ít nhất)\s+)?\d")
# A line break ends a clause unless the next line goes on in lowercase (a hard-wrapped line).
_CLAUSE_END = re.compile(r"\n(?![ \t\n]*[a-zà-ỹđ])|;|\.(?=\s|$)|:(?=\s*\n)")


def find_indicators(text: str) -> list[Indicator]:
    """Every target stated in `text`, in order of appearance."""
    found: list[Indicator] = []
    for start, end in _clauses(text):
        if _DIGIT.search(text, start, end):  # only a clause with a number can state a target
            _clause_indicators(text, start, end, found)
    return sorted(found, key=lambda i: i.start)


def _clauses(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of each clause: text between two clause ends."""
    start = 0
    for m in _CLAUSE_END.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def _clause_indicators(text: str, start: int, end: int, found: list[Indicator]) -> None:
    """The rules over one clause that holds a number; a span taken by one rule is not taken again."""
    taken: list[tuple[int, int]] = []
    for rule in _rules_with_cues(text[start:end]):
        for indicator in rule(text, start, end):
            span = (indicator.start, indicator.end)
            if not any(a < span[1] and span[0] < b for a, b in taken):
                taken.append(span)
                found.append(indicator)


def _rules_with_cues(clause: str) -> list:
    """The rules whose cue word is in the clause (matching is case-insensitive). With a dotless
    "ı" or a dotted "İ", whose case folding differs from str.lower, every rule runs."""
    if "ı" in clause or "İ" in clause:
        return [rule for rule, _ in _RULES]
    lowered = clause.lower()
    return [rule for rule, cues in _RULES if cues.search(lowered)]


# --- rules --------------------------------------------------------------------------


def _reach(text: str, start: int, end: int) -> Iterator[Indicator]:
    """ "<name> đạt [tối thiểu|trên|từ ... trở lên] <number><unit>"."""
    for m in _REACH.finditer(text, start, end):
        if m.group("from") and not m.group("up"):
            continue  # "đạt từ 80% đến 90%" is a range, not a bound
        value, unit = _value(m.group("num")), _unit(m)
        if unit is False:
            continue
        qualifier = (m.group("qual") or "").lower()
        if qualifier:
            comparator, reason = _QUALIFIERS[qualifier], f"cụm “đạt {qualifier}” trước số liệu"
        elif m.group("up"):
            comparator, reason = GE, "cụm “đạt từ ... trở lên”"
        elif unit == "%" and value == 100:
            comparator, reason = EQ, "“đạt 100%”"
        else:
            comparator, reason = GE, "động từ “đạt” trước số liệu (hiểu là mức tối thiểu)"
        name_start, name = _name_before(text, start, m.start())
        yield from _make(
            text, name, comparator, value, unit, name_start, m.end(), reason, after=(m.end(), end)
        )


def _from_up(text: str, start: int, end: int) -> Iterator[Indicator]:
    """ "<name> từ <number><unit> trở lên" without "đạt"."""
    for m in _FROM_UP.finditer(text, start, end):
        value, unit = _value(m.group("num")), _unit(m)
        if unit is False:
            continue
        name_start, name = _name_before(text, start, m.start())
        reason = "cụm “từ ... trở lên”"
        yield from _make(text, name, GE, value, unit, name_start, m.end(), reason, after=(m.end(), end))


def _bound(text: str, start: int, end: int) -> Iterator[Indicator]:
    """ "tối thiểu|ít nhất|trên|không quá ... <number><unit>" without "đạt"."""
    for m in _BOUND.finditer(text, start, end):
        value, unit = _value(m.group("num")), _unit(m)
        if unit is False or unit is None:
            continue  # "trên 2026" or a bare number: no way to tell what is counted
        qualifier = m.group("qual").lower()
        if qualifier in ("trên", "dưới") and unit != "%":
            continue  # "trên 51.000 ha bị thiệt hại" reports, it does not set a target
        reason = f"từ “{qualifier}” trước số liệu"
        before_start, before = _name_before(text, start, m.start())
        if unit == "%" and len(before.split()) >= 2 and before.lower() != "phấn đấu có":
            yield from _make(text, before, _QUALIFIERS[qualifier], value, unit, before_start, m.end(), reason)
            continue
        # A count or a leading percentage: what is counted follows the number.
        name_end = _trim_end(text, m.end("num") if unit != "%" else m.end(), end)
        name = _clean(text[m.end("num") if unit != "%" else m.end() : name_end])
        yield from _make(text, name, _QUALIFIERS[qualifier], value, unit, m.start(), name_end, reason)


def _leading_percent(text: str, start: int, end: int) -> Iterator[Indicator]:
    """A clause that opens with a percentage: "100% cơ quan nhà nước sử dụng ..."."""
    lead = _LEAD_IN.match(text, start, end)
    head = lead.end() if lead else start
    while head < end and text[head].isspace():
        head += 1
    m = _LEADING_PERCENT.match(text[head:end])
    if not m:
        return
    value = _value(m.group("num"))
    name_end = _trim_end(text, head + m.start("rest"), end)
    name = _clean(text[head + m.start("rest") : name_end])
    if value == 100:
        comparator, reason = EQ, "câu mở đầu bằng “100%”"
    else:
        comparator, reason = GE, "câu mở đầu bằng tỷ lệ phần trăm (hiểu là mức tối thiểu)"
    yield from _make(text, name, comparator, value, "%", head, name_end, reason)


# The rules in the order they claim text, each with the words one of which its every match holds.
_RULES = tuple(
    (rule, re.compile("|".join(map(re.escape, words))))
    for rule, words in (
        (_reach, ("đạt",)),
        (_from_up, ("trở",)),
        (_bound, sorted(set(_QUALIFIERS) - {"hơn"})),
        (_leading_percent, ("%",)),
    )
)


# --- pieces -------------------------------------------------------------------------


def _make(text, name, comparator, value, unit, start, end, reason, after=None) -> Iterator[Indicator]:
    if not name and after:
        # "Phấn đấu đạt 100% kế hoạch": nothing before the cue, the object follows.
        name_end = _trim_end(text, after[0], after[1])
        name = _clean(text[after[0] : name_end])
        end = max(end, name_end)
    if len(name.split()) < 2 or name.lower().startswith(_BUDGET_NAMES + ("nếu", "không", "từ")):
        return
    yield Indicator(name, comparator, value, unit, text[start:end], start, end, reason)


def _value(number: str) -> Decimal:
    if "," in number:
        return Decimal(number.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", number):
        return Decimal(number.replace(".", ""))
    return Decimal(number)


def _unit(m: re.Match[str]) -> str | None | bool:
    """ "%", a count noun, None (bare number) or False (a time or money amount: not a target)."""
    unit = m.group("unit")
    if not unit:
        return None
    if unit.strip() == "%":
        return "%"
    words = m.group("word").lower()
    first = words.split()[0]
    if first in _MONEY_UNITS or first in _TIME_UNITS or first in _AGE_UNITS or words in _TIME_UNITS:
        return False
    for noun in _COUNT_UNITS:
        if words.startswith(noun):
            return m.group("word")[: len(noun)]
    return m.group("word").split()[0]


def _name_before(text: str, clause_start: int, cue_start: int) -> tuple[int, str]:
    """The subject before the cue: from "tỷ lệ" if present, else after the last comma or colon."""
    segment = text[clause_start:cue_start]
    lowered = segment.lower()
    cut = lowered.rfind("tỷ lệ")
    if cut < 0:
        cut = max(segment.rfind(","), segment.rfind(":")) + 1
    begin = clause_start + cut
    while begin < cue_start and text[begin] in " \t\n":
        begin += 1
    lead = _LEAD_IN.match(text, begin, cue_start)
    if lead:
        begin = lead.end()
    while begin < cue_start and text[begin] in " \t*":
        begin += 1
    name = _clean(text[begin:cue_start])
    name = re.sub(r"\s*(?:phấn đấu|phải|cần|bảo đảm|đảm bảo)$", "", name, flags=re.IGNORECASE)
    return begin, name


def _trim_end(text: str, start: int, end: int) -> int:
    """Stop a trailing name where the next target or a parenthesis starts; drop trailing markup."""
    stop = end
    for mark in (_NEXT_TARGET.search(text, start, end), re.compile(r"[(\\]").search(text, start, end)):
        if mark:
            stop = min(stop, mark.start())
    while stop > start and text[stop - 1] in " \t*":
        stop -= 1
    return stop


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip(" \t\n*-–:,(")).strip()
