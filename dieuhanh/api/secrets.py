"""Making and recognising the secrets of tokens and feed links (kept as SHA-256, never in clear).

The secrets are 256 random bits, so a plain SHA-256 is enough to store them: a slow password
hash guards guessable passwords, not random keys, and would cost every API request.
"""

import hashlib
import secrets

PREFIX_CHARS = 8


def digest_of(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_secret(tag: str) -> tuple[str, str, str]:
    """(the secret given once, the prefix shown afterwards, its digest) — e.g. "dh_3f9a…"."""
    head = secrets.token_hex(PREFIX_CHARS // 2)
    raw = f"{tag}_{head}_{secrets.token_urlsafe(32)}"
    return raw, f"{tag}_{head}", digest_of(raw)
