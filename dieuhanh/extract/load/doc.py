""".doc files (Word 97-2003), read through antiword, else LibreOffice; viparse's .doc reader
also needs LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from dieuhanh.extract.errors import ExtractError
from dieuhanh.extract.load.result import Decoded

CORRUPT = "Tệp {name} bị hỏng hoặc không phải tệp Word .doc hợp lệ."
_TOOLS_MISSING = (
    "Không đọc được tệp .doc (Word 97-2003): máy chủ chưa có antiword hoặc LibreOffice "
    "(cài bằng: apt-get install antiword); hoặc lưu lại tệp dưới dạng .docx rồi nạp lại."
)
_SUBPROCESS_TIMEOUT = 120


def read(data: bytes, filename: str) -> Decoded:
    with tempfile.TemporaryDirectory(prefix="dieuhanh-doc-") as tmp:
        source = Path(tmp) / "input.doc"
        source.write_bytes(data)
        if shutil.which("antiword"):
            result = _run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(source)], filename)
            return Decoded(result.stdout.decode("utf-8", errors="replace"), "doc", [])
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice:
            _run(
                [
                    soffice,
                    "--headless",
                    "--convert-to",
                    "txt:Text (encoded):UTF8",
                    "--outdir",
                    tmp,
                    str(source),
                ],
                filename,
            )
            output = Path(tmp) / "input.txt"
            if not output.exists():
                raise ExtractError(CORRUPT.format(name=filename))
            return Decoded(output.read_bytes().decode("utf-8-sig", errors="replace"), "doc", [])
    raise ExtractError(_TOOLS_MISSING)


def _run(command: list[str], filename: str) -> subprocess.CompletedProcess[bytes]:
    try:
        result = subprocess.run(command, capture_output=True, timeout=_SUBPROCESS_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ExtractError(f"Đọc tệp {filename} quá lâu (trên {_SUBPROCESS_TIMEOUT} giây); đã dừng.") from exc
    if result.returncode != 0:
        raise ExtractError(CORRUPT.format(name=filename))
    return result
