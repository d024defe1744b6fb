import os

import pytest

from dieuhanh.extract.load import tesseract_ready


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary folder, never into data/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2's deliberate slowness (about a second per person here) is no use in tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def tesseract() -> None:
    """Tesseract with its Vietnamese model, for the OCR tests. `make test` installs it with
    scripts/ensure_tesseract.sh and sets DIEUHANH_OCR_REQUIRED=1: then a missing Tesseract fails
    the tests; run by hand without it, they are skipped."""
    if tesseract_ready("vie"):
        return
    message = (
        "Tesseract tiếng Việt chưa cài: chạy `make test` (cài bằng scripts/ensure_tesseract.sh) hoặc "
        "`sudo apt-get install tesseract-ocr tesseract-ocr-vie` / tesseract with the vie model is missing"
    )
    if os.environ.get("DIEUHANH_OCR_REQUIRED"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)
