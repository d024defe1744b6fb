"""Discarding a draft asks first and can be undone from the document's page; a discarded document
can also be extracted again (issue 14, item 3), on a desktop and at 360 px."""

import re

import pytest

from tests.browser.flows import press
from tests.browser.helpers import assert_fits, login
from tests.browser.provincial_plan import PLAN
from tests.browser.test_commune_plan import CLERK, Clicks, upload


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_discarded_draft_is_asked_for_and_comes_back(new_page, demo_people, shot, tmp_path, phone):
    page = new_page(phone=phone)
    login(page, CLERK)
    plan = tmp_path / "ke-hoach-245.txt"
    plan.write_text(PLAN, encoding="utf-8")
    upload(page, Clicks(page, phone), plan)
    review_url = page.url
    kept = page.locator(".draft-task:not(.dropped)").count()

    # The first click only opens the question; nothing is discarded yet.
    press(page, page.get_by_test_id("discard-details").locator("summary"), phone)
    confirm = page.get_by_test_id("discard-draft")
    confirm.wait_for()
    assert "Hủy bản nháp" in page.get_by_test_id("discard-details").inner_text()
    shot(page, "the question before discarding", full_page=False)
    press(page, confirm, phone)
    page.wait_for_url(re.compile(r"/van-ban/\d+/$"))
    assert page.get_by_test_id("discarded-draft").is_visible()
    if phone:
        assert_fits(page)
    shot(page, "the document with its discarded draft")

    press(page, page.get_by_test_id("restore-draft"), phone)
    page.wait_for_url(review_url)
    assert page.get_by_test_id("draft-status").inner_text().strip() == "Chờ rà soát"
    assert page.locator(".draft-task:not(.dropped)").count() == kept

    # Discarded again, the document's text can be read into fresh proposals.
    press(page, page.get_by_test_id("discard-details").locator("summary"), phone)
    press(page, page.get_by_test_id("discard-draft"), phone)
    page.wait_for_url(re.compile(r"/van-ban/\d+/$"))
    press(page, page.get_by_test_id("reextract-draft"), phone)
    page.wait_for_url(review_url)
    assert page.get_by_test_id("draft-task").count() == 20
