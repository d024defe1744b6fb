"""Build test inputs: legacy-encoded strings, .docx and .pdf files.

The TCVN3 and VNI encoders here are written from the published code charts, not
derived from viparse's decoding tables, so a wrong entry on either side shows up
as a failing round trip.
"""

from __future__ import annotations

import re
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
    """Blocks: a str (one paragraph: "**bold**" and "*italic*" become formatted runs, "\\n" a line
    break inside the paragraph), ("font", text, font_name) or ("table", rows, merges).

    `merges` lists ((row, col), (row, col)) corner pairs to merge.
    """
    import docx

    document = docx.Document()
    if default_font:
        document.styles["Normal"].font.name = default_font
    for block in blocks:
        if isinstance(block, str):
            add_marked_paragraph(document, block)
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


_MARK = re.compile(r"\*\*\*|\*\*|\*")


def add_marked_paragraph(document, text: str) -> None:
    """One paragraph from text in the light markup of converted web pages."""
    paragraph = document.add_paragraph()
    bold = italic = False
    pos = 0
    for m in [*_MARK.finditer(text), None]:
        piece = text[pos : m.start() if m else len(text)]
        for i, line in enumerate(piece.split("\n")):
            if i:
                paragraph.add_run().add_break()
            if line:
                run = paragraph.add_run(line)
                run.bold, run.italic = bold or None, italic or None
        if m is None:
            break
        bold ^= len(m.group()) >= 2
        italic ^= len(m.group()) != 2
        pos = m.end()


def build_docx_from_text(path: Path, text: str) -> Path:
    """The .docx a clerk would have for a text: one paragraph per block between blank lines, its
    lines kept as line breaks, bold and italic as marked."""
    blocks = [b.strip("\n") for b in re.split(r"\n[ \t]*\n", text) if b.strip()]
    return build_docx(path, blocks)


def build_pdf(path: Path, pages: list[list[str | tuple[str, str]]], *, line_gap: float = 0.03) -> Path:
    """A PDF with a real text layer: each page's lines in DejaVu Sans (all Vietnamese letters) on
    A4. A (left, right) pair is one line in two columns, as the letterhead of a directive."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with matplotlib.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans"}), PdfPages(path) as pdf:
        for lines in pages:
            figure = plt.figure(figsize=(8.27, 11.69))
            for i, line in enumerate(lines):
                y = 0.95 - i * line_gap
                left, right = line if isinstance(line, tuple) else (line, "")
                figure.text(0.08, y, left, fontsize=10)
                figure.text(0.5, y, right, fontsize=10)
            pdf.savefig(figure)
            plt.close(figure)
    return path


def printed_pages(text: str, *, head: list | None = None, width: int = 92, per_page: int = 42) -> list[list]:
    """A directive's text as the lines of printed A4 pages (for `build_pdf` with line_gap=0.022):
    Markdown marks dropped, each paragraph wrapped to `width` characters, `head` lines first."""
    import textwrap

    lines: list = list(head or [])
    for paragraph in text.splitlines():
        lines.extend(textwrap.wrap(re.sub(r"\*+", "", paragraph).strip(), width))
    return [lines[i : i + per_page] for i in range(0, len(lines), per_page)]


def build_scan_pdf(
    path: Path, source: Path, *, dpi: int = 200, pages: list[int] | None = None, turn: int = 0
) -> Path:
    """A scan of a PDF as a scanner makes it: each page (or the 1-based `pages` chosen) rendered to
    a grey image, turned `turn` degrees (a sheet fed the wrong way), the images wrapped as an
    image-only PDF by Pillow. No text layer is left."""
    import pypdfium2

    document = pypdfium2.PdfDocument(source)
    numbers = pages or list(range(1, len(document) + 1))
    images = [
        document[n - 1].render(scale=dpi / 72, grayscale=True).to_pil().rotate(turn, expand=True)
        for n in numbers
    ]
    document.close()
    images[0].save(path, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return path


def join_pdfs(path: Path, parts: list[Path]) -> Path:
    """The pages of `parts`, in order, as one PDF: a file with text pages and scanned ones."""
    import pypdfium2

    joined = pypdfium2.PdfDocument.new()
    for part in parts:
        source = pypdfium2.PdfDocument(part)
        joined.import_pages(source)
        source.close()
    joined.save(path)
    joined.close()
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


def deflate_of_zeros(megabytes: int) -> bytes:
    """Raw deflate data that inflates to ``megabytes`` MiB of zeros, built in a moment: one
    MiB compressed once (a full flush makes it stand alone) and repeated, then a final block."""
    import zlib

    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = compressor.compress(bytes(1 << 20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return chunk * megabytes + b"\x03\x00"


def build_zip_bomb_docx(path: Path, megabytes: int) -> Path:
    """A real .docx whose word/document.xml inflates to ``megabytes`` MiB of zeros (sizes are
    declared honestly, CRC left wrong: a reader that inflates it runs out of memory first)."""
    import struct
    import zipfile
    import zlib

    source = build_docx(path.with_suffix(".src.docx"), ["Nội dung"])
    with zipfile.ZipFile(source) as zf:
        members = [(name, zf.read(name)) for name in zf.namelist() if name != "word/document.xml"]
    entries = []  # (name, crc, compressed, size)
    for name, data in members:
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        entries.append((name, zlib.crc32(data), compressor.compress(data) + compressor.flush(), len(data)))
    entries.append(("word/document.xml", 0, deflate_of_zeros(megabytes), megabytes << 20))
    out = bytearray()
    central = bytearray()
    for name, crc, compressed, size in entries:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(compressed), size, len(encoded), 0
        )
        out += encoded + compressed
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(compressed),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += encoded
    out += central + struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0
    )
    path.write_bytes(bytes(out))
    return path


def build_pdf_bomb(path: Path, megabytes: int) -> Path:
    """A one-page PDF whose content stream (FlateDecode) inflates to ``megabytes`` MiB of zeros."""
    stream = b"\x78\xda" + deflate_of_zeros(megabytes) + b"\0\0\0\0"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return _write_pdf(path, objects)


def build_pdf_image_bomb(path: Path, width: int, height: int) -> Path:
    """A one-page scan-like PDF whose only image declares `width` × `height` grey pixels while its
    stream holds a few bytes: a renderer decoding it whole would need width × height bytes."""
    import zlib

    stream = zlib.compress(bytes(1024))
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /XObject << /Im0 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % (width, height, len(stream))
        + stream
        + b"\nendstream",
    ]
    return _write_pdf(path, objects)


def _write_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF of the numbered `objects` (1 is the catalog), with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
