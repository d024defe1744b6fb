"""Working text for the rules, with an offset map back to the original text.

Directives arrive as web crawls (hard-wrapped lines, ``**`` bold markers, ``|``
table debris) or PDF extractions (a blank line after every line, words cut
across lines). The rules want one clean logical line per paragraph or item;
the review page wants spans in the text the user uploaded. A ``Line`` holds
both: its clean ``text`` and the runs that map each clean character back.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate, compress, repeat
from operator import add, is_not, itemgetter
from typing import NamedTuple

# Vietnamese letters by case, for character classes: the Unicode blocks interleave upper and lower
# case, so a range such as "À-Ỹ" would take both.
UPPER = "A-Z" + "".join(sorted({c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper() and c.isalpha()}))
LOWER = "a-z" + "".join(sorted({c for c in map(chr, range(0xC0, 0x1EFA)) if c.islower() and c.isalpha()}))

# A run of kept text: words joined by single ordinary spaces.
_RUN = re.compile(r"[^\s*|\\]+(?: [^\s*|\\]+)*")
_MARKUP_AND_SPACE = " *|\\\t\u00a0\r"  # a line of only these has no run of text
_MARKUP = re.compile("[*|\\\\\t\u00a0\r]")  # a character class: the engine jumps to the first one
_RULE_LINE = re.compile(r"^[\s\-_=*.]{3,}$")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*\d{1,3}\s*-|Trang\s+\d{1,3}(?:/\d{1,3})?)\s*$")

# Markers that open a new block when they start a line.
MARKER = re.compile(
    r"""^(?:
        (?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+(?:[IVXLC]+|\d{1,2})\b[.:]?
      | (?:Điều|ĐIỀU)\s+\d{1,3}[.:]?(?=\s+["""
    + UPPER
    + r"""]|$)
      | [IVX]{1,5}[.)](?=\s|$|\S)
      | \d{1,3}(?:\.\d{1,2}){0,3}\.(?=\s|$|[^\d])
      | \d{1,3}(?:\.\d{1,2}){1,3}(?=\s)
      | \(?\d{1,3}\)\.?(?=\s|$)
      | \([ivx]{1,4}\)(?=\s|$)
      | [a-zđ][).](?=\s|$)
      | [-–—+•·●▪◦∙✓](?=\s|$|\S)
    )""",
    re.VERBOSE,
)
# The first characters of a MARKER match, alternative by alternative: the part and article words
# (P, C, M, Đ), Roman numerals (I, V, X), "(" and the bullets; digits (``\d``: any decimal digit,
# ``str.isdecimal``) are tested apart; a lowercase letter opens a marker only before ")" or ".".
_MARKER_FIRST = frozenset("PCMĐIVX(-–—+•·●▪◦∙✓")
_LETTER_MARKER = frozenset("abcdefghijklmnopqrstuvwxyzđ")
_LETTER_MARKER_ENDS = (")", ".")


def match_marker(text: str) -> re.Match[str] | None:
    """``MARKER.match(text)``; most lines open with a letter no marker starts with, and the pattern
    (a long alternation tried in full before failing) is not run on them."""
    first = text[:1]
    if (
        first in _MARKER_FIRST
        or first.isdecimal()
        or (first in _LETTER_MARKER and text[1:2] in _LETTER_MARKER_ENDS)
    ):
        return MARKER.match(text)
    return None


_TERMINAL = re.compile(r"[.;:!?][\"”’)\]]*$|\./\.$")
_INLINE_ENUM = re.compile(r"\((\d{1,2}|[ivx]{1,4})\)\s")
_WRAPPED_HYPHEN = re.compile(r"[-–] [" + LOWER + "]")
_JOINING_END = re.compile(r"[,\-–(/&]$")
# A line ending on a word that cannot end a phrase ("của", "và", "số") continues on the next line.
_OPEN_WORDS = ("của", "và", "tại", "với", "cho", "về", "các", "những", "thuộc", "trên", "đến", "từ", "là")
_OPEN_WORD_END = re.compile(r"(?:^|\s)(?:" + "|".join(_OPEN_WORDS) + ")$")
# The last character of a text these "$" patterns can match ("$" also matches before a final
# newline): any other last character rules a match out without running the pattern.
_TERMINAL_LAST = frozenset(".;:!?" + '"”’)]' + "\n")
_JOINING_LAST = frozenset(",-–(/&\n")
_OPEN_WORD_LAST = frozenset([word[-1] for word in _OPEN_WORDS] + ["\n"])
# The patterns above that end in "$" have no prefix for the regex engine to jump to, so a search
# tries every position of the line; they are searched from near the end instead (same matches).
_CLOSERS = '"”’)]\n'
_OPEN_WORD_REACH = 16  # longer than any word of _OPEN_WORD_END with its space


def _terminal(text: str) -> bool:
    """``_TERMINAL.search(text)``: a match starts at most 3 characters before the closing run."""
    if text[-1:] not in _TERMINAL_LAST:
        return False
    return _TERMINAL.search(text, max(0, len(text.rstrip(_CLOSERS)) - 3)) is not None


def _open_word_end(text: str) -> bool:
    if text[-1:] not in _OPEN_WORD_LAST:
        return False
    return _OPEN_WORD_END.search(text, max(0, len(text) - _OPEN_WORD_REACH)) is not None


_clean_start = itemgetter(0)  # the clean offset of a run


class Line(NamedTuple):
    """One logical line (a paragraph, an item or a table cell) in clean form.

    A named tuple rather than a dataclass: documents have thousands of lines and this is the
    cheapest immutable record Python has."""

    text: str
    runs: tuple[tuple[int, int, int], ...]  # (clean_start, original_start, length)
    blank_before: bool = False

    @property
    def start(self) -> int:
        return self.runs[0][1] if self.runs else 0

    @property
    def end(self) -> int:
        if not self.runs:
            return 0
        _, orig, length = self.runs[-1]
        return orig + length

    def orig(self, i: int) -> int:
        """Original offset of clean offset ``i`` (an end offset maps to just after its character)."""
        if not self.runs:
            return 0
        i = max(0, min(i, len(self.text)))
        k = bisect_right(self.runs, i, key=_clean_start) - 1
        if k < 0:
            return self.runs[0][1]
        clean, orig, length = self.runs[k]
        return orig + min(i - clean, length)

    def span(self, a: int = 0, b: int | None = None) -> tuple[int, int]:
        """Original span of clean slice ``[a:b]``, trimmed of spaces."""
        b = len(self.text) if b is None else b
        while a < b and self.text[a] == " ":
            a += 1
        while b > a and self.text[b - 1] == " ":
            b -= 1
        if a >= b:
            return (self.orig(a), self.orig(a))
        return (self.orig(a), self.orig(b - 1) + 1)

    def slice(self, a: int, b: int | None = None) -> Line:
        """A new line for clean slice ``[a:b]`` with its own runs."""
        b = len(self.text) if b is None else b
        if a == 0 and b == len(self.text):
            return self  # the whole line: its runs are already those of the slice
        runs = []
        for clean, orig, length in self.runs:
            lo, hi = max(clean, a), min(clean + length, b)
            if lo < hi:
                runs.append((lo - a, orig + lo - clean, hi - lo))
        return _new(Line, (self.text[a:b], tuple(runs), self.blank_before))


def join_lines(parts: list[Line]) -> Line:
    """Concatenate lines with one space between them."""
    if len(parts) == 1:  # most paragraphs are one line: nothing to shift
        part = parts[0]
        return part if part.text else _new(Line, ("", (), part.blank_before))
    text_parts: list[str] = []
    runs: list[tuple[int, int, int]] = []
    pos = 0
    for part in parts:
        if not part.text:
            continue
        if text_parts:
            text_parts.append(" ")
            pos += 1
        for clean, orig, length in part.runs:
            runs.append((pos + clean, orig, length))
        text_parts.append(part.text)
        pos += len(part.text)
    return _new(Line, ("".join(text_parts), tuple(runs), parts[0].blank_before if parts else False))


# Named tuples are built through a Python-level ``__new__``; the hot paths here (thousands of lines
# per document) call ``tuple.__new__`` directly: the same object, two to three times cheaper.
_new = tuple.__new__


class PhysicalLine(NamedTuple):
    """One line of the original text: where it starts and its raw content."""

    raw: str
    start: int


def split_lines(text: str, start: int = 0, end: int | None = None) -> tuple[list[str], list[int]]:
    """The lines of ``text[start:end]`` and the original offset of each (two parallel lists)."""
    end = len(text) if end is None else end
    raws = text[start:end].split("\n")
    # Each line starts one past the end of the previous one (its newline); built with C-level
    # ``map`` calls, no Python code per line. The extra offset after the last line is dropped.
    starts = list(accumulate(map(add, map(len, raws), repeat(1)), initial=start))
    starts.pop()
    return raws, starts


def physical_lines(text: str, start: int = 0, end: int | None = None) -> list[PhysicalLine]:
    """Split ``text[start:end]`` into lines, keeping each line's original offset."""
    raws, starts = split_lines(text, start, end)
    return list(map(_new, repeat(PhysicalLine), zip(raws, starts, strict=True)))


