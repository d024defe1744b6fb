"""The table of deadline rules: a pattern over folded text (lower case, no diacritics, '*' → ' ',
dashes → '-'), the function that reads a match, and the anchors that keep scanning fast.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from dieuhanh.vn.deadline_builders import (
    Ctx,
    Result,
    build_bare_date,
    build_cued_date,
    build_cycles,
    build_daily_hour,
    build_date_range,
    build_event,
    build_half,
    build_month,
    build_month_range,
    build_monthly_day,
    build_nine_months,
    build_open,
    build_quarter,
    build_quarter_range,
    build_session,
    build_slot,
    build_slot_line,
    build_within_days,
    build_year,
    build_year_end_of_duty,
    build_yearly_days,
)
from dieuhanh.vn.fold import SameLengthFold, fold_char

_B = r"(?<![a-z0-9])"  # word start
_E = r"(?![a-z0-9])"  # word end
_QUY = r"qu[yi]\s+"
_DASH = r"\s*(?:-|den)\s*"
_HANG = r"(?:hang|moi)\s+"  # hằng / hàng / mỗi


def _date_expr(p: str) -> str:
    """A day with month and optional year, numeric ("5-7-2026", "15/7") or in words."""
    return (
        rf"(?:(?P<{p}d>\d{{1,2}})\s*(?P<{p}s>[/.-])\s*(?P<{p}m>\d{{1,2}})(?:\s*(?P={p}s)\s*(?P<{p}y>\d{{4}}))?(?![\d/])"
        rf"|(?P<{p}wd>\d{{1,2}})\s+thang\s+(?P<{p}wm>\d{{1,2}})(?:\s*,?\s*nam\s+(?P<{p}wy>\d{{4}}))?(?!\d))"
    )


_DATE = _date_expr("a")
_DAY_MONTH = r"\d{1,2}\s*[/.-]\s*\d{1,2}(?![\d/])|\d{1,2}\s+thang\s+\d{1,2}(?!\d)"
_ADHOC = r"(?:\s*\(?\s*(?:hoac|va)\s+(?:bao\s+cao\s+)?dot\s+xuat(?:\s+khi\s+co\s+yeu\s+cau)?\s*\)?)?"
_CYCLE = r"(?:6|sau|06)\s+thang|ngay|tuan|thang|quy|nam"
_CYCLE_LIST = rf"(?:\s*(?:,|va|hoac|/)\s*(?:{_HANG}|dinh\s+ky\s+)?(?:{_CYCLE}){_E}(?!\s*[/-]?\s*\d))*"
_UNTIL_PUNCT = r"(?:[^.;,:|\n]|\n(?![ \t]*\n))"  # runs on across a wrapped line, not a blank one
_PERIOD_CUE = r"(?:trong|cuoi|den\s+het|het|ngay\s+trong|hoan\s+thanh(?:\s+trong)?|xong(?:\s+trong)?|thuc\s+hien\s+trong)\s+"
_PERIOD_CUE_WORDS = ("trong", "cuoi", "den", "het", "ngay", "hoan", "xong", "thuc")  # its first words


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")  # the class _B looks back at


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    build: Callable[[re.Match[str], Ctx], Result]
    slot_only: bool = False
    # For a pattern that opens with _B: the rest of it, and a search for the places where a
    # match can start (the rest itself when it opens with a literal). See ``matches``.
    after_word_start: re.Pattern[str] | None = field(default=None, compare=False)
    starts: re.Pattern[str] | None = field(default=None, compare=False)

    def matches(self, text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
        """The matches of ``pattern.finditer(text, lo, hi)``, with the same spans and groups.

        A pattern that opens with the lookbehind _B is tried by re at every position, as re only
        skips ahead to a pattern's literal first characters. ``starts`` opens with literals and
        matches wherever the pattern can (it holds the words every match starts with), so the
        pattern need only be tried there, at a word start: finditer's leftmost matches, found
        left to right.
        """
        rest, starts = self.after_word_start, self.starts
        if rest is None or starts is None:
            if self.pattern.flags & re.M and self.pattern.pattern.startswith("^"):
                yield from _line_start_matches(self.pattern, text, lo, hi)
            else:
                yield from self.pattern.finditer(text, lo, hi)
            return
        pos = lo
        while (found := starts.search(text, pos, hi)) is not None:
            start = found.start()
            if start and text[start - 1] in _WORD_CHARS:
                pos = start + 1  # inside a word: _B fails here
                continue
            m = found if starts is rest else rest.match(text, start, hi)
            if m is None:
                pos = start + 1
                continue
            # No rule matches an empty string (tests/vn/test_deadline_anchors.py checks), so the
            # next match starts at the end of this one, as with finditer.
            assert m.end() > start
            yield m
            pos = m.end()


def _line_start_matches(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, lo, hi)`` for a multi-line pattern that opens with "^": a match
    starts at the start of the text or right after a newline, so only there is it tried (re
    would try it at every position)."""
    if not 0 <= lo < hi <= len(text):
        yield from pattern.finditer(text, lo, hi)  # an empty or out-of-range window: as re does
        return
    pos = lo
    while True:
        if pos and text[pos - 1] != "\n":  # move on to the next line start
            nl = text.find("\n", pos, hi)
            if nl < 0:
                return
            pos = nl + 1
        m = pattern.match(text, pos, hi)
        if m is None:
            pos += 1
        elif m.end() > pos:  # no line rule matches an empty string; stop short if one ever did
            yield m
            pos = m.end()
        else:
            yield from pattern.finditer(text, pos, hi)
            return
        if pos >= hi:
            return


