"""The review page's bulk actions, the one action on the duties set aside, and card-only redraws,
on a desktop and at 360 px; and the same actions without JavaScript (issue 14, item 2)."""

import re

import pytest

from tests.browser.conftest import DESKTOP
from tests.browser.flows import press
from tests.browser.helpers import assert_fits, login
from tests.browser.provincial_plan import PLAN
from tests.browser.test_commune_plan import CLERK, assert_not_reloaded, mark_page


def open_review(page, tmp_path):
    plan = tmp_path / "ke-hoach-245.txt"
    plan.write_text(PLAN, encoding="utf-8")
    page.goto("/van-ban/nhap/")
    page.get_by_test_id("upload-input").set_input_files(str(plan))
    page.get_by_test_id("upload-submit").click()
    page.wait_for_url(re.compile(r"/van-ban/nhap/\d+/$"))
    page.wait_for_load_state()


def card(page, number: int):
    return page.locator(f".draft-task[data-number='{number}']")


def pick(page, phone, *numbers):
    for n in numbers:
        press(page, card(page, n).locator("label.pick"), phone)


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_bulk_actions_redraw_only_the_cards(new_page, demo_people, shot, tmp_path, phone):
    page = new_page(phone=phone)
    login(page, CLERK)
    open_review(page, tmp_path)
    kept = page.locator(".draft-task:not(.dropped)")
    assert kept.count() == 7

    # The one action: bring every duty set aside back, then drop them all again.
    press(page, page.get_by_test_id("restore-set-aside"), phone)
    page.get_by_test_id("drop-set-aside").wait_for()
    assert kept.count() == 20
    press(page, page.get_by_test_id("drop-set-aside"), phone)
    page.get_by_test_id("restore-set-aside").wait_for()
    assert kept.count() == 7

    mark_page(page)
    # One deadline for two duties.
    pick(page, phone, 14, 15)
    assert "đã chọn 2 nhiệm vụ" in page.get_by_test_id("bulk-form").inner_text()
    page.locator("#id_bulk_deadline").fill("30/11/2026")
    press(page, page.get_by_test_id("bulk-deadline"), phone)
    page.get_by_test_id("review-flash").filter(
        has_text="Đã đặt thời hạn 30/11/2026 cho 2 nhiệm vụ"
    ).wait_for()
    page.get_by_test_id("bulk-form").scroll_into_view_if_needed()
    shot(page, "bulk bar and the message", full_page=False)
    for n in (14, 15):
        assert card(page, n).get_by_test_id("dt-deadline").inner_text().startswith("30/11/2026")
    assert page.locator("input[name=ids]:checked").count() == 0
    # The extraction's hint on the deadline went with the change; the other cards keep theirs.
    assert (
        "hoàn thành trước ngày"
        not in card(page, 14).get_by_test_id("dt-deadline").inner_text().split(")")[-1]
    )

    # One lead for a duty, and two duties dropped: the numbers stay.
    pick(page, phone, 16)
    page.locator("#id_bulk_lead_unit").select_option(label="Phòng Văn hóa - Xã hội")
    press(page, page.get_by_test_id("bulk-lead"), phone)
    card(page, 16).get_by_test_id("dt-lead").filter(has_text="Phòng Văn hóa - Xã hội").wait_for()
    pick(page, phone, 17, 18)
    press(page, page.get_by_test_id("bulk-drop"), phone)
    page.locator(".draft-task.dropped[data-number='18']").wait_for()
    assert "Nhiệm vụ 17" in card(page, 17).inner_text() and "đã bỏ" in card(page, 17).inner_text()
    assert "Nhiệm vụ 19" in card(page, 19).inner_text()

    # An edit opens in the card and is given up in the card.
    press(page, card(page, 19).get_by_test_id("dt-edit"), phone)
    form = page.get_by_test_id("dt-form")
    form.wait_for()
    if phone:
        assert_fits(page)
    shot(page, "editing a card in place")
    press(page, form.get_by_test_id("dt-cancel"), phone)
    form.wait_for(state="detached")
    card(page, 19).wait_for()

    assert_not_reloaded(page)
    if phone:
        assert_fits(page)
    shot(page, "after the bulk actions")


def test_without_javascript_the_same_actions_reload_the_page(_contexts, demo_people, tmp_path):
    page = _contexts({**DESKTOP, "java_script_enabled": False}).new_page()
    login(page, CLERK)
    open_review(page, tmp_path)
    card(page, 14).get_by_test_id("dt-pick").check()
    card(page, 15).get_by_test_id("dt-pick").check()
    page.get_by_test_id("bulk-drop").click()
    page.wait_for_load_state()
    assert "Đã bỏ 2 nhiệm vụ" in page.get_by_test_id("messages").inner_text()
    assert page.locator(".draft-task.dropped[data-number='15']").count() == 1
    card(page, 16).get_by_test_id("dt-edit").click()
    page.get_by_test_id("dt-form").get_by_label("Thời hạn").fill("01/12/2026")
    page.get_by_test_id("dt-save").click()
    page.wait_for_url(re.compile(r"/van-ban/nhap/\d+/#dt-\d+$"))
    assert card(page, 16).get_by_test_id("dt-deadline").inner_text().startswith("01/12/2026")