def clean_line(line: PhysicalLine, blank_before: bool = False) -> Line:
    """Drop markup (``*``, ``|``, trailing ``\\``) and collapse spaces; keep the offset runs."""
    return clean_raw(line.raw, line.start, blank_before)


def clean_raw(raw: str, start: int, blank_before: bool = False) -> Line:
    """``clean_line`` of the raw line ``raw`` found at offset ``start``."""
    if "  " not in raw and not _MARKUP.search(raw):
        lead = len(raw) - len(raw.lstrip(" "))
        text = raw.strip(" ")
        return _new(Line, (text, ((0, start + lead, len(text)),) if text else (), blank_before))
    if not raw.strip(_MARKUP_AND_SPACE):
        return _new(Line, ("", (), blank_before))  # a bare "|" between table cells: no text at all
    raw = raw.replace("\u00a0", " ").replace("\t", " ")
    text_parts: list[str] = []
    runs: list[tuple[int, int, int]] = []
    pos = 0
    prev_end = None
    for m in _RUN.finditer(raw):
        if text_parts and prev_end is not None:
            gap = raw[prev_end : m.start()]
            if " " in gap or "|" in gap:
                text_parts.append(" ")
                pos += 1
        seg = m.group()
        runs.append((pos, start + m.start(), len(seg)))
        text_parts.append(seg)
        pos += len(seg)
        prev_end = m.end()
    return _new(Line, ("".join(text_parts), tuple(runs), blank_before))