RULES: list[Rule] = []


def _rule(
    name: str,
    pattern: str,
    build: Callable[[re.Match[str], Ctx], Result],
    slot_only: bool = False,
    flags: int = 0,
    first_words: tuple[str, ...] = (),
) -> None:
    """A rule; ``first_words``: the words one of which starts every match (for ``Rule.matches``)."""
    rest = starts = None
    if pattern.startswith(_B):
        rest = re.compile(pattern[len(_B) :], flags)
        if first_words:
            starts = re.compile("|".join(first_words))
        elif rest.pattern[:1].isalpha():
            starts = rest  # the rest opens with a literal word: search it directly
    RULES.append(Rule(name, re.compile(pattern, flags), build, slot_only, rest, starts))


_rule(
    "cued_date",
    rf"{_B}(?P<cue>(?:(?:hoan\s+thanh|xong|gui|nop|ket\s+thuc)\s+)?(?:truoc|cham\s+nhat(?:\s+(?:la|vao))*"
    rf"|(?:thoi\s+)?han(?:\s+(?:cuoi|chot))?(?:\s+(?:la|vao))*|den(?:\s+het)?\s+ngay|trong\s+ngay|vao\s+ngay)"
    # the hour before the day: "trước 16 giờ 00 (phút) (chiều) ngày 10/3/2026", "trước 17h ngày …"
    rf"(?:\s+\d{{1,2}}\s*(?:gio|h)(?:\s*\d{{1,2}})?(?:\s*phut)?(?:\s+(?:sang|trua|chieu|toi))?\s*,?)?"
    rf"(?:\s+ngay)?\s+|(?:hoan\s+thanh|xong|ket\s+thuc)\s+(?:vao\s+|trong\s+)?ngay\s+){_DATE}",
    build_cued_date,
    first_words=("hoan", "xong", "gui", "nop", "ket", "truoc", "cham", "thoi", "han", "den", "trong", "vao"),
)
_rule(
    "date_range",
    rf"{_B}tu\s+ngay\s+(?P<d1>\d{{1,2}})(?:(?:\s*[/.-]\s*|\s+thang\s+)(?P<m1>\d{{1,2}})"
    rf"(?:(?:\s*[/.-]\s*|\s*,?\s*nam\s+)(?P<y1>\d{{4}}))?)?{_DASH}(?:het\s+)?(?:ngay\s+)?{_DATE}",
    build_date_range,
)
_rule("bare_date", rf"{_B}(?:ngay\s+)?{_DATE}", build_bare_date, slot_only=True)
_rule(
    "month",
    rf"{_B}(?:{_PERIOD_CUE})thang\s+(?P<mo>\d{{1,2}})(?:(?:\s*[/-]\s*|\s+nam\s+)(?P<y>\d{{4}}))?(?![\d/])",
    build_month,
)
_rule(
    "bare_month",
    rf"{_B}thang\s+(?P<mo>\d{{1,2}})(?:(?:\s*[/-]\s*|\s+nam\s+)(?P<y>\d{{4}}))(?![\d/])",
    build_month,
    slot_only=True,
)
_rule(
    "month_range",
    rf"{_B}(?:(?:{_PERIOD_CUE}|tu\s+)?)thang\s+(?P<m1>\d{{1,2}})(?:\s*[/-]\s*(?P<y1>\d{{4}}))?{_DASH}(?:het\s+)?"
    rf"(?:thang\s+)?(?P<m2>\d{{1,2}})(?:\s*[/-]\s*|\s+nam\s+)(?P<y2>\d{{4}})",
    build_month_range,
    first_words=(*_PERIOD_CUE_WORDS, "tu", "thang"),
)
_rule(
    "quarter",
    rf"{_B}(?:{_PERIOD_CUE})?{_QUY}(?P<q>iv|i{{1,3}}|[1-4])(?![a-z0-9])(?:\s*[/,-]\s*|\s+(?:nam\s+)?)(?P<y>\d{{4}})",
    build_quarter,
    first_words=(*_PERIOD_CUE_WORDS, "qu"),
)
_rule(
    "quarter_no_year",
    rf"{_B}(?:{_PERIOD_CUE}){_QUY}(?P<q>iv|i{{1,3}}|[1-4])(?![a-z0-9/])(?P<y>)",
    build_quarter,
)
_rule(
    "bare_quarter", rf"{_B}{_QUY}(?P<q>iv|i{{1,3}}|[1-4])(?![a-z0-9/])(?P<y>)", build_quarter, slot_only=True
)
_rule(
    "quarter_range",
    rf"{_B}(?:{_PERIOD_CUE}|tu\s+)?{_QUY}(?P<q1>iv|i{{1,3}}|[1-4])(?![a-z0-9])(?:\s*[/-]\s*(?P<y1>\d{{4}}))?{_DASH}"
    rf"(?:{_QUY})?(?P<q2>iv|i{{1,3}}|[1-4])(?![a-z0-9])(?:\s*[/,-]\s*|\s+(?:nam\s+)?)(?P<y2>\d{{4}})",
    build_quarter_range,
    first_words=(*_PERIOD_CUE_WORDS, "tu", "qu"),
)
_rule(
    "half_year",
    rf"{_B}(?:{_PERIOD_CUE})?(?:6|06|sau)\s+thang\s+(?P<h>dau|cuoi)\s+nam(?:\s*\(?\s*(?:nam\s+)?(?P<y>\d{{4}})\s*\)?)?",
    build_half,
)
_rule(
    "nine_months",
    rf"{_B}(?:{_PERIOD_CUE})?(?:9|09|chin)\s+thang(?:\s+dau)?\s+nam(?:\s*\(?\s*(?:nam\s+)?(?P<y>\d{{4}})\s*\)?)?",
    build_nine_months,
)
_rule(
    "year",
    rf"{_B}(?:{_PERIOD_CUE})nam\s+(?P<y1>\d{{4}})(?:{_DASH}(?:nam\s+)?(?P<y2>\d{{4}}))?(?!\d)(?!\s*,?\s*(?:da|vua)\s)",
    build_year,
)
_rule(
    "year_end_of_duty",
    rf"{_B}nam\s+(?P<y1>\d{{4}})(?:{_DASH}(?:nam\s+)?(?P<y2>\d{{4}}))?(?=\s*\)?\s*(?:[.;\n]|$))",
    build_year_end_of_duty,
)
_rule(
    "bare_year",
    rf"(?<![\d/.-])(?:nam\s+)?(?P<y1>(?:19|20)\d{{2}})(?:{_DASH}(?:nam\s+)?(?P<y2>\d{{4}}))?(?![\d/])",
    build_year,
    slot_only=True,
)
_rule(
    "monthly_day",
    rf"{_B}(?:(?:dinh\s+ky\s+)?(?:truoc|cham\s+nhat(?:\s+la)?|han(?:\s+(?:cuoi|chot))?|vao|tu)\s+)?ngay\s+(?P<day>\d{{1,2}})"
    rf"(?:\s+(?:den|-)\s+(?:ngay\s+)?\d{{1,2}})?\s+{_HANG}thang{_E}{_ADHOC}",
    build_monthly_day,
    first_words=("dinh", "truoc", "cham", "han", "vao", "tu", "ngay"),
)
_rule(
    "yearly_days",
    rf"{_B}(?:(?:dinh\s+ky\s+)?(?:truoc|cham\s+nhat(?:\s+la)?|han(?:\s+(?:cuoi|chot))?|vao)\s+)?ngay\s+"
    rf"(?P<days>(?:{_DAY_MONTH})(?:\s*(?:,|va)\s*(?:ngay\s+)?(?:{_DAY_MONTH}))*)\s+{_HANG}nam{_E}{_ADHOC}",
    build_yearly_days,
    first_words=("dinh", "truoc", "cham", "han", "vao", "ngay"),
)
_rule(
    "daily_hour",
    rf"{_B}(?:truoc\s+)?\d{{1,2}}\s*(?:gio|h)(?:\s*\d{{2}})?(?:\s+phut)?(?:\s+sang|\s+chieu)?\s+{_HANG}ngay{_E}",
    build_daily_hour,
)
_rule(
    "cycles",
    rf"{_B}(?:(?:theo\s+)?dinh\s+ky(?:\s+(?:{_HANG})?(?:{_CYCLE}){_E}(?!\s*[/-]?\s*\d))?|{_HANG}(?:ngay|tuan|thang|quy|nam){_E}(?!\s*[/-]?\s*\d))"
    rf"{_CYCLE_LIST}{_ADHOC}",
    build_cycles,
    first_words=("theo", "dinh", "hang", "moi"),
)
_rule(
    "within_days",
    rf"{_B}(?:(?:trong(?:\s+vong|\s+thoi\s+han|\s+thoi\s+gian)?|cham\s+nhat(?:\s+(?:la|sau))?|toi\s+da|sau)\s+)?"
    rf"(?P<n>\d{{1,3}})\s+ngay(?P<wd>\s+lam\s+viec)?(?:\s+thi\s+dua)?"
    rf"(?:\s*,?\s*(?:ke\s+tu|tinh\s+tu)\s+(?P<trig>[^.;,:\n()]{{2,100}}))?",
    lambda m, ctx: build_within_days(m, ctx) if (m.group("trig") or m.group(0)[:1] in "tcs") else None,
)
_rule(
    "event",
    rf"{_B}(?:(?:bao\s+cao\s+)?ngay\s+khi\s+[^.;,:|\n]{{2,60}}|khi\s+(?:co\s+)?phat\s+sinh(?:\s+[^.;,:|\n()]{{1,40}})?"
    rf"|(?:ngay\s+)?sau\s+khi\s+{_UNTIL_PUNCT}{{2,80}}"
    rf"|(?<![a-z])khi\s+(?!can\s+thiet|co\s+yeu\s+cau|phat\s+hien|xay\s+ra)[^.;,:|\n]{{2,60}}(?=,)"
    rf"|tu\s+(?:thang\s+\d{{1,2}}(?:\s*[/-]\s*\d{{4}})?|ngay\s+[\d/.-]+|nay|nam\s+\d{{4}})\s+(?:cho\s+)?den\s+khi\s+{_UNTIL_PUNCT}{{2,100}})",
    build_event,
    first_words=("bao", "ngay", "khi", "sau", "tu"),
)
_rule(
    "session",
    rf"{_B}(?:tai|trong|truoc)\s+ky\s+hop\s+(?:thu\s+)?\d+(?:\s*,\s*[^.;\n]{{0,40}}?khoa\s+[ivxl]+{_E})?",
    build_session,
)
_rule(
    "open_years",
    rf"{_B}(?:tu\s+)?(?:(?:{_QUY}[ivx1-4]+\s*(?:/\s*|nam\s+))|nam\s+)\d{{4}}\s+"
    r"(?:va\s+(?:cac|nhung)\s+nam\s+tiep\s+theo|tro\s+di|tro\s+ve\s+sau)",
    build_open,
    first_words=("tu", "nam", "quy", "qui"),
)
_rule(
    "open_slot",
    r"^[ \t|*+\-]*(?P<c>(?:thuc\s+hien\s+)?thuong\s+xuyen|theo\s+(?:ke\s+hoach\s+rieng|lo\s+trinh|tien\s+do)[^\n]{0,80}?)[ \t|*.;]*$",
    build_open,
    slot_only=True,
)
_rule(
    "slot_line",
    r"^[ \t|*+\-]*(?P<c>nam\s+\d{4}(?:\s*-\s*(?:nam\s+)?\d{4})?|(?:thuc\s+hien\s+)?thuong\s+xuyen"
    r"|theo\s+(?:ke\s+hoach\s+rieng|lo\s+trinh|tien\s+do)[^\n]{0,80}?|(?:ngay\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
    r"|thang\s+\d{1,2}\s*[/-]\s*\d{4})[ \t|*.;]*$",
    build_slot_line,
    flags=re.M,
)
_rule(
    "time_slot",
    rf"{_B}(?:thoi\s+(?:gian|han)|han)(?:\s+(?:thuc\s+hien|hoan\s+thanh|bao\s+cao|nop|trien\s+khai|gui))?\s*:\s*(?P<c>[^\n]{{1,200}}?(?:\n(?![ \t]*\n|[ \t|*+\-•]|[ \t]*\d+[.)]|[ \t]*[a-z]\))[^\n]{{1,120}}?)?)[ \t*.;]*$",
    build_slot,
    flags=re.M,
    first_words=("thoi", "han"),
)
_FOLD_EXTRA = str.maketrans({"*": " ", "–": "-", "—": "-", "‐": "-", "‑": "-", "\xa0": " "})


