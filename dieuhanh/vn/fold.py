"""Text folding for search and rule matching: diacritics removed, đ → d, lower case."""

import re
import unicodedata
from functools import lru_cache

_NON_KEY = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form stored everywhere in the project."""
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """Fold one character to exactly one character (so folded text keeps the original offsets)."""
    if ch in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)).lower()
    if len(base) == 1:
        return base
    return base[:1] if base else " "


class _FoldTable(dict):
    """``str.translate`` table filled on first use of each character: translating in C is far
    faster than a Python call per character, and a document uses only a few hundred characters."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold_same_length(text: str) -> str:
    """Fold an NFC string character by character; the result has the same length as ``text``."""
    return text.translate(_FOLD_TABLE)


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ → d) and collapse whitespace; punctuation is kept."""
    # split/join collapses and trims exactly the characters ``\s`` matches, without a regex.
    return " ".join(fold_same_length(nfc(text)).split())


def fold_key(text: str) -> str:
    """Fold and keep only ``[a-z0-9]`` tokens joined by single spaces: a key for lookups."""
    return " ".join(_NON_KEY.sub(" ", fold(text)).split())
