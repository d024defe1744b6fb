"""Legacy Vietnamese encodings (TCVN3/ABC, VNI) to Unicode, on top of `viparse`.

Text typed in ".VnTime" (TCVN3) or "VNI-Times" (VNI) fonts reaches us as the
Latin-1 characters that share its byte values: "Céng hoµ x· héi" is
"Cộng hoà xã hội". viparse carries the conversion tables and a content detector
that refuses to convert genuine Unicode or another Latin language; this module
wraps both and adds the VNI letters its table lacks.

Conversion goes through viparse's table scan rather than `viparse.fix`, because
`fix` also collapses whitespace and strips lines, and the loader must keep
spacing (and so source spans) as the document had it.
"""

from __future__ import annotations

import re

import viparse
from viparse.normalize.tables import Charmap, build_charmap, convert
from viparse.normalize.tcvn3 import TCVN3
from viparse.normalize.vni import VNI

TCVN3_NAME = "tcvn3"
VNI_NAME = "vni"

# What a user is told the encoding was called.
LABELS = {TCVN3_NAME: "TCVN3", VNI_NAME: "VNI"}

# VNI writes ẳ with 0xFA (ú) and ỵ with 0xEE (î), not the ú/ï a symmetric table
# suggests: the breve and the descender leave no room for the usual mark glyph.
# viparse 0.1.31 lacks both, so "khẳng định" came back as "khaúng định".
_VNI_ADDITIONS = (("aú", "ẳ"), ("AÚ", "Ẳ"), ("yî", "ỵ"), ("YÎ", "Ỵ"))

_CHARMAPS: dict[str, Charmap] = {
    TCVN3_NAME: TCVN3,
    VNI_NAME: build_charmap(
        VNI_NAME,
        [pair for pair in VNI.pairs if pair[0] not in dict(_VNI_ADDITIONS)] + list(_VNI_ADDITIONS),
    ),
}

# Letters only Vietnamese Unicode text has (ă â đ ơ ư and every toned letter outside
# Latin-1, plus combining tone marks); legacy text read as Latin-1 has none of them.
_VIETNAMESE_ONLY = (
    "\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
    "\u0300\u0301\u0303\u0309\u0323\u1ea0-\u1ef9"
)
_UNICODE_VIETNAMESE = re.compile(f"[{_VIETNAMESE_ONLY}]")
# Characters a TCVN3/VNI byte surfaces as; U+2212/U+2219 are what PDF text layers
# make of TCVN3's ư and ã.
_LEGACY_SURFACE = re.compile("[\u00a1-\u00ff\u2212\u2219]")
_MIN_LEGACY_CHARS = 3
# Plain Unicode Vietnamese shows many of its own letters in its first lines already.
_QUICK_LOOK = 2000
_PLAINLY_UNICODE_LETTERS = 20

# PDF subset fonts carry a six-letter tag: "ABCDEF+.VnTime".
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def encoding_for_font(font: str | None) -> str | None:
    """The legacy encoding a font name implies: ".VnTime" → TCVN3, "VNI-Times" → VNI."""
    if not font:
        return None
    name = _SUBSET_TAG.sub("", font).upper()
    if name.startswith(".VN"):
        return TCVN3_NAME
    if name.startswith("VNI"):
        return VNI_NAME
    return None


def is_capital_font(font: str | None) -> bool:
    """TCVN3 capital fonts (".VnTimeH", ".VnArialH Bold") draw lower-case bytes as capitals:
    their text converts to lower case and must be put in capitals."""
    if encoding_for_font(font) != TCVN3_NAME:
        return False
    name = _SUBSET_TAG.sub("", font or "").upper().split(",")[0].split("-")[0].strip()
    family = name.split()[0] if name.split() else ""
    return name.endswith("H") or family.endswith("H")


def convert_from(text: str, encoding: str) -> str:
    """Convert text known to be in `encoding` ("tcvn3" or "vni"); spacing is kept."""
    return convert(text, _CHARMAPS[encoding])


def looks_legacy(text: str) -> bool:
    """Cheap pre-check: many Latin-1 letters and (almost) no Vietnamese-only Unicode letters."""
    if len(_UNICODE_VIETNAMESE.findall(text, 0, _QUICK_LOOK)) >= _PLAINLY_UNICODE_LETTERS:
        return False  # plainly Unicode Vietnamese: the common case, decided on the opening
    surface = len(_LEGACY_SURFACE.findall(text))
    if surface < _MIN_LEGACY_CHARS:
        return False
    return len(_UNICODE_VIETNAMESE.findall(text)) * 10 < surface


def has_unicode_vietnamese(text: str) -> bool:
    """Whether the text holds Vietnamese letters only Unicode (or Windows-1258) can spell."""
    return len(_UNICODE_VIETNAMESE.findall(text)) >= _MIN_LEGACY_CHARS


def to_unicode(text: str) -> tuple[str, str | None]:
    """Return (text in Unicode, detected legacy encoding or None).

    Genuine Unicode Vietnamese, other languages and fragments too short to judge come
    back unchanged with None.
    """
    if not looks_legacy(text):
        return text, None
    encoding = viparse.detect_text_encoding(text)
    if encoding not in _CHARMAPS:
        return text, None
    return convert_from(text, encoding), encoding
