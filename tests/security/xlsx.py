"""Reading what an .xlsx (or .docx) really holds: the XML inside the zip, not what a library makes of it."""

import io
import re
import zipfile

FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


def zip_text(content: bytes) -> str:
    """Every XML member of an Office file, concatenated (text is UTF-8 inside)."""
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return "\n".join(z.read(name).decode("utf-8", "replace") for name in z.namelist())


def formulas(content: bytes) -> list[str]:
    """Sheets of the workbook that hold at least one formula cell (<f> element)."""
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return [n for n in z.namelist() if n.startswith("xl/worksheets/") and FORMULA.search(z.read(n))]
