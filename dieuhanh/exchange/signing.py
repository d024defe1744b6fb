"""Ed25519 signatures over a package's canonical JSON.

Why Ed25519 rather than an HMAC shared secret: the province keeps only public keys, so
nothing stored at the province (or leaked from its backups) lets anyone sign as a commune,
and one commune's key cannot sign for another. The signature covers the canonical form of
the payload (keys sorted, no spaces, UTF-8), so the JSON may be re-indented in transit.
"""

import base64
import hashlib
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ALGORITHM = "Ed25519"


def canonical(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def key_id(public_key: str) -> str:
    """A short name of a public key, to tell which registered key a package claims."""
    return hashlib.sha256(base64.b64decode(public_key)).hexdigest()[:16]


def new_key() -> tuple[str, str]:
    """(private, public), each the raw 32 bytes in base64."""
    private = Ed25519PrivateKey.generate()
    return _b64(private.private_bytes_raw()), _b64(private.public_key().public_bytes_raw())


def sign(payload: dict, private_key: str) -> str:
    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_key))
    return _b64(key.sign(canonical(payload)))


def verify(payload: dict, signature: str, public_key: str) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(base64.b64decode(signature, validate=True), canonical(payload))
    except (InvalidSignature, ValueError):
        return False
    return True


def is_public_key(text: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
    except ValueError:
        return False
    return True


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()