# What ``clean_raw`` cleans: a double space or a character of ``_MARKUP``.
_DIRT = ("  ", "*", "|", "\\", "\t", "\u00a0", "\r")


def _lines_to_clean(raws: list[str], texts: list[str]) -> set[int]:
    """Indices of the lines whose clean text is not ``texts[i]`` (the raw line stripped of markup
    and spaces at both ends) as a single run.

    Stripped text with neither markup nor a double space inside is one ``_RUN`` whenever it has no
    whitespace but " "; it then starts at its first occurrence in the raw line (what precedes it
    is markup and spaces). ``clean_raw`` cleans the other lines in full: those with markup or a
    double space left inside, found with ``str.find`` over all the texts at once (a few C scans
    instead of a test per line), and those holding another whitespace character (which
    ``_RUN`` splits at) when markup was stripped: a plain line is only stripped of spaces."""
    joined = "\n".join(texts)
    found: set[int] = set()
    for dirt in _DIRT:
        line, counted = 0, 0  # ``line`` is the index of the line holding ``joined[counted]``
        at = joined.find(dirt)
        while at >= 0:
            line += joined.count("\n", counted, at)
            found.add(line)
            counted = joined.find("\n", at) + 1  # the next line (0 after the last one)
            if not counted:
                break
            line += 1
            at = joined.find(dirt, counted)
    # Only a line that lost something at its ends can have lost markup; ``str.strip`` returns the
    # line itself when it strips nothing, so the others are passed over with a C-level ``map``.
    # Every whitespace character but " " is non-printable: printable texts hold none.
    for i in compress(range(len(texts)), map(is_not, raws, texts)):
        text = texts[i]
        if not text.isprintable() and any(dirt in raws[i] for dirt in _DIRT):
            found.add(i)
    return found


