"""Email through Django's mail API: SMTP when EMAIL_HOST is set, the console otherwise."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

SMTP_TIMEOUT_SECONDS = 30


def open_connection():
    """One connection for a batch of digests; a hung SMTP server cannot stall the worker forever."""
    return get_connection(timeout=getattr(settings, "EMAIL_TIMEOUT", None) or SMTP_TIMEOUT_SECONDS)


def send(message: EmailMultiAlternatives, connection) -> None:
    """Send one message; raises on failure so the caller can schedule a retry."""
    message.connection = connection
    if message.send(fail_silently=False) != 1:
        raise OSError("Máy chủ thư không nhận thư.")
