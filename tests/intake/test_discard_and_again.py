"""Discarding a draft asks first and can be undone; a registered document can be extracted again
(issue 14, item 3)."""

import pytest
from django.urls import reverse

from dieuhanh.intake.models import ImportDraft
from dieuhanh.intake.services.confirm import confirm_draft, discard_draft, restore_draft
from dieuhanh.intake.services.errors import DraftError
from dieuhanh.intake.services.importing import extract_again, import_document
from dieuhanh.intake.services.review import drop_proposal, left_out_passages
from tests.intake.factories import build_org
from tests.intake.texts import COMMUNE_DIRECTIVE, data

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return build_org()


@pytest.fixture
def draft(org):
    return import_document(
        org=org.commune, data=data(COMMUNE_DIRECTIVE), filename="215.txt", actor=org.tracker
    )


def test_a_discarded_draft_comes_back_with_its_corrections(org, draft):
    dropped = draft.tasks.first()
    drop_proposal(dropped)
    discard_draft(draft, org.tracker)
    restored = restore_draft(draft, org.tracker)
    assert restored.status == ImportDraft.Status.PENDING and restored.discarded_at is None
    dropped.refresh_from_db()
    assert dropped.dropped


def test_only_a_discarded_draft_is_restored(org, draft):
    with pytest.raises(DraftError, match="không cần khôi phục"):
        restore_draft(draft, org.tracker)


def test_a_member_may_not_restore(org, draft):
    discard_draft(draft, org.tracker)
    with pytest.raises(DraftError, match="không có quyền"):
        restore_draft(draft, org.member)


def test_extracting_again_gives_fresh_proposals(org, draft):
    count = draft.tasks.count()
    drop_proposal(draft.tasks.first())
    discard_draft(draft, org.tracker)
    again = extract_again(draft, org.tracker)
    assert again.status == ImportDraft.Status.PENDING
    assert again.tasks.count() == count and not again.tasks.filter(dropped=True).exists()


def test_a_confirmed_draft_is_not_extracted_again(org, draft):
    for unknown in draft.tasks.filter(lead_unit=None):
        drop_proposal(unknown)
    confirm_draft(draft, org.tracker)
    with pytest.raises(DraftError, match="đã được xác nhận"):
        extract_again(draft, org.tracker)


def test_the_pages_ask_before_discarding_and_offer_the_way_back(client, org, draft):
    client.force_login(org.tracker)
    review = client.get(reverse("intake:review", args=[draft.pk])).content.decode()
    assert 'data-testid="discard-details"' in review and "Xác nhận hủy bản nháp" in review
    response = client.post(reverse("intake:discard", args=[draft.pk]))
    assert response.url == reverse("intake:document", args=[draft.document_id])
    page = client.get(response.url).content.decode()
    assert 'data-testid="restore-draft"' in page and 'data-testid="reextract-draft"' in page
    client.post(reverse("intake:restore", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == ImportDraft.Status.PENDING


def test_a_passage_left_out_is_shown_with_its_reason_and_restored_in_one_click(client, org, draft):
    left_out = left_out_passages(draft)
    assert left_out and all(passage["reason"] for _, passage in left_out)
    client.force_login(org.tracker)
    page = client.get(reverse("intake:review", args=[draft.pk])).content.decode()
    assert page.count('data-testid="left-out-passage"') == len(left_out)
    index, passage = left_out[0]
    client.post(reverse("intake:restore_left_out", args=[draft.pk, index]))
    added = draft.tasks.get(span_start=passage["start"])
    assert added.text == passage["text"].strip() and passage["reason"] in added.reasons["restored"]
    assert len(left_out_passages(draft)) == len(left_out) - 1  # not offered twice


def test_the_review_heading_leaves_out_what_the_document_does_not_have(client, org, draft):
    document = draft.document
    document.subject, document.issuer, document.issued_date = "", "", None
    document.save()
    client.force_login(org.tracker)
    page = client.get(reverse("intake:review", args=[draft.pk])).content.decode()
    heading = page.split("</h1>", 1)[1].split('<p class="muted">', 1)[1].split("</p>")[0]
    assert heading.startswith("<a ") and "· ·" not in heading, heading