# Running every rule over a whole document is slow: a rule only runs in windows around its
# anchors, patterns that every match of the rule contains. Each anchor starts with a literal
# (Python's re scans for a literal prefix fast, and for an alternation slowly). A window reaches
# ``back`` characters before and ``ahead`` after an anchor; line rules take whole lines.
_CYCLE_ANCHORS = (r"hang\s+(?:ngay|tuan|thang|quy|nam)", r"moi\s+(?:ngay|tuan|thang|quy|nam)", r"dinh\s+ky")
_ANCHORS: dict[str, tuple[tuple[str, ...], int, int]] = {
    "cued_date": (
        tuple(rf"{w}\s+[0-9]" for w in ("ngay", "truoc", "nhat", "la", "vao", "han", "cuoi", "chot")),
        40,
        30,
    ),
    "date_range": ((r"tu\s+ngay\s+[0-9]",), 5, 90),
    "yearly_days": ((r"hang\s+nam", r"moi\s+nam"), 90, 50),
    "month": ((r"thang\s+[0-9]",), 40, 40),
    "month_range": ((r"thang\s+[0-9]",), 40, 40),
    "half_year": ((r"thang\s+dau", r"thang\s+cuoi"), 40, 30),
    "nine_months": ((r"thang\s+dau", r"thang\s+nam"), 40, 30),
    "quarter": ((r"qu[yi]\s",), 40, 40),
    "quarter_no_year": ((r"qu[yi]\s",), 40, 40),
    "quarter_range": ((r"qu[yi]\s",), 40, 40),
    "year": ((r"nam\s+[0-9]",), 40, 50),
    "year_end_of_duty": ((r"nam\s+[0-9]",), 40, 50),
    "open_years": ((r"tiep\s+theo", r"tro\s+di", r"tro\s+ve"), 50, 20),
    "monthly_day": ((r"hang\s+thang", r"moi\s+thang"), 60, 50),
    "daily_hour": ((r"hang\s+ngay", r"moi\s+ngay"), 30, 5),
    "cycles": (_CYCLE_ANCHORS, 40, 90),
    "within_days": ((r"[0-9]\s+ngay",), 40, 130),
    "event": ((r"khi\s",), 40, 110),
    "session": ((r"ky\s+hop",), 10, 60),
    "slot_line": ((r"\n[ \t|*+-]*(?:nam\s|thuong|thuc\s|theo\s|ngay\s|thang\s|[0-9])",), 0, 0),
    "time_slot": ((r"thoi\s+(?:gian|han)", r"han\s*:"), 0, 0),
}
_ANCHOR_RE = {p: re.compile(p) for patterns, _, _ in _ANCHORS.values() for p in patterns}
LINE_RULES = {"slot_line", "time_slot"}
_SMALL = 2000  # below this many characters a window search costs more than it saves


