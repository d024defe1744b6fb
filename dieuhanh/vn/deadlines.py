"""Deadline phrases of Vietnamese directives: "trước ngày 10/7/2026", "Quý I - Quý III/2026",
"trước ngày 18 hằng tháng", "trong vòng 15 ngày kể từ ngày nghiệm thu"...

Every rule (deadline_rules.py) is a regular expression over a folded copy of the text
(diacritics removed, one character per character, so spans stay in the caller's coordinates)
and a small function (deadline_builders.py) that turns the match into a ``Deadline`` with a
Vietnamese ``reason`` for the review page. Overlapping matches resolve to the longest one.
Spans refer to the NFC form of the text, the form the project stores everywhere.
"""

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from dieuhanh.vn.dates import format_vn
from dieuhanh.vn.deadline_builders import Ctx, is_citation
from dieuhanh.vn.deadline_rules import fold_for_rules, rules_to_run
from dieuhanh.vn.deadline_types import KINDS, NO_DEADLINE, Deadline, DeadlineMatch, clean_phrase
from dieuhanh.vn.fold import nfc

__all__ = [
    "KINDS",
    "NO_DEADLINE",
    "Deadline",
    "DeadlineMatch",
    "find_deadlines",
    "parse_deadline",
    "pick_deadline",
]


@dataclass(frozen=True)
class _Found:
    match: DeadlineMatch
    inferred: bool


def _scan(text: str, doc_date: date | None, slot: bool) -> list[_Found]:
    original = nfc(text)
    folded = fold_for_rules(original)
    ctx = Ctx(original, folded, doc_date, slot, parse_deadline)
    candidates: list[tuple[int, int, Deadline, bool]] = []
    for rule, spans in rules_to_run(folded, slot):
        seen: set[tuple[int, int]] = set()
        for lo, hi in spans:
            for m in rule.matches(folded, lo, hi):
                if m.span() in seen:
                    continue
                seen.add(m.span())
                start, end = _trim(folded, m.start(), m.end())
                if end <= start:
                    continue
                try:
                    built = rule.build(m, ctx)
                except (ValueError, OverflowError):
                    continue  # a year such as 0000 or 9999 + 1 cannot be a date
                if built is None:
                    continue
                deadline, inferred = built
                if deadline.kind == "date" and not slot and is_citation(ctx, m.start()):
                    continue
                if not slot and _qualifies_object(folded, start):
                    continue
                candidates.append((start, end, deadline, inferred))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    occupied = bytearray(len(folded))
    taken: list[tuple[int, int, Deadline, bool]] = []
    for c in candidates:
        if 1 not in occupied[c[0] : c[1]]:
            occupied[c[0] : c[1]] = b"\x01" * (c[1] - c[0])
            taken.append(c)
    taken.sort(key=lambda c: c[0])
    return [
        _Found(DeadlineMatch(replace(d, text=d.text or clean_phrase(original[s:e])), s, e), inferred)
        for s, e, d, inferred in taken
    ]


# A time phrase right after a participle or a noun it belongs to says which object is meant, not
# when the duty is due: "các nhiệm vụ được giao trong năm 2026", "xếp loại năm 2026", "kịch bản cho
# những tháng cuối năm", "cơ sở thành lập trước 01/7/2025", "luật được thông qua tại Kỳ họp thứ 10".
_OBJECT_QUALIFIER = re.compile(
    r"(?:\bduoc\s+(?:giao|ban\s+hanh|xu\s+ly|thong\s+qua|phe\s+duyet|cap|bo\s+tri|phan\s+bo)|\bxep\s+loai"
    r"|\bthanh\s+lap|\b(?:so|tong)\s+ket\s+cong\s+tac|\bcho\s+nhung(?:\s+thang)?|\bkich\s+ban|\bphat\s+sinh|\bda\s+\w+)\s*$"
)


def _qualifies_object(folded: str, start: int) -> bool:
    return _OBJECT_QUALIFIER.search(folded, max(0, start - 30), start) is not None


def _trim(folded: str, start: int, end: int) -> tuple[int, int]:
    while start < end and folded[start] in " \t\r\n*|":
        start += 1
    while end > start and folded[end - 1] in " \t\r\n*|,;:(":
        end -= 1
    return start, end


def _merge_recurring(found: list[Deadline]) -> Deadline:
    cycles: list[str] = []
    for d in found:
        for c in (d.recurrence or "periodic").split(","):
            if c not in cycles:
                cycles.append(c)
    specific = [c for c in cycles if ":" in c]
    cycles = [c for c in cycles if not (c == "periodic" and len(cycles) > 1)]
    cycles = [c for c in cycles if not any(s.startswith(c + ":") for s in specific)]
    first = next((d for d in found if d.recurrence != "periodic"), found[0])
    reason = "; ".join(d.reason for d in found)
    return replace(first, recurrence=",".join(cycles), reason=reason)


def _pick(found: list[_Found]) -> Deadline:
    deadlines = [f.match.deadline for f in found]
    if not deadlines:
        return NO_DEADLINE
    explicit = [
        f.match.deadline for f in found if f.match.deadline.kind in ("date", "period") and not f.inferred
    ]
    recurring = [d for d in deadlines if d.kind == "recurring"]
    inferred = [f.match.deadline for f in found if f.match.deadline.kind in ("date", "period") and f.inferred]
    dated = [d for d in explicit if d.date] or ([] if recurring else [d for d in inferred if d.date])
    if dated:
        latest = max(dated, key=lambda d: d.date)
        others = [d for d in dated if d is not latest]
        if others:
            shown = ", ".join(format_vn(d.date) for d in others)
            return replace(latest, reason=f"{latest.reason}; lấy mốc muộn nhất (các mốc khác: {shown})")
        return latest
    if recurring:
        return _merge_recurring(recurring)
    for kind in ("date", "period", "relative", "none"):
        for d in deadlines:
            if d.kind == kind:
                return d
    return NO_DEADLINE


# --------------------------------------------------------------------------- public API


def find_deadlines(text: str, doc_date: date | None = None) -> list[DeadlineMatch]:
    """Every deadline phrase in running prose, in order, with spans into the (NFC) text.

    Open phrases that stand where a deadline would ("năm 2025 và các năm tiếp theo", a table cell
    "Thường xuyên") come back with kind "none" and their text, so a caller can show them.
    """
    return [f.match for f in _scan(text, doc_date, slot=False)]


def pick_deadline(text: str, doc_date: date | None = None) -> Deadline:
    """The deadline of one task passage: the latest date or period; else one recurring deadline
    listing every cycle; else the first relative or open phrase; else no deadline."""
    return _pick(_scan(text, doc_date, slot=False))


@lru_cache(maxsize=4096)
def parse_deadline(phrase: str, doc_date: date | None = None) -> Deadline:
    """Parse a phrase known to fill a time slot (a "Thời gian" cell, "Thời hạn: ..." line).

    Text that names no recognisable time is kept with kind "none" ("Thường xuyên", "Theo lộ trình").
    """
    text = clean_phrase(phrase or "").rstrip(" .")
    if not text:
        return NO_DEADLINE
    picked = _pick(_scan(text, doc_date, slot=True))
    if picked.kind == "none":
        return Deadline(
            "none", text, None, None, reason="ô thời hạn không ghi mốc cụ thể; giữ nguyên cụm chữ"
        )
    return replace(picked, text=text)
