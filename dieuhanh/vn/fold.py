"""Text folding for search and rule matching: diacritics removed, đ → d, lower case."""

import codecs
import re
import unicodedata
from collections.abc import Callable
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

    def __init__(self, fold_one: Callable[[str], str]):
        super().__init__()
        self.fold_one = fold_one

    def __missing__(self, code: int) -> str:
        folded = self[code] = self.fold_one(chr(code))
        return folded


_VIETNAMESE_LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
# The characters of the fast path, one byte each (256 at most): ASCII but A-Z, the Vietnamese
# lower-case letters, the rest of Latin-1 that is its own lower case, and common punctuation.
FAST_CHARS = "".join(
    dict.fromkeys(
        "".join(chr(c) for c in range(128) if not "A" <= chr(c) <= "Z")
        + _VIETNAMESE_LOWER
        + "".join(chr(c) for c in range(0xA0, 0x100) if chr(c).lower() == chr(c))
        + "".join(chr(c) for c in range(0x2010, 0x2028))  # dashes, quotes, bullet, ellipsis
        + "‰′″₫→−≤≥●■™\u200b\ufeff"
    )
)

# The usual characters of Vietnamese text, one byte each: NUL (a charmap codec needs it first),
# printable ASCII, tab and line ends, the Vietnamese letters in both cases, common punctuation.
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
assert len(COMMON_CHARS) <= 256 and COMMON_CHARS[0] == "\0"


class SameLengthFold:
    """Fold text one character to one character with ``fold_one``, at the speed of two codecs.

    ``str.translate`` with a dict costs a dict lookup and an int object per character. Here the
    text is lower-cased, each character encoded to its own byte (a charmap codec over
    FAST_CHARS) and each byte decoded to the folded character: all in C, about ten times cheaper.

    Exact for any text, because ``str.lower`` maps each character on its own (the one context
    rule, Greek capital sigma, gives σ/ς, which are not in FAST_CHARS), and every character whose
    lower case lies in FAST_CHARS lowers to one character that folds like itself (checked over all
    of Unicode in tests/vn/test_fold.py). Text with any other character fails to encode and is
    folded by ``str.translate``.
    """

    def __init__(self, fold_one: Callable[[str], str]):
        assert len(FAST_CHARS) <= 256 and FAST_CHARS[0] == "\0"  # charmap_build needs both
        chars = FAST_CHARS.ljust(256, "\ufffe")  # U+FFFE marks an unused byte
        self._encoding = codecs.charmap_build(chars)
        self._decoding = "".join(c if c == "\ufffe" else fold_one(c) for c in chars)
        self._table = _FoldTable(fold_one)
        self._common_encoding = codecs.charmap_build(COMMON_CHARS.ljust(256, "\ufffe"))
        self._common_decoding = "".join(fold_one(c) for c in COMMON_CHARS).ljust(256, "\ufffe")

    def __call__(self, text: str) -> str:
        # Text of COMMON_CHARS only, upper case included, folds with no lower() call (about half
        # the cost): each character encodes to its byte and decodes to ``fold_one`` of itself,
        # which is what the paths below give too (lower-case first or not, see above).
        try:
            encoded = codecs.charmap_encode(text, "strict", self._common_encoding)[0]
        except UnicodeEncodeError:
            pass
        else:
            return codecs.charmap_decode(encoded, "strict", self._common_decoding)[0]
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
    folded = _FOLD(nfc(text))
    # Every whitespace character but " " is non-printable (categories Cc, Zs, Zl, Zp): text that
    # is printable and has no double space needs no collapsing, only trimming. Checking is far
    # cheaper than splitting into words.
    if folded.isprintable() and "  " not in folded:
        return folded.strip(" ")
    # split/join collapses and trims exactly the characters ``\s`` matches, without a regex.
    return " ".join(folded.split())


def fold_key(text: str) -> str:
    """Fold and keep only ``[a-z0-9]`` tokens joined by single spaces: a key for lookups."""
    return " ".join(_NON_KEY.sub(" ", fold(text)).split())