def _anchor_spans(pattern: str, folded: str, cache: dict) -> list[tuple[int, int]]:
    spans = cache.get(pattern)
    if spans is None:
        spans = cache[pattern] = [m.span() for m in _ANCHOR_RE[pattern].finditer(folded)]
    return spans


def _anchor_found(pattern: str, folded: str, cache: dict) -> bool:
    key = "?" + pattern  # on a short text only whether the anchor occurs matters
    found = cache.get(key)
    if found is None:
        found = cache[key] = _ANCHOR_RE[pattern].search(folded) is not None
    return found


def windows(rule: Rule, folded: str, cache: dict) -> list[tuple[int, int]]:
    n = len(folded)
    if rule.name not in _ANCHORS:
        return [(0, n)]
    patterns, back, ahead = _ANCHORS[rule.name]
    if n <= _SMALL:
        # A short text is scanned whole, but only when the rule can match at all. Outside the line
        # rules every match contains one of the rule's anchors, so no anchor means no match; the
        # anchors are cheap literal-prefix searches shared by several rules, the rules are not.
        if rule.name == "time_slot":
            return [(0, n)] if ":" in folded else []  # its anchors miss "hạn báo cáo:", its colon does not
        if rule.name in LINE_RULES or any(_anchor_found(p, folded, cache) for p in patterns):
            return [(0, n)]
        return []
    spans: list[tuple[int, int]] = [(0, 0)] if rule.name == "slot_line" else []
    for p in patterns:
        spans += _anchor_spans(p, folded, cache)
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if rule.name in LINE_RULES:
            lo = (
                folded.rfind("\n", 0, s + 1) + 1 if rule.name == "slot_line" else folded.rfind("\n", 0, s) + 1
            )
            nl = folded.find("\n", max(e, lo))
            if rule.name == "time_slot" and nl >= 0:
                nl = folded.find("\n", nl + 1)
            hi = n if nl < 0 else nl
        else:
            lo, hi = max(0, s - back), min(n, e + ahead)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


