"""Money, funding sources and quantified targets inside a task passage."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_BUDGET = re.compile(
    rf"(?:kinh phí|tổng kinh phí|dự toán|tổng mức đầu tư)[^.;]{{0,60}}?\b({_NUMBER})\s*(triệu đồng|triệu|trđ|tr\.đ|tỷ đồng|tỷ)"
    rf"|\b({_NUMBER})\s*(triệu đồng|trđ|tr\.đ)\b",
    re.IGNORECASE,
)
# The funding sources, in the order they are tried; "nguồn" before one is not part of the name.
_SOURCE = re.compile(
    r"(?:nguồn\s+)?("
    r"ngân sách (?:nhà nước|trung ương|tỉnh|thành phố|huyện|xã|địa phương|theo phân cấp)(?:[, ]+(?:tỉnh|xã|huyện))*"
    r"|chi thường xuyên|chi đầu tư phát triển|vốn đầu tư công|đầu tư công|xã hội hóa|nguồn vốn hợp pháp khác)",
    re.IGNORECASE,
)
_TARGET = re.compile(
    r"(?:(?:tối thiểu|ít nhất|trên)\s+)?\d+(?:[.,]\d+)?\s*%[^.;,:]*"
    r"|\b24/7\b[^.;,]*"
    r"|tối thiểu (?:một|\d+) lần/(?:năm|quý|tháng)"
)


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
    m = _SOURCE.search(text or "")
    return m.group(1).strip() if m else None


def find_target(text: str) -> str | None:
    """The first quantified target ("100% cán bộ …", "24/7", "tối thiểu một lần/năm"), as written."""
    m = _TARGET.search(text or "")
    return m.group().strip(" ,") if m else None
