"""Where e-mail goes when no SMTP server is configured: one .eml file per message in a folder,
and one readable line on the console (a newcomer's `make run` shows no raw MIME)."""

import itertools
import sys
from email.header import decode_header, make_header
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

_sequence = itertools.count(1)


def _subject(message) -> str:
    return str(make_header(decode_header(message.message()["Subject"] or "")))


class FolderEmailBackend(BaseEmailBackend):
    """Writes each message to EMAIL_FILE_PATH/<time>-<n>.eml, openable in any mail program."""

    def send_messages(self, email_messages):
        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            name = f"{timezone.localtime():%Y%m%d-%H%M%S}-{next(_sequence):04d}.eml"
            path = folder / name
            path.write_bytes(message.message().as_bytes(linesep="\n"))
            recipients = ", ".join(message.recipients())
            sys.stdout.write(f"Thư (chưa cấu hình SMTP) gửi {recipients}: “{_subject(message)}” → {path}\n")
            sys.stdout.flush()
            sent += 1
        return sent
