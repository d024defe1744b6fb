"""Search the way officials name things (item 9) and province views that name the commune (item 10)
of issue 14, in Chromium, on a desktop and on a 360 px phone."""

import re

import pytest

from dieuhanh.org.access import Access
from dieuhanh.org.models import User
from dieuhanh.tasks.access import visible_tasks
from dieuhanh.tasks.models import Task
from dieuhanh.vn.fold import fold_key
from tests.browser.helpers import assert_fits, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEVICES = ["desktop", "phone"]


def search(page, text: str) -> int:
    box = page.get_by_label("Tìm kiếm (không cần dấu)")
    box.fill(text)
    # Wait for the new page itself: after a first search the URL already holds "q=", so waiting
    # for the URL alone read the previous page's count when the server was slow.
    with page.expect_navigation():
        box.press("Enter")
    page.wait_for_load_state("load")
    return int(page.get_by_test_id("task-count").inner_text().split()[0])


def folded(task: Task) -> str:
    return f" {fold_key(' '.join([task.summary, task.text]))} "


@pytest.mark.parametrize("device", DEVICES)
def test_the_full_number_and_a_quoted_phrase_find_what_they_name(request, device, demo, shot):
    page = request.getfixturevalue(device)
    login(page, "lanhdao")
    mine = visible_tasks(Access.of(User.objects.get(username="lanhdao")), Task.objects.trackable())
    page.goto("/nhiem-vu/")
    assert search(page, "1087/UBND-VHXH") == mine.filter(document__number="1087").count() > 0
    if device == "phone":
        assert_fits(page)
    shot(page, "tasks of 1087/UBND-VHXH")
    words = search(page, "chuyen doi so")
    phrase = search(page, '"chuyển đổi số"')
    expected = sum(" chuyen doi so " in folded(t) for t in mine)
    assert phrase == expected and 0 < phrase <= words
    shot(page, "quoted phrase")
    page.goto("/van-ban/?q=1087/UBND-VHXH")
    rows = page.get_by_test_id("document-link")
    assert rows.count() == 1 and "1087/UBND-VHXH" in rows.first.inner_text()
    if device == "phone":
        assert_fits(page)


@pytest.mark.parametrize("device", DEVICES)
def test_a_province_sees_which_commune_each_department_is_in(request, device, demo, shot):
    page = request.getfixturevalue(device)
    login(page, "lanhdao.tinh")
    page.goto("/tong-quan/")
    page.get_by_role("heading", name="Tổng quan tình hình thực hiện nhiệm vụ").wait_for()
    if device == "phone":
        assert_fits(page)
    shot(page, "province dashboard")
    page.goto("/nhiem-vu/")
    table = page.get_by_test_id("task-table")
    assert "Phòng Văn hóa - Xã hội · xã Gia Lộc" in table.inner_text()
    group = page.locator('select[name="unit"] optgroup[label="xã Gia Lộc"]')
    assert group.count() == 1
    assert page.locator('select[name="unit"] optgroup').count() >= 4  # the province and three communes
    unit = group.locator("option", has_text="Phòng Văn hóa - Xã hội")
    filter_box = page.locator("details.filter-box")
    if filter_box.get_attribute("open") is None:
        page.locator("details.filter-box > summary").click()
    page.locator('select[name="unit"]').select_option(unit.get_attribute("value"))
    page.wait_for_url(re.compile(r"[?&]unit=\d+"))
    page.wait_for_load_state("load")
    names = page.get_by_test_id("task-table").locator('td[data-label="Chủ trì"]').all_inner_texts()
    assert names and set(names) == {"Phòng Văn hóa - Xã hội · xã Gia Lộc"}
    if device == "phone":
        assert_fits(page)
    shot(page, "tasks of one commune department")
