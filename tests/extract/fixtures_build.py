"""Build test inputs: legacy-encoded strings, .docx and .pdf files.

The TCVN3 and VNI encoders here are written from the published code charts, not
derived from viparse's decoding tables, so a wrong entry on either side shows up
as a failing round trip.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

# TCVN3 (ABC): tone order grave, hook, tilde, acute, dot below.
_TCVN3_TONED = {
    "a": "\xb5\xb6\xb7\xb8\xb9",
    "ă": "\xbb\xbc\xbd\xbe\xc6",
    "â": "\xc7\xc8\xc9\xca\xcb",
    "e": "\xcc\xce\xcf\xd0\xd1",
    "ê": "\xd2\xd3\xd4\xd5\xd6",
    "i": "\xd7\xd8\xdc\xdd\xde",
    "o": "\xdf\xe1\xe2\xe3\xe4",
    "ô": "\xe5\xe6\xe7\xe8\xe9",
    "ơ": "\xea\xeb\xec\xed\xee",
    "u": "\xef\xf1\xf2\xf3\xf4",
    "ư": "\xf5\xf6\xf7\xf8\xf9",
    "y": "\xfa\xfb\xfc\xfd\xfe",
}
_TCVN3_PLAIN = dict(
    zip("ăâêôơưđĂÂÊÔƠƯĐ", "\xa8\xa9\xaa\xab\xac\xad\xae\xa1\xa2\xa3\xa4\xa5\xa6\xa7", strict=True)
)
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # grave, hook, tilde, acute, dot


def _split_tone(char: str) -> tuple[str, int | None]:
    """("ế") -> ("ê", index of acute): the letter without its tone, and the tone."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = next((i for i, mark in enumerate(_TONES) if mark in decomposed), None)
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return bare, tone


def encode_tcvn3(text: str) -> bytes:
    """Unicode -> TCVN3 bytes. TCVN3 has no uppercase toned letters: keep them out of inputs."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        bare, tone = _split_tone(char)
        if tone is not None:
            if bare not in _TCVN3_TONED:
                raise ValueError(f"TCVN3 cannot spell {char!r}")
            out.append(_TCVN3_TONED[bare][tone])
        elif char in _TCVN3_PLAIN:
            out.append(_TCVN3_PLAIN[char])
        else:
            out.append(char)
    return "".join(out).encode("latin-1")


# VNI: tone marks after the base letter, in the same order as _TONES.
_VNI_TONE = ("ø", "û", "õ", "ù", "ï")
_VNI_CIRCUMFLEX = ("à", "å", "ã", "á", "ä")  # on â ê ô; bare circumflex is "â"
_VNI_BREVE = ("è", "ú", "ü", "é", "ë")  # on ă; bare breve is "ê"
_VNI_I = ("ì", "æ", "ó", "í", "ò")


def _vni_lower(bare: str, tone: int | None) -> str:
    if bare == "đ":
        return "ñ"
    if bare == "i":
        return "i" if tone is None else _VNI_I[tone]
    if bare in "âêô":
        return bare.translate(str.maketrans("âêô", "aeo")) + ("â" if tone is None else _VNI_CIRCUMFLEX[tone])
    if bare == "ă":
        return "a" + ("ê" if tone is None else _VNI_BREVE[tone])
    base = {"ơ": "ô", "ư": "ö"}.get(bare, bare)
    if tone is None:
        return base
    if bare == "y" and tone == 4:
        return "yî"
    return base + _VNI_TONE[tone]


def encode_vni(text: str) -> bytes:
    """Unicode -> VNI-Windows bytes (as a .txt typed in VNI-Times would hold them)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        bare, tone = _split_tone(char)
        lower = bare.lower()
        if lower in "aăâeêioôơuưyđ" and (tone is not None or lower in "ăâêôơưđ"):
            encoded = _vni_lower(lower, tone)
            out.append(encoded.upper() if bare != lower else encoded)
        else:
            out.append(char)
    return "".join(out).encode("cp1252")


def encode_cp1258(text: str) -> bytes:
    """Unicode -> Windows-1258: base letters precomposed, tone marks combining."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        bare, tone = _split_tone(char)
        out.append(bare if tone is None else bare + _TONES[tone])
    return "".join(out).encode("cp1258")


def build_docx(path: Path, blocks: list, *, default_font: str | None = None) -> Path:
    """Blocks: a str (paragraph), ("font", text, font_name) or ("table", rows, merges).

    `merges` lists ((row, col), (row, col)) corner pairs to merge.
    """
    import docx

    document = docx.Document()
    if default_font:
        document.styles["Normal"].font.name = default_font
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        elif block[0] == "font":
            run = document.add_paragraph().add_run(block[1])
            run.font.name = block[2]
        else:
            _, rows, merges = block
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value is not None:
                        table.cell(r, c).text = value
            for first, last in merges:
                table.cell(*first).merge(table.cell(*last))
    document.save(path)
    return path


def build_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF with a real text layer: each page's lines in DejaVu Sans (all Vietnamese letters)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with matplotlib.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans"}), PdfPages(path) as pdf:
        for lines in pages:
            figure = plt.figure(figsize=(8.27, 11.69))
            for i, line in enumerate(lines):
                figure.text(0.08, 0.95 - i * 0.03, line, fontsize=10)
            pdf.savefig(figure)
            plt.close(figure)
    return path


def build_image_pdf(path: Path, pages: int = 2) -> Path:
    """A scan-like PDF: only pictures, no text layer."""
    import matplotlib

    matplotlib.use("Agg")
    import numpy as np
    from matplotlib import pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    rng = np.random.default_rng(7)
    with PdfPages(path) as pdf:
        for _ in range(pages):
            figure = plt.figure(figsize=(8.27, 11.69))
            figure.figimage(rng.random((200, 150)), xo=50, yo=50)
            pdf.savefig(figure)
            plt.close(figure)
    return path
