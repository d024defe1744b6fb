"""File sizes as Vietnamese readers write them: "25,0 MB" (a decimal comma)."""

MB = 1024 * 1024


def megabytes(size: int) -> str:
    """`size` bytes in MB with one decimal and a comma: 26_214_400 → "25,0 MB"."""
    return f"{size / MB:.1f}".replace(".", ",") + " MB"


def megabytes_limit(size: int) -> str:
    """A limit, whole when it is whole: "25 MB", "2,5 MB"."""
    return f"{size // MB} MB" if size % MB == 0 else megabytes(size)
