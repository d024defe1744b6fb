"""Money, funding sources and quantified targets inside a task passage."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
# The patterns below are matched against the lower-cased passage: a pattern that ignores case
# (re.IGNORECASE) is tried some three times slower on Vietnamese text.
_BUDGET = re.compile(
    rf"(?:kinh phí|tổng kinh phí|dự toán|tổng mức đầu tư)[^.;]{{0,60}}?\b({_NUMBER})\s*(triệu đồng|triệu|trđ|tr\.đ|tỷ đồng|tỷ)"
    rf"|\b({_NUMBER})\s*(triệu đồng|trđ|tr\.đ)\b"
)
# The funding sources, in the order they are tried.
_SOURCE = re.compile(
    r"ngân sách (?:nhà nước|trung ương|tỉnh|thành phố|huyện|xã|địa phương|theo phân cấp)(?:[, ]+(?:tỉnh|xã|huyện))*"
    r"|chi thường xuyên|chi đầu tư phát triển|vốn đầu tư công|đầu tư công|xã hội hóa|nguồn vốn hợp pháp khác"
)
_TARGET = re.compile(
    r"\d+(?:[.,]\d+)?\s*%[^.;,:]*"
    r"|\b24/7\b[^.;,]*"
    r"|tối thiểu (?:một|\d+) lần/(?:năm|quý|tháng)"
)
# A word that qualifies a percentage and belongs to the target ("tối thiểu 90% hồ sơ").
_TARGET_QUALIFIER = re.compile(r"(?:tối thiểu|ít nhất|trên)\s+$")


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
    m = _BUDGET.search(text.lower())
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
    """The funding source named in the passage ("ngân sách tỉnh", "Nguồn vốn hợp pháp khác"), as written."""
    text = text or ""
    lowered = text.lower()
    m = _SOURCE.search(lowered)
    if not m:
        return None
    # Lower-casing keeps the length of Vietnamese text, so the match is where it was written.
    found = text[m.start() : m.end()] if len(lowered) == len(text) else m.group()
    return found.strip()


def find_target(text: str) -> str | None:
    """The first quantified target ("100% cán bộ …", "24/7", "tối thiểu một lần/năm"), as written."""
    text = text or ""
    m = _TARGET.search(text)
    if not m:
        return None
    qualifier = _TARGET_QUALIFIER.search(text, max(0, m.start() - 12), m.start())
    start = qualifier.start() if qualifier else m.start()
    return text[start : m.end()].strip(" ,")