_PROSE_RULES = [rule for rule in RULES if not rule.slot_only]
_SLOT_RULES = [rule for rule in RULES if rule.name not in LINE_RULES]
# On a short text a rule must also pass a stricter test than its anchor, one its every match
# passes: "quy" is mostly "quy định", a quarter has its numeral; a period rule has its cue word
# (the last word of _PERIOD_CUE) right before the month, quarter or year. These are only tests
# before a scan: the windows of a long text keep the anchors above.
_QUARTER_CHECK = r"qu[yi]\s+(?:i|[1-4])"
_CUE_END = r"(?:trong|cuoi|het|thanh|xong)\s+"
_SHORT_CHECKS = {
    name: re.compile(pattern)
    for name, pattern in (
        ("quarter", _QUARTER_CHECK),
        ("quarter_range", _QUARTER_CHECK),
        ("bare_quarter", _QUARTER_CHECK),
        ("quarter_no_year", _CUE_END + _QUARTER_CHECK),
        ("month", _CUE_END + r"thang\s+\d"),
        ("year", _CUE_END + r"nam\s+\d{4}"),
        ("time_slot", ":"),  # its anchors miss "hạn báo cáo:", its colon does not
    )
}


def _top_level(pattern: str) -> str:
    """``pattern`` with escapes, character classes and groups blanked: its top-level characters."""
    out, depth, in_class, i = [], 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append("  ")  # an escape (\s, \n, \.) is never a plain letter or a "|"
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif depth == 0:
            out.append(ch)
            i += 1
            continue
        out.append(" ")
        i += 1
    return "".join(out)


