"""The body as a tree of blocks: numbered sections, lettered items, bullets, paragraphs, tables.

The nesting of markers is learnt from the document itself: a marker family
seen for the first time opens a level below the current one, a family already
open closes everything under it. That single rule reads "I. / 1. / a) / -",
"Phần I / 1. / 1.1. / +" and "1. / - / +" alike, whatever order a drafter used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dieuhanh.extract.normalize import LOWER, UPPER, Line, match_marker
from dieuhanh.extract.tables import Table

_TITLE = re.compile(
    r"^(?:KẾ HOẠCH|PHỤ LỤC|CHƯƠNG TRÌNH|QUY CHẾ|QUY ĐỊNH|ĐỀ ÁN|DANH MỤC|BIỂU|MẪU|HƯỚNG DẪN|"
    r"PHƯƠNG ÁN|THÔNG BÁO|KẾT LUẬN|ĐIỀU LỆ)\b[^" + LOWER + r"]*$"
)
_LOWER_LETTER = re.compile(f"[{LOWER}]")
_FOOTNOTE = re.compile(r"^\[\d{1,3}\]\s")
# Usual depth of each marker family, used only when a document's own order is ambiguous.
_RANK = {
    "part": 0,
    "article": 1,
    "roman": 2,
    "num1": 3,
    "num2": 4,
    "num3": 5,
    "num4": 6,
    "letter": 7,
    "(num)": 8,
    "num)": 8,
    "(roman)": 9,
    "dash": 10,
    "plus": 11,
    "dot": 12,
}
_TITLE_START = re.compile(
    r"^(?:KẾ HOẠCH|PHỤ LỤC|CHƯƠNG TRÌNH|QUY CHẾ|QUY ĐỊNH|ĐỀ ÁN|DANH MỤC|HƯỚNG DẪN|PHƯƠNG ÁN)\b"
)
_TITLE_INITIALS = "KPCQĐDBMHT"  # of the title words above (an empty text goes on to the patterns)
assert all(word.strip()[0] in _TITLE_INITIALS for word in _TITLE.pattern[4:].split(")")[0].split("|"))
_RECIPIENTS = re.compile(r"^(?:Nơi nhận|NƠI NHẬN)\s*:?")
_SIGNATURE = re.compile(r"^(?:TM\.|KT\.|TL\.|Q\.|TUQ\.)\s*[" + UPPER + "]")
_SIGNATURE_INITIALS = frozenset("TKQ")  # of the signing prefixes above
# The issuer turning to the addressees ("Bộ Tài chính trân trọng đề nghị Ủy ban nhân dân các tỉnh
# …") speaks for the whole letter, not for the item above it.
_ISSUER_REQUEST = re.compile(r"^[^,.;:]{3,80}? (?:trân trọng|kính) (?:đề nghị|yêu cầu) ")
_DEADLINE_LINE = re.compile(
    r"(?:Thời hạn|Thời gian)(?: thực hiện| hoàn thành)?:? (?:chậm nhất|trước|trong|đến|không quá|hoàn thành)\b"
)
_HEADING_END = re.compile(r"[.;!?][\"”’)\]]*$")
_CLOSERS = '"”’)]\n'


def _heading_end(text: str) -> bool:
    """``_HEADING_END.search(text)``. The pattern ends in "$" and has no prefix for the regex
    engine to jump to, so a search tries every position; a match can only start just before the
    closing run (the closers and a final newline), and the search starts there."""
    return _HEADING_END.search(text, max(0, len(text.rstrip(_CLOSERS)) - 2)) is not None


def marker_key(marker: str) -> str:
    """The family of a marker: items of one family are siblings."""
    m = marker.strip()
    first = m[0]
    # Digits and bullets open no part, article or Roman marker: they are told apart first.
    if first.isdigit():
        if m.endswith(")"):
            return "num)"
        depth = m.rstrip(".").count(".") + 1
        return f"num{depth}"
    if first in "-–—":
        return "dash"
    if first == "+":
        return "plus"
    if m[:4] in ("Phần", "PHẦN") or m[:6] in ("Chương", "CHƯƠNG") or m[:3] in ("Mục", "MỤC"):
        return "part"
    if m[:4] in ("Điều", "ĐIỀU"):
        return "article"
    if first in "IVX" and m.rstrip(".)").strip("IVX") == "":
        return "roman"
    if first == "(":
        return "(roman)" if m[1] in "ivx" else "(num)"
    if first.isalpha():
        return "letter"
    return "dot"


@dataclass(slots=True)
class Block:
    """A node of the body tree. ``line`` holds the marker; ``body`` is the clean offset after it.

    With slots: a document has hundreds of blocks, and an instance without a ``__dict__`` is one
    object less for the allocator and the garbage collector to handle."""

    kind: str  # "item", "paragraph", "table", "title"
    line: Line | None = None
    marker: str = ""
    key: str = ""
    body: int = 0
    table: Table | None = None
    continuation: bool = False
    children: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Own text without the marker."""
        return self.line.text[self.body :].strip() if self.line else ""

    @property
    def heading_like(self) -> bool:
        """A short title or a lead-in ending with a colon, not a full sentence."""
        text = self.text
        if not text:
            return True
        if text.endswith(":"):
            return True
        if _heading_end(text):
            return False
        return len(text.split()) <= 40

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def split_marker(line: Line) -> tuple[str, int]:
    """The marker at the start of a line (or "") and the clean offset of the text after it."""
    m = match_marker(line.text)
    if not m:
        return "", 0
    return m.group().strip(), _text_after(line.text, m.end())


