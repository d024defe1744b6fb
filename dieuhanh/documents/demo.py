"""The five sample directives, registered into the demo organisation they come from."""

from django.conf import settings

from dieuhanh.documents.models import Document
from dieuhanh.documents.services.registry import find_duplicate, read_document, register_document
from dieuhanh.org.models import Unit

SAMPLES_DIR = settings.BASE_DIR / "sample_data" / "directives"

# sample file prefix -> code of the organisation whose registry holds it
SAMPLE_OWNERS = {
    "000_": "xa-gia-loc",
    "001_": "xa-gia-loc",
    "002_": "xa-cam-giang",
    "003_": "tinh-tuyen-quang",
    "004_": "xa-ky-lac",
}


def sample_files():
    return sorted(SAMPLES_DIR.glob("*.txt"))


def owner_of(path) -> Unit:
    code = next(code for prefix, code in SAMPLE_OWNERS.items() if path.name.startswith(prefix))
    return Unit.objects.get(code=code)


def register_samples(actor=None) -> list[tuple[Document, bool]]:
    """Register each sample once; returns (document, created) pairs."""
    out = []
    for path in sample_files():
        owner = owner_of(path)
        data = path.read_bytes()
        loaded = read_document(data, path.name)
        existing = find_duplicate(owner, loaded)
        if existing is not None:
            out.append((existing, False))
            continue
        out.append(
            (register_document(owner=owner, data=data, filename=path.name, actor=actor, loaded=loaded), True)
        )
    return out