def _required_word(pattern: str) -> str:
    """Letters every match of the anchor ``pattern`` holds: its leading top-level letters (unless
    a quantifier follows them), else its trailing ones. No anchor alternates at top level."""
    top = _top_level(pattern)
    assert "|" not in top, pattern
    lead = re.match("[a-z]*", top).group()
    if lead and top[len(lead) : len(lead) + 1] not in ("?", "*", "+", "{"):
        return lead
    return re.search("[a-z]*$", top).group()


def _anchors_by_word() -> list[tuple[str, list[tuple[str, re.Pattern[str]]]]]:
    by_word: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for name, (patterns, _, _) in _ANCHORS.items():
        if name in LINE_RULES:
            continue  # never searched on a short text
        for p in patterns:
            group = by_word.setdefault(_required_word(p), [])
            if (p, _ANCHOR_RE[p]) not in group:
                group.append((p, _ANCHOR_RE[p]))
    return list(by_word.items())


# On a short text an anchor is searched only when its word occurs: ``in`` costs far less than a
# search, and most anchor words ("thang", "hang", "khi", "ky hop" …) are absent from a passage.
_ANCHORS_BY_WORD = _anchors_by_word()


def _short_text_plan(rules: list[Rule]) -> list[tuple[Rule, frozenset[str] | None, re.Pattern[str] | None]]:
    """Per rule: the anchors one of which must occur (None: no such test) and its stricter check."""
    plan = []
    for rule in rules:
        anchors = None
        if rule.name in _ANCHORS and rule.name not in LINE_RULES:
            anchors = frozenset(_ANCHORS[rule.name][0])
        plan.append((rule, anchors, _SHORT_CHECKS.get(rule.name)))
    return plan