class CleanText:
    """The clean text of each line of ``split_lines``; runs and ``Line`` records only on demand.

    Most lines hold no markup: their clean text is the raw line less its edge spaces and their one
    run is built only for the lines a paragraph or a table cell takes, not for every line."""

    __slots__ = ("raws", "starts", "texts", "_runs")

    def __init__(self, raws: list[str], starts: list[int]) -> None:
        self.raws = raws
        self.starts = starts
        # A line without markup or double space has no character of the markup set but spaces:
        # stripping the set is ``clean_raw``'s ``strip(" ")``; a line of only markup and spaces
        # strips to "", as ``clean_raw`` finds; ``_lines_to_clean`` tells the other lines apart.
        self.texts = texts = list(map(str.strip, raws, repeat(_MARKUP_AND_SPACE)))
        self._runs: dict[int, tuple[tuple[int, int, int], ...]] = {}  # of the lines cleaned in full
        for i in _lines_to_clean(raws, texts):
            text, runs, _ = clean_raw(raws[i], starts[i])
            texts[i] = text
            self._runs[i] = runs

    @classmethod
    def from_lines(cls, raws: list[str], starts: list[int], lines: list[Line]) -> CleanText:
        """The clean text of lines already cleaned (``lines[i]`` is ``clean_raw`` of line ``i``)."""
        clean = cls.__new__(cls)
        clean.raws, clean.starts = raws, starts
        clean.texts = [line.text for line in lines]
        clean._runs = {i: line.runs for i, line in enumerate(lines)}
        return clean

    def runs(self, i: int) -> tuple[tuple[int, int, int], ...]:
        runs = self._runs.get(i)
        if runs is not None:
            return runs
        text = self.texts[i]
        if not text:
            return ()
        # The text is one run between markup and spaces (``_lines_to_clean``): it starts at its
        # first occurrence.
        return ((0, self.starts[i] + self.raws[i].find(text), len(text)),)

    def line(self, i: int, blank_before: bool = False) -> Line:
        """``clean_raw`` of line ``i``."""
        return _new(Line, (self.texts[i], self.runs(i), blank_before))

    def start(self, i: int) -> int:
        """``Line.start`` of line ``i``."""
        runs = self._runs.get(i)
        if runs is None:  # one run, as in ``runs``, without building it
            text = self.texts[i]
            return self.starts[i] + self.raws[i].find(text) if text else 0
        return runs[0][1] if runs else 0

    def end(self, i: int) -> int:
        """``Line.end`` of line ``i``."""
        runs = self._runs.get(i)
        if runs is None:
            text = self.texts[i]
            return self.starts[i] + self.raws[i].find(text) + len(text) if text else 0
        if not runs:
            return 0
        _, orig, length = runs[-1]
        return orig + length

    def joined(self, parts: list[int], blank_before: bool = False) -> Line:
        """``join_lines`` of lines ``parts``, all with text (``blank_before`` for the first).

        The one run of a line not cleaned in full (see ``runs``) is built here directly: this
        runs for every line of every paragraph."""
        texts, cleaned, raws, starts = self.texts, self._runs, self.raws, self.starts
        if len(parts) == 1:
            i = parts[0]
            text = texts[i]
            runs = cleaned.get(i)
            if runs is None:
                runs = ((0, starts[i] + raws[i].find(text), len(text)),)
            return _new(Line, (text, runs, blank_before))
        joined_runs: list[tuple[int, int, int]] = []
        pos = 0
        for i in parts:
            text = texts[i]
            runs = cleaned.get(i)
            if runs is None:
                joined_runs.append((pos, starts[i] + raws[i].find(text), len(text)))
            else:
                for clean, orig, length in runs:
                    joined_runs.append((pos + clean, orig, length))
            pos += len(text) + 1
        return _new(Line, (" ".join([texts[i] for i in parts]), tuple(joined_runs), blank_before))

    def paragraphs(self, order: Iterable[int]) -> list[Line]:
        """``paragraphs`` of the lines ``order`` (indices, in reading order)."""
        joined = self.joined
        order = list(order)
        bold_ends = {i for i in order if self.raws[i].rstrip().endswith("**")}
        return [joined(parts, blank) for parts, blank in paragraph_groups(self.texts, order, bold_ends)]


def clean_lines(raws: list[str], starts: list[int]) -> list[Line]:
    """``[clean_raw(raw, start) ...]`` of parallel lists from ``split_lines``."""
    line = CleanText(raws, starts).line
    return [line(i) for i in range(len(raws))]


def is_rule_line(text: str) -> bool:
    """A separator such as ``--------`` under a header, or a page number."""
    return bool(_RULE_LINE.match(text) or _PAGE_NUMBER.match(text))


def continues(prev: str, nxt: str, blank_between: bool) -> bool:
    """Whether ``nxt`` continues the paragraph ``prev`` (a line broken mid-phrase)."""
    return _continues(prev, match_marker(prev), nxt, match_marker(nxt), blank_between)


