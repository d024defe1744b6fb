import os

import pytest

from dieuhanh.extract.load import tesseract_ready


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