_SHORT_PLAN = {False: _short_text_plan(_PROSE_RULES), True: _short_text_plan(_SLOT_RULES)}


def rules_to_run(folded: str, slot: bool) -> list[tuple[Rule, list[tuple[int, int]]]]:
    """The rules worth running over ``folded`` (prose or a time slot), each with its windows."""
    n = len(folded)
    if n > _SMALL:
        cache: dict = {}
        candidates = _SLOT_RULES if slot else _PROSE_RULES
        return [(rule, spans) for rule in candidates if (spans := windows(rule, folded, cache))]
    # A short text is scanned whole by a rule when one of its anchors occurs (the same choice as
    # ``windows``) and its stricter check passes.
    present = {
        p for word, anchors in _ANCHORS_BY_WORD if word in folded for p, rx in anchors if rx.search(folded)
    }
    whole = [(0, n)]
    return [
        (rule, whole)
        for rule, anchors, check in _SHORT_PLAN[slot]
        if (anchors is None or not anchors.isdisjoint(present)) and (check is None or check.search(folded))
    ]


def _fold_for_rules_char(ch: str) -> str:
    return _FOLD_EXTRA.get(ord(ch)) or fold_char(ch)


_RULE_FOLD = SameLengthFold(_fold_for_rules_char)


def fold_for_rules(text: str) -> str:
    """Fold for the rule patterns, one character to one: as ``fold_same_length``, and also
    '*' → ' ', the dashes → '-', no-break space → ' '."""
    return _RULE_FOLD(text)