def _continues(prev: str, prev_marker, nxt: str, nxt_marker, blank_between: bool) -> bool:
    """``continues`` with the MARKER matches of both lines given: a line is matched once, not
    once as the next line and again as the previous one."""
    if prev_marker and prev_marker.end() >= len(prev.rstrip()):
        return True  # a bare marker ("1.") whose text is on the next line
    if _is_caps_title(prev) and nxt[0].isupper() and _HAS_LOWER.search(nxt):
        return False  # "QUY CHẾ" then "Phối hợp …": a title in capitals, then its subject line
    if nxt_marker:
        # "chính trị\n- xã hội": a hyphen that a wrap put at the start of a line, not a bullet.
        return bool(_WRAPPED_HYPHEN.match(nxt)) and not _terminal(prev)
    # ``_terminal``'s own first test, inline: most wrapped lines end on a letter.
    if prev[-1:] in _TERMINAL_LAST and _terminal(prev):
        return not blank_between and not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in '(“"')
    if not blank_between:
        return True
    first = nxt[0]
    if first.islower() or (prev[-1:] in _JOINING_LAST and _JOINING_END.search(prev)) or _open_word_end(prev):
        return True
    return first.isdigit() and not prev.endswith(":")


_HAS_LOWER = re.compile(f"[{LOWER}]")


def _is_caps_title(text: str) -> bool:
    """A line in capitals with at least one word of two letters ("KẾ HOẠCH", "QUY CHẾ")."""
    return not _HAS_LOWER.search(text) and re.search(f"[{UPPER}]{{2}}", text) is not None


# First characters a rule line or a page number can open with (besides whitespace).
_RULE_FIRST = frozenset("-_=*.T")


def paragraphs(lines: list[Line]) -> list[Line]:
    """Join lines broken mid-phrase into logical lines; rule lines and blanks are dropped."""
    out: list[Line] = []
    for parts, blank in paragraph_groups([line[0] for line in lines], range(len(lines))):
        text, runs, _ = lines[parts[0]]
        out.append(join_lines([_new(Line, (text, runs, blank)), *(lines[i] for i in parts[1:])]))
    return out


def paragraph_groups(
    texts: list[str], order: Iterable[int], bold_ends: set[int] = frozenset()
) -> list[tuple[list[int], bool]]:
    """The logical lines of ``texts[i] for i in order``: the indices of the lines each one joins,
    and whether a blank line comes before it. Rule lines and blanks are dropped.

    ``bold_ends`` are the lines whose bold text closes at their end: a capitalised line after
    one starts anew ("**3. Cục Y tế dự phòng**" then "Khẩn trương …" in a crawl without blank
    lines)."""
    out: list[tuple[list[int], bool]] = []
    pending: list[int] = []
    pending_blank = False  # whether a blank line comes before pending[0]
    pending_marker = None  # MARKER match of the last line of pending
    blank = False
    listed = 0  # the last "(n)" that opened a block
    prev_text = ""  # the text of the last line of pending
    for i in order:
        text = texts[i]
        if not text or text == "|":
            blank = True
            continue
        first = text[0]
        if (first in _RULE_FIRST or first.isspace()) and is_rule_line(text):
            continue
        enum = _INLINE_ENUM.match(text) if first == "(" else None
        inline_enum = False
        if enum and pending and not blank:
            # "…(đạt 62,8%);\n(2) Cắt giảm …" runs inside a wrapped paragraph; "(1)" after a colon,
            # or the next number of a list that already opened blocks, starts an item (the next but
            # one too: a crawl or a drafter may lose a number, "(4)" then "(6)").
            n = int(enum.group(1)) if enum.group(1).isdigit() else 0
            inline_enum = not (prev_text.endswith(":") or (n and listed and listed < n <= listed + 2))
        if enum and not inline_enum:
            listed = int(enum.group(1)) if enum.group(1).isdigit() else listed
        # ``match_marker`` inline (a call per line costs as much as the test).
        marker = (
            MARKER.match(text)
            if first in _MARKER_FIRST
            or first.isdecimal()
            or (first in _LETTER_MARKER and text[1:2] in _LETTER_MARKER_ENDS)
            else None
        )
        after_bold = (
            pending
            and pending[-1] in bold_ends
            and first.isupper()
            and not (pending_marker and pending_marker.end() >= len(prev_text))  # a bare "**1.**"
        )
        if (
            pending
            and not after_bold
            and (inline_enum or _continues(prev_text, pending_marker, text, marker, blank))
        ):
            pending.append(i)
        else:
            if pending:
                out.append((pending, pending_blank))
            pending = [i]
            pending_blank = blank
        pending_marker = marker
        prev_text = text
        blank = False
    if pending:
        out.append((pending, pending_blank))
    return out


def normalize(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Clean logical lines of ``text[start:end]``; every line maps back to ``text``."""
    clean = CleanText(*split_lines(text, start, end))
    return clean.paragraphs(range(len(clean.texts)))
