"""A scanned directive is imported through OCR; the clerk is told so and checks each page's image
beside the text read on it (issue 14, item 5). The scan is made here from a printed page."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from dieuhanh.documents.constants import Confidentiality
from dieuhanh.intake.services.importing import import_document
from tests.extract.fixtures_build import build_pdf, build_scan_pdf, printed_pages
from tests.intake.factories import build_org
from tests.intake.texts import COMMUNE_DIRECTIVE, data

pytestmark = pytest.mark.django_db

LETTERHEAD = [
    ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("XÃ HÒA AN", "Độc lập - Tự do - Hạnh phúc"),
    ("Số: 215/UBND-VP", "Hòa An, ngày 02 tháng 7 năm 2026"),
]


@pytest.fixture(scope="module")
def scan(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("scan")
    body = COMMUNE_DIRECTIVE[COMMUNE_DIRECTIVE.index("V/v ") :]
    printed = build_pdf(folder / "printed.pdf", printed_pages(body, head=LETTERHEAD), line_gap=0.022)
    return build_scan_pdf(folder / "scan.pdf", printed).read_bytes()


@pytest.fixture
def org():
    return build_org()


@pytest.fixture
def draft(org, scan, tesseract):
    return import_document(org=org.commune, data=scan, filename="215-scan.pdf", actor=org.tracker)


def test_a_scan_is_read_by_ocr_and_its_tasks_proposed(draft):
    document = draft.document
    assert [page["number"] for page in document.scanned_pages] == [1]
    assert "Công an xã" in document.scanned_pages[0]["text"]
    assert document.ocr_confidence is not None and document.ocr_confidence > 50
    assert any("OCR" in warning for warning in draft.warnings)
    assert draft.tasks.count() >= 3


def test_the_review_page_says_ocr_and_shows_the_page_beside_its_text(client, org, draft):
    client.force_login(org.tracker)
    page = client.get(reverse("intake:review", args=[draft.pk])).content.decode()
    image_url = reverse("intake:document_page", args=[draft.document.pk, 1])
    assert 'data-testid="ocr-notice"' in page and "nhận dạng chữ bằng OCR" in page
    assert f'src="{image_url}"' in page
    assert "Phòng Văn hóa - Xã hội" in page.split('class="scan-text"', 1)[1]
    response = client.get(image_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.width > 500 and image.height > image.width  # an A4 page, upright
    document_page = client.get(reverse("intake:document", args=[draft.document.pk])).content.decode()
    assert image_url in document_page


def test_a_page_that_does_not_exist_is_not_found(client, org, draft):
    client.force_login(org.tracker)
    assert client.get(reverse("intake:document_page", args=[draft.document.pk, 2])).status_code == 404


def test_the_image_of_a_confidential_scan_is_only_for_the_people_named(client, org, draft):
    document = draft.document
    document.confidentiality = Confidentiality.SECRET
    document.save()
    document.allowed_people.set([org.tracker])
    url = reverse("intake:document_page", args=[document.pk, 1])
    client.force_login(org.member)
    assert client.get(url).status_code == 404
    client.force_login(org.province_tracker)
    assert client.get(url).status_code == 404
    client.force_login(org.tracker)
    assert client.get(url).status_code == 200


def test_a_text_file_has_no_page_image(client, org):
    draft = import_document(
        org=org.commune, data=data(COMMUNE_DIRECTIVE), filename="215.txt", actor=org.tracker
    )
    assert draft.document.pages == []
    client.force_login(org.tracker)
    assert (
        'data-testid="ocr-notice"'
        not in client.get(reverse("intake:review", args=[draft.pk])).content.decode()
    )
    assert client.get(reverse("intake:document_page", args=[draft.document.pk, 1])).status_code == 404
