"""Text folding for search and rule matching: diacritics removed, đ → d, lower case."""

import codecs
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

_NON_KEY = re.compile(r"[^a-z0-9]+")

_VIETNAMESE_LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
# The usual characters of Vietnamese text: NUL, printable ASCII, tab and line ends, the
# Vietnamese letters in both cases, common punctuation. The indicator scan encodes text over
# these characters (one byte each, at most 256).
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


# The characters the fast path of ``SameLengthFold`` maps, one byte each (256 at most): ASCII but
# A-Z, the Vietnamese lower-case letters, the rest of Latin-1 that is its own lower case, and
# common punctuation.
FAST_CHARS = "".join(
    dict.fromkeys(
        "".join(chr(c) for c in range(128) if not "A" <= chr(c) <= "Z")
        + _VIETNAMESE_LOWER
        + "".join(chr(c) for c in range(0xA0, 0x100) if chr(c).lower() == chr(c))
        + "".join(chr(c) for c in range(0x2010, 0x2028))  # dashes, quotes, bullet, ellipsis
        + "‰′″₫→−≤≥●■™\u200b\ufeff"
    )
)
assert len(FAST_CHARS) <= 256 and FAST_CHARS[0] == "\0"  # what codecs.charmap_build needs


class SameLengthFold:
    """Fold text one character to one character with ``fold_one``: offsets into the folded text
    are offsets into the original.

    A document folds some 10,000 characters; ``str.translate`` with a dict spends about 60 ns on
    each (0.6 ms a document). So the text is lower-cased, each character encoded to its own byte
    by a charmap codec over FAST_CHARS and each byte decoded to the folded character, all in C.
    This is exact: ``str.lower`` maps each character on its own, and every character whose lower
    case lies in FAST_CHARS lowers to one character that folds like itself (checked over all of
    Unicode in tests/vn/test_fold.py). Text with any other character takes ``str.translate``.
    """

    def __init__(self, fold_one: Callable[[str], str]):
        chars = FAST_CHARS.ljust(256, "\ufffe")  # U+FFFE marks an unused byte
        self._encoding = codecs.charmap_build(chars)
        self._decoding = "".join(c if c == "\ufffe" else fold_one(c) for c in chars)
        self._table = _FoldTable(fold_one)

    def __call__(self, text: str) -> str:
        try:
            encoded = codecs.charmap_encode(text.lower(), "strict", self._encoding)[0]
        except UnicodeEncodeError:
            return text.translate(self._table)
        return codecs.charmap_decode(encoded, "strict", self._decoding)[0]


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
