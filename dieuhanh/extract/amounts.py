"""Money, funding sources and quantified targets inside a task passage."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# For each letter spelled out below, every character that matches it when case is ignored (the
# tests check this over all of Unicode).
_CASES = {
    **{c: c.upper() + c for c in "cnrtuvxệỷ"},
    "đ": "Đđ",
    "i": "Iiİı",  # dotted capital and dotless small i match "i" too
}


def _caseless(word: str) -> str:
    """A pattern matching ``word`` with case ignored, its letters spelled as plain classes."""
    return "".join(f"[{_CASES[c]}]" if c in _CASES else re.escape(c) for c in word)


_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_BUDGET = re.compile(
    rf"(?:kinh phí|tổng kinh phí|dự toán|tổng mức đầu tư)[^.;]{{0,60}}?\b({_NUMBER})\s*(triệu đồng|triệu|trđ|tr\.đ|tỷ đồng|tỷ)"
    rf"|\b({_NUMBER})\s*(triệu đồng|trđ|tr\.đ)\b",
    re.IGNORECASE,
)
# The source phrases, in the order they are tried (case ignored). The source named is group 1 of
# _SOURCE, after an optional "nguồn" left out of the pattern, as it never changes group 1. No source
# phrase starts inside "nguồn " (the phrases open with n-g-â/u, c, v, đ or x), and the one that opens
# with "nguồn " goes on with "vốn hợp", which opens none; so the first source phrase in the text is
# where group 1 starts in both patterns, matched the same way.
_SOURCE_PHRASES = (
    r"ngân sách (?:nhà nước|trung ương|tỉnh|thành phố|huyện|xã|địa phương|theo phân cấp)(?:[, ]+(?:tỉnh|xã|huyện))*",
    "chi thường xuyên",
    "chi đầu tư phát triển",
    "vốn đầu tư công",
    "đầu tư công",
    "xã hội hóa",
    "nguồn vốn hợp pháp khác",
)
# The phrases behind one plain class of their first letters, each phrase checking its own letter
# again by a look-behind: the engine jumps in C from one such letter to the next instead of trying
# every phrase, case ignored, at every position. The same phrases are tried, in the same order.
_SOURCE_FIRST = "".join(dict.fromkeys(_CASES[p[0]] for p in _SOURCE_PHRASES))
_SOURCE_REST = "|".join(f"(?<={p[0]}){p[1:]}" for p in _SOURCE_PHRASES)
_SOURCE = re.compile(f"((?-i:[{_SOURCE_FIRST}])(?:{_SOURCE_REST}))", re.IGNORECASE)
_TARGET = re.compile(
    r"(?:(?:tối thiểu|ít nhất|trên)\s+)?\d+(?:[.,]\d+)?\s*%[^.;,:]*"
    r"|\b24/7\b[^.;,]*"
    r"|tối thiểu (?:một|\d+) lần/(?:năm|quý|tháng)"
)


# "triệu|trđ|tr.đ|tỷ" with case ignored, as classes: a pattern that opens with a plain class (the
# parser moves the branches' common "[Tt]" out in front) is scanned for it in C, where a pattern
# ignoring case tries each branch at every position.
_MONEY_HINT = re.compile("|".join(map(_caseless, ("triệu", "trđ", "tr.đ", "tỷ"))))
# Substring tests before the patterns: every match holds one of these words.
_SOURCE_WORDS = (
    "Ngân sách",
    "ngân sách",
    "Chi ",
    "chi ",
    "Vốn",
    "vốn",
    "Xã hội hóa",
    "xã hội hóa",
    "đầu tư công",
)
_TARGET_WORDS = ("%", "24/7", "lần/")


def parse_amount(text: str) -> Decimal | None:
    """'1.640' → 1640, '12,5' → 12.5 (Vietnamese thousands dot, decimal comma)."""
    m = re.search(_NUMBER, text or "")
    if not m:
        return None
    raw = m.group().replace(".", "").replace(",", ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def find_budget(text: str) -> Decimal | None:
    """The passage's own amount in million đồng ("kinh phí 1.640 triệu đồng", "890 trđ", "2 tỷ đồng")."""
    if not _MONEY_HINT.search(text):
        return None
    m = _BUDGET.search(text)
    if not m:
        return None
    number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    amount = parse_amount(number)
    if amount is None:
        return None
    if unit.lower().startswith("tỷ"):
        amount *= 1000
    return amount


def find_funding_source(text: str) -> str | None:
    if not text or not any(word in text for word in _SOURCE_WORDS):
        return None
    m = _SOURCE.search(text)
    return m.group(1).strip() if m else None


def find_target(text: str) -> str | None:
    """The first quantified target ("100% cán bộ …", "24/7", "tối thiểu một lần/năm"), as written."""
    if not text or not any(word in text for word in _TARGET_WORDS):
        return None
    m = _TARGET.search(text)
    return m.group().strip(" ,") if m else None
