import hashlib


def bytes_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def text_hash(text: str) -> str:
    return bytes_hash(text.encode("utf-8"))
