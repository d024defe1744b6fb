"""A subject printed in capitals gets the capitals the document itself gives its words.

"CHỦ ĐỘNG ỨNG PHÓ MƯA LŨ TẠI KHU VỰC TRUNG BỘ" is first put in sentence case; then each word is
written as the document writes it in running text beside the same neighbours: with both of them
("cơ sở văn hóa và" stays lower even where "Bộ Văn hóa" is capitalised), else with the word after
it ("Bộ Chính trị", "Khánh Hòa"), else with the word before it ("khu vực Trung Bộ"). A word the
text never has beside those neighbours is settled by how it is written inside sentences anywhere
("Phạm"); otherwise it stays as sentence case left it. A roman numeral that the text writes as a
word ("phạm vi") is put in lower case the same way."""

from __future__ import annotations

import re
from collections.abc import Iterator

_SCAN_CHARS = 20_000  # the opening of a long document says enough
# Words never written with a capital inside a sentence: not looked up.
_FUNCTION_WORDS = frozenset(
    {"của", "và", "về", "các", "tại", "trên", "cho", "với", "theo", "trong", "đến", "để", "những"}
    | {"một", "số", "việc", "được", "là", "có", "từ", "đối", "đã", "sẽ", "này", "đó", "khi", "như"}
    | {"sau", "hoặc", "năm", "ngày", "tháng"}
)
_LETTERS = re.compile(r"[^\W\d_]+")
_ROMAN = re.compile(r"[IVXLC]+")


def recase_from_document(subject: str, masked: str) -> str:
    words = subject.split()
    flat = " ".join(masked[:_SCAN_CHARS].split())
    low = flat.lower()
    if len(low) != len(flat):
        return subject  # a letter whose lower case is longer: positions would not match
    lowered = [w.lower() for w in words]
    out = words[:1]
    for i in range(1, len(words)):
        out.append(_as_written(flat, low, lowered, i, words[i]))
    return " ".join(out)


def _as_written(flat: str, low: str, lowered: list[str], i: int, word: str) -> str:
    m = _LETTERS.search(word)
    if not m or m.group().lower() in _FUNCTION_WORDS:
        return word
    letters = m.group()
    roman = bool(_ROMAN.fullmatch(letters))
    if not roman and not letters.islower():
        return word  # an acronym or a code kept by sentence case
    if not roman and letters.capitalize() not in flat:
        return word  # the text never writes it with a capital
    capital = _capital_beside_neighbours(flat, low, lowered, i, m.start())
    if capital is None and not roman:
        capital = _capital_inside_sentences(flat, letters.lower())
    if roman:
        return word if capital is not False else word.lower()
    return word[: m.start()] + letters.capitalize() + word[m.end() :] if capital else word


def _capital_beside_neighbours(flat: str, low: str, lowered: list[str], i: int, at: int) -> bool | None:
    """How the text writes word ``i`` (its letters start ``at`` characters into it) beside both
    neighbours, else the next one, else the previous one: True for a capital more often than
    not, False for lower case, None when the text never has the word there."""
    has_next = i + 1 < len(lowered)
    contexts = []
    if has_next:
        contexts.append((i - 1, i + 2))
        contexts.append((i, i + 2))
    contexts.append((i - 1, i + 1))
    for first, stop in contexts:
        phrase = " ".join(lowered[first:stop])
        start = len(" ".join(lowered[first:i])) + (1 if first < i else 0)  # of the word in the phrase
        written = [
            flat[k + start + at]
            for k in _whole_words(low, phrase)
            if not flat[k : k + len(phrase)].isupper() and not _opens_sentence(flat, k + start)
        ]
        if written:
            return sum(c.isupper() for c in written) * 2 > len(written)
    return None


def _opens_sentence(flat: str, i: int) -> bool:
    """Whether the word at ``i`` opens a sentence, an item or a bracket, where any word has a
    capital: not after a blank that follows a letter, a digit or a comma."""
    return i < 2 or flat[i - 2] in ".:;?!(-+•"


def _capital_inside_sentences(flat: str, key: str) -> bool:
    """Whether ``key`` is written with a capital more often than not inside sentences."""
    capital = key.capitalize()
    if capital not in flat:
        return False
    capitals = sum(1 for i in _whole_words(flat, capital) if not _opens_sentence(flat, i))
    return capitals > flat.count(" " + key)


def _whole_words(text: str, phrase: str) -> Iterator[int]:
    """Where ``phrase`` stands in ``text`` as whole words."""
    i = text.find(phrase)
    while i >= 0:
        end = i + len(phrase)
        if (i == 0 or not text[i - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield i
        i = text.find(phrase, i + 1)