def _text_after(text: str, end: int) -> int:
    """The offset of the text after a marker ending at ``end``: its spaces skipped."""
    while end < len(text) and text[end] == " ":
        end += 1
    return end


def is_title(text: str) -> bool:
    """An all-capitals part title ("KẾ HOẠCH", "PHỤ LỤC I") that restarts the structure."""
    if text.lstrip()[:1] not in _TITLE_INITIALS:
        return False  # every title opens with one of these letters: skip the patterns
    head = text[:24]
    return bool(_TITLE.match(head.split("(")[0].strip())) or bool(
        _TITLE.match(text) or (_TITLE_START.match(text) and not _LOWER_LETTER.search(head))
    )


def build_tree(elements: list[Line | Table]) -> Block:
    """Nest lines and tables into a tree under a root block."""
    root = Block("root")
    stack: list[Block] = [root]
    keys: list[str] = [root.key]  # the key of each block of ``stack``
    in_recipients = False
    in_footnotes = False
    for el in elements:
        if isinstance(el, Table):
            stack[-1].children.append(Block("table", table=el))
            continue
        text = el.text
        # Each pattern below opens with a fixed letter: the first character rules most lines out.
        first = text[:1]
        if first == "[" and _FOOTNOTE.match(text):
            in_footnotes = True
        if in_footnotes and not is_title(text):
            continue
        in_footnotes = False
        if first == "N" and _RECIPIENTS.match(text):
            in_recipients = True
            continue
        # ``split_marker`` inline: the offset after the marker is wanted only for items.
        found = match_marker(text)
        marker = found.group().strip() if found else ""
        if in_recipients:
            if marker and marker_key(marker) in ("dash", "plus", "dot"):
                continue
            in_recipients = False
        if first in _SIGNATURE_INITIALS and _SIGNATURE.match(text):
            continue
        if is_title(text):
            title = Block("title", line=el)
            root.children.append(title)
            stack = [root, title]
            keys = [root.key, title.key]
            continue
        if marker:
            key = marker_key(marker)
            node = Block("item", line=el, marker=marker, key=key, body=_text_after(text, found.end()))
            if key in keys:
                at = keys.index(key)
                del stack[at:], keys[at:]
            else:
                rank = _RANK.get(key, 99)
                if rank <= _RANK["roman"]:
                    # A part, article or Roman section is never an item of a lead-in sentence
                    # ("…, UBND tỉnh ban hành Kế hoạch như sau:" then "I. MỤC ĐÍCH").
                    while len(stack) > 1 and stack[-1].key == "lead-in":
                        stack.pop()
                        keys.pop()
                while len(stack) > 1 and stack[-1].kind == "item" and _RANK.get(stack[-1].key, 99) >= rank:
                    stack.pop()
                    keys.pop()
            stack[-1].children.append(node)
            stack.append(node)
            keys.append(key)
            continue
        # The closing sentence ("… nghiêm túc thực hiện./.") belongs to no item.
        parent = stack[0] if text.endswith("/.") or _ISSUER_REQUEST.match(text) else stack[-1]
        node = Block("paragraph", line=el)
        deadline_line = _DEADLINE_LINE.match(text) is not None
        if deadline_line and parent.kind == "item" and parent.heading_like:
            last = parent.children[-1] if parent.children else None
            if last is not None and last.kind == "paragraph" and not last.continuation:
                # "1. Sở X chủ trì …:" then the duty, then "Thời hạn … kể từ ngày ban hành": the
                # deadline is the duty's, not a passage of its own under the lead-in.
                parent = last
                node.continuation = True
        if parent.kind == "item" and (not parent.heading_like or deadline_line):
            # "Thời hạn chậm nhất 10 ngày làm việc kể từ ngày ký." on its own line under an item
            # is that item's deadline.
            node.continuation = True
        parent.children.append(node)
        if text.endswith(":") and not node.continuation:
            # A lead-in ("… gồm các nội dung sau:") holds the items that follow it.
            node.key = "lead-in"
            stack.append(node)
            keys.append(node.key)
    return root
