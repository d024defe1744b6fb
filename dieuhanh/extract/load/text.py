"""Plain text files (UTF-8, UTF-16, legacy TCVN3/VNI, Windows-1258) and the normalisation
every format's text goes through.

Normalisation keeps every visible character where it was (light Markdown such as `**bold**`
or a trailing `\\` stays), so the later stages' spans stay stable: NFC, `\\n` line ends, no
control characters but `\\n`/`\\t`, plain spaces for non-breaking ones.
"""

from __future__ import annotations

import re
import unicodedata

from dieuhanh.extract import legacy
from dieuhanh.extract.errors import ExtractError
from dieuhanh.extract.load.result import Decoded

CORRUPT = "Không đọc được tệp văn bản {name}."

_REPLACEMENTS = {
    **dict.fromkeys("\x0b\x0c\x85\u2028\u2029", "\n"),
    **dict.fromkeys("\u00a0\u2007\u202f", " "),
}
# Control characters but \t and \n, invisible ones, odd line breaks and spaces.
_ODD_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00a0\u00ad\u2007\u200b\u2028\u2029\u202f\u2060\ufeff]"
)


def normalize_text(text: str) -> str:
    """NFC, '\\n' line ends, no control or invisible characters, plain spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ODD_CHARACTERS.sub(lambda m: _REPLACEMENTS.get(m.group(), ""), text)
    return unicodedata.normalize("NFC", text)


# A text file with more control bytes or undecodable characters than this is not text.
_MAX_JUNK_RATIO = 0.05
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_BINARY_MESSAGE = "Tệp {name} không phải văn bản (dữ liệu nhị phân hoặc bảng mã không đọc được)."
# What text files do not hold: control characters (but tab, line ends, form feed and the old
# end-of-file mark) and characters that could not be decoded.
_JUNK = re.compile("[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f\ufffd]")


def read(data: bytes, filename: str) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_unicode(data, codec, filename)
    utf16 = _sniff_utf16(data)
    if utf16:
        return _decode_unicode(data, utf16, filename)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_8bit(data, filename)
    _reject_junk(text, filename)
    return with_legacy(text, "utf-8", [])


def _decode_unicode(data: bytes, codec: str, filename: str) -> Decoded:
    text = data.decode(codec, errors="replace")
    _reject_junk(text, filename)
    return with_legacy(text, codec, _replacement_warning(text))


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL high bytes on ASCII characters, one side only."""
    sample = data[:8192]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _decode_8bit(data: bytes, filename: str) -> Decoded:
    """Bytes that are not UTF-8: mostly-UTF-8 with a few bad bytes, TCVN3/VNI, or Windows-1258."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= len(text) * 0.01 and legacy.has_unicode_vietnamese(text):
        return with_legacy(text, "utf-8", _replacement_warning(text))
    surface = data.decode("latin-1")
    converted, encoding = legacy.to_unicode(surface)
    if encoding:
        return Decoded(converted, encoding, [converted_warning(encoding)])
    text = data.decode("cp1258", errors="replace")
    if legacy.has_unicode_vietnamese(unicodedata.normalize("NFC", text)):
        _reject_junk(text, filename)
        return Decoded(text, "cp1258", ["Tệp không phải UTF-8; đã đọc theo bảng mã Windows-1258."])
    text = data.decode("cp1252", errors="replace")
    _reject_junk(text, filename)
    return Decoded(
        text,
        "cp1252",
        [
            "Tệp không phải UTF-8 và không nhận ra bảng mã tiếng Việt; đã đọc theo Windows-1252, có thể sai dấu."
        ],
    )


def _reject_junk(text: str, filename: str) -> None:
    if len(_JUNK.findall(text)) > _MAX_JUNK_RATIO * len(text):
        raise ExtractError(_BINARY_MESSAGE.format(name=filename))


def _replacement_warning(text: str) -> list[str]:
    bad = text.count("\ufffd")
    if not bad:
        return []
    return [f"Có {bad} ký tự không giải mã được; đã thay bằng dấu �."]


def with_legacy(text: str, encoding: str, warnings: list[str]) -> Decoded:
    """Unicode text may still hold TCVN3/VNI letters pasted from an old document."""
    converted, legacy_encoding = legacy.to_unicode(text)
    if legacy_encoding:
        return Decoded(converted, legacy_encoding, [*warnings, converted_warning(legacy_encoding)])
    return Decoded(text, encoding, warnings)


def converted_warning(encoding: str, font: str | None = None) -> str:
    label = legacy.LABELS[encoding]
    where = f" (phông {font})" if font else ""
    return f"Đã chuyển mã {label}{where} sang Unicode."
