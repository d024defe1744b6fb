"""Text folding for search and rule matching: diacritics removed, đ → d, lower case."""

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

_NON_KEY = re.compile(r"[^a-z0-9]+")

_VIETNAMESE_LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
# The usual characters of Vietnamese text: NUL, printable ASCII, tab and line ends, the
# Vietnamese letters in both cases, common punctuation. Not used by folding itself; the
# indicator scan encodes text over these characters (one byte each, at most 256).
COMMON_CHARS = "".join(
    dict.fromkeys(
        "\0"
        + "".join(chr(c) for c in range(32, 127))
        + "\t\n\r"
        + _VIETNAMESE_LOWER
        + _VIETNAMESE_LOWER.upper()
        + "‐‑‒–—‘’‚‛“”„‟•…"
        + "\xa0≥≤°×→₫−"
    )
)


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
    """A ``str.translate`` table filled on first use of each character (a document uses a few
    hundred distinct characters; Unicode has a million)."""

    def __init__(self, fold_one: Callable[[str], str]):
        super().__init__()
        self.fold_one = fold_one

    def __missing__(self, code: int) -> str:
        folded = self[code] = self.fold_one(chr(code))
        return folded


class SameLengthFold:
    """Fold text one character to one character with ``fold_one``: offsets into the folded text
    are offsets into the original."""

    def __init__(self, fold_one: Callable[[str], str]):
        self._table = _FoldTable(fold_one)

    def __call__(self, text: str) -> str:
        return text.translate(self._table)


_FOLD = SameLengthFold(fold_char)


def fold_same_length(text: str) -> str:
    """Fold an NFC string character by character; the result has the same length as ``text``."""
    return _FOLD(text)


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ → d) and collapse whitespace; punctuation is kept."""
    return " ".join(_FOLD(nfc(text)).split())


def fold_key(text: str) -> str:
    """Fold and keep only ``[a-z0-9]`` tokens joined by single spaces: a key for lookups."""
    return " ".join(_NON_KEY.sub(" ", fold(text)).split())
