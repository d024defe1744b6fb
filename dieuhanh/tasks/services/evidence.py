"""Evidence files of a progress report: checked by content, named for what they are, streamed to storage.

A file is taken when its content is a kind people send as evidence (PDF,
images, Office and OpenDocument files, ZIP, plain text); its stored name
keeps the person's name with the extension of what the file really is, so
a PNG sent as "bien-ban.pdf" is kept and served as "bien-ban.png".
Executables and anything unknown are refused.
"""

from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile

from dieuhanh.core.filetypes import names_kind, sniff
from dieuhanh.core.sizes import megabytes_limit
from dieuhanh.tasks.services.errors import ServiceError

ACCEPTED = "PDF, ảnh (PNG, JPEG, GIF, WebP, TIFF), Word, Excel, PowerPoint, OpenDocument, ZIP, văn bản thuần"


def as_file(data) -> File:
    """Bytes (services, tests) or an uploaded file (the web, already on disk past 2.5 MB)."""
    return ContentFile(data) if isinstance(data, bytes | bytearray) else data


def checked_name(name: str, file: File) -> str:
    """The name to store `file` under; ServiceError when it is too big or of a kind we do not take."""
    limit = settings.FILE_UPLOAD_MAX_BYTES
    if file.size > limit:
        raise ServiceError(f"Tệp “{name}” lớn hơn giới hạn {megabytes_limit(limit)}, không nhận được.")
    kind = sniff(file)
    if kind is None:
        raise ServiceError(f"Tệp “{name}” không phải loại tệp minh chứng được nhận ({ACCEPTED}).")
    path = Path(Path(name).name or "minh-chung")
    if names_kind(path.suffix, kind):
        return path.name
    return f"{path.stem or 'minh-chung'}{kind.extension}"
