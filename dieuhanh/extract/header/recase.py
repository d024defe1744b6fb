"""A subject printed in capitals gets the capitals the document itself gives its words.

"CHỦ ĐỘNG ỨNG PHÓ MƯA LŨ TẠI KHU VỰC TRUNG BỘ" is first put in sentence case; then each word
takes a capital where the document writes it so after the same word in running text ("khu vực
Trung Bộ", "Thủ tướng Chính phủ", "tỉnh Lai Châu"); a pair the text never has is settled by how
the word is written inside sentences anywhere ("Phạm"); otherwise the word stays in lower case."""

from __future__ import annotations

import re
from collections.abc import Iterator

_SCAN_CHARS = 20_000  # the opening of a long document says enough
# Words never written with a capital inside a sentence: not looked up.
_FUNCTION_WORDS = frozenset(
    {"của", "và", "về", "các", "tại", "trên", "cho", "với", "theo", "trong", "đến", "để", "những"}
    | {"một", "số", "việc", "được", "là", "có", "từ", "đối", "đã", "sẽ", "này", "đó", "khi", "như"}
    | {"sau", "hoặc", "năm", "ngày", "tháng", "thực", "hiện", "công", "tác", "triển", "khai"}
)
_WORD = re.compile(r"^(?P<before>\W*)(?P<word>[^\W\d_]+)(?P<after>.*)$")


def recase_from_document(subject: str, masked: str) -> str:
    words = subject.split()
    if not words:
        return subject
    flat = " ".join(masked[:_SCAN_CHARS].split())
    low = flat.lower()
    if len(low) != len(flat):
        return subject  # a letter whose lower case is longer: positions would not match
    keys = [_key(w) for w in words]
    out = [words[0]]
    for before, key, word in zip(keys, keys[1:], words[1:], strict=False):
        m = _WORD.match(word)
        if m and key and key not in _FUNCTION_WORDS and _written_with_capital(flat, low, before, key):
            word = m.group("before") + m.group("word").capitalize() + m.group("after")
        out.append(word)
    return " ".join(out)


def _key(word: str) -> str | None:
    m = _WORD.match(word)
    return m.group("word").lower() if m and not m.group("after") else None


def _written_with_capital(flat: str, low: str, before: str | None, key: str) -> bool:
    """Whether the text writes ``key`` with a capital more often than not after ``before``, or,
    when it never has the pair, inside its sentences (not at their start)."""
    capital = key.capitalize()
    if capital not in flat:
        return False  # never written with a capital: nothing to count
    if before:
        offset = len(before) + 1
        pair = f"{before} {key}"
        written = [flat[i + offset] for i in _whole_words(low, pair) if not flat[i : i + len(pair)].isupper()]
        if written:
            return sum(c.isupper() for c in written) * 2 > len(written)
    # Inside a sentence: after a blank, not after a full stop, a colon, a bracket or a bullet.
    capitals = sum(1 for i in _whole_words(flat, capital) if i >= 2 and flat[i - 2] not in ".:;?!(-+•")
    return capitals > flat.count(" " + key)


def _whole_words(text: str, phrase: str) -> Iterator[int]:
    """Where ``phrase`` stands in ``text`` as whole words."""
    i = text.find(phrase)
    while i >= 0:
        end = i + len(phrase)
        if (i == 0 or not text[i - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield i
        i = text.find(phrase, i + 1)
