"""The steps of the tracking loop as people do them in the browser, shared by the desktop and phone tests.

Each step finds things the way a person does (links, buttons and labels by their
Vietnamese text) or by the pages' data-testid hooks, and saves a screenshot. With
`phone=True` every key page must fit 360 px and the button about to be pressed must
be on screen and big enough for a thumb.
"""

import re

from django.conf import settings

from tests.browser.helpers import assert_fits, assert_reachable

SAMPLE_001 = next((settings.BASE_DIR / "sample_data" / "directives").glob("001_*.txt"))
POLICE_TASK = "Công an xã chủ trì theo dõi, đôn đốc"  # sample 001, item 2: Công an xã leads
GIA_LOC = "Ủy ban nhân dân xã Gia Lộc"


def check(page, phone: bool, button=None) -> None:
    if phone:
        assert_fits(page)
        if button is not None:
            assert_reachable(button)


def press(page, button, phone: bool) -> None:
    """Press a button as the person would: on a phone, with a tap, after checking it is reachable."""
    if phone:
        assert_reachable(button)
        button.tap()
    else:
        button.click()


def count(page, testid: str) -> int:
    return int(page.get_by_test_id(testid).locator(".n").inner_text().strip())


# ---- 1. the clerk imports a directive ---------------------------------------------------------


def upload_directive(page, shot, path=SAMPLE_001, phone=False) -> None:
    """From the landing page: Nhập văn bản → choose the file → the review page."""
    page.get_by_test_id("nav-import").click()
    page.get_by_role("heading", name="Nhập văn bản chỉ đạo").wait_for()
    page.wait_for_load_state()  # app.js (deferred) hooks the drop zone on DOMContentLoaded
    page.get_by_test_id("upload-input").set_input_files(str(path))
    # The drop zone lists the chosen file (app.js); the plain input works without it.
    page.get_by_text(path.name).wait_for()
    check(page, phone)
    shot(page, "upload form with the file chosen")
    press(page, page.get_by_test_id("upload-submit"), phone)
    page.wait_for_url(re.compile(r"/van-ban/nhap/\d+/$"))
    page.get_by_role("heading", name=re.compile("^Rà soát nhiệm vụ")).wait_for()


def draft_card(page, text: str):
    return page.get_by_test_id("draft-task").filter(has_text=text)


def edit_draft(page, card, phone=False, **fields) -> None:
    """Open a proposed task's inline form (HTMX), change fields by their labels, save."""
    press(page, card.get_by_test_id("dt-edit"), phone)
    form = page.get_by_test_id("dt-form")
    form.wait_for()
    if "lead" in fields:
        form.get_by_label("Đơn vị chủ trì").select_option(label=fields["lead"])
    if "deadline" in fields:
        form.get_by_label("Thời hạn").fill(fields["deadline"])
    check(page, phone)
    press(page, form.get_by_test_id("dt-save"), phone)
    form.wait_for(state="detached")


def review_and_confirm(page, shot, phone=False) -> None:
    """The review page of sample 001: collective leads are proposed for the commune and flagged;
    correct the Công an xã task's deadline, confirm; the tasks are in the task list."""
    cards = page.get_by_test_id("draft-task")
    assert cards.count() >= 5, "mẫu 001 phải có ít nhất 5 nhiệm vụ đề xuất"
    police = draft_card(page, POLICE_TASK)
    assert police.get_by_test_id("dt-lead").inner_text().startswith("Công an xã")
    check(page, phone)
    shot(page, "review page with proposed tasks")

    # Duties given to "the units of the commune" are proposed for the commune itself and
    # flagged for review (an uncertain lead warns, it does not block).
    collective = page.get_by_test_id("draft-task").filter(has_text="Rà soát toàn bộ các nhiệm vụ quá hạn")
    assert collective.get_by_test_id("dt-lead").inner_text().startswith(GIA_LOC)
    assert "xem lại" in collective.inner_text()

    # The correction under test: the deadline of the Công an xã task (none in the text).
    edit_draft(page, police, phone=phone, deadline="30/06/2026")
    police = draft_card(page, POLICE_TASK)
    assert "30/06/2026" in police.get_by_test_id("dt-deadline").inner_text()
    shot(page, "police task deadline corrected")

    press(page, page.get_by_test_id("confirm-draft"), phone)
    page.wait_for_url(lambda url: not re.search(r"/van-ban/nhap/\d+/$", url))
    check(page, phone)
    shot(page, "after confirm")

    page.get_by_test_id("nav-tasks").click()
    # The page after confirming is the task list too (filtered by the document): wait for the new one.
    page.wait_for_url(re.compile(r"/nhiem-vu/$"))
    page.get_by_role("heading", name="Danh sách nhiệm vụ").wait_for()
    row = page.get_by_test_id("task-table").locator("tr").filter(has_text=POLICE_TASK)
    row.wait_for()
    assert "30/06/2026" in row.inner_text()
    assert "Công an xã" in row.inner_text()
    check(page, phone)
    shot(page, "task list with the new tasks")


# ---- 2. a member of the lead unit reports progress and asks for completion ----------------------


def report_and_claim(page, shot, phone=False) -> None:
    """From 'Đơn vị của tôi': open the Công an xã task, report 100% with evidence, ask for completion."""
    page.get_by_role("heading", name=re.compile("^Đơn vị của tôi")).wait_for()
    check(page, phone)
    shot(page, "my unit")
    page.get_by_role("link", name=re.compile(POLICE_TASK)).first.click()
    page.get_by_test_id("task-title").wait_for()
    check(page, phone)
    shot(page, "task detail for the unit")

    form = page.get_by_test_id("form-bao-cao")
    if not form.is_visible():
        page.locator("#action-bao-cao > summary").click()
    form.get_by_label("Nội dung đã thực hiện").fill(
        "Đã rà soát, làm sạch dữ liệu dân cư của 12 thôn; hướng dẫn 1.250 người dân kích hoạt định danh điện tử."
    )
    form.get_by_label("Tiến độ (%)").fill("100")
    form.locator("input[type=file]").set_input_files(
        {"name": "bien-ban-ra-soat.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% minh chung\n"}
    )
    check(page, phone, form.get_by_test_id("submit-bao-cao"))
    shot(page, "progress report filled")
    press(page, form.get_by_test_id("submit-bao-cao"), phone)
    timeline = page.get_by_test_id("timeline")
    timeline.get_by_text("bien-ban-ra-soat.pdf").wait_for()
    assert "100%" in timeline.inner_text()
    shot(page, "progress reported")

    claim = page.get_by_test_id("form-de-nghi-hoan-thanh")
    if not claim.is_visible():
        page.locator("#action-de-nghi-hoan-thanh > summary").click()
    claim.get_by_label("Kết quả, sản phẩm").fill("Hoàn thành rà soát dữ liệu Đề án 06 trên địa bàn xã.")
    check(page, phone, claim.get_by_test_id("submit-de-nghi-hoan-thanh"))
    press(page, claim.get_by_test_id("submit-de-nghi-hoan-thanh"), phone)
    page.get_by_test_id("awaiting-badge").wait_for()
    check(page, phone)
    shot(page, "completion asked")


# ---- 3. the leader approves; the dashboard counts move -------------------------------------------


def approve_on_dashboard(page, shot, phone=False) -> tuple[dict, dict]:
    """From the dashboard: read the counts, find the task in the list, approve it, read them again."""
    page.get_by_role("heading", name="Tổng quan tình hình thực hiện nhiệm vụ").wait_for()
    before = dashboard_counts(page)
    check(page, phone)
    shot(page, "dashboard before")

    page.get_by_test_id("nav-tasks").click()
    # In quotes: the words as a phrase (without them another Công an xã task holds them all).
    page.get_by_label("Tìm kiếm (không cần dấu)").fill('"cong an xa chu tri theo doi"')
    page.get_by_label("Tìm kiếm (không cần dấu)").press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=%22cong"))  # HTMX swaps the results and pushes the URL
    page.get_by_test_id("task-count").filter(has_text="1 nhiệm vụ").wait_for()
    link = page.get_by_test_id("task-link").filter(has_text=POLICE_TASK)
    assert link.count() == 1
    check(page, phone)
    shot(page, "task list searched without diacritics")
    link.click()
    page.get_by_test_id("awaiting-badge").wait_for()

    form = page.get_by_test_id("form-xac-nhan-hoan-thanh")
    if not form.is_visible():
        page.locator("#action-xac-nhan-hoan-thanh > summary").click()
    form.get_by_label("Ý kiến").fill("Đồng ý, đề nghị duy trì cập nhật dữ liệu.")
    check(page, phone, form.get_by_test_id("submit-xac-nhan-hoan-thanh"))
    shot(page, "leader sees the request")
    press(page, form.get_by_test_id("submit-xac-nhan-hoan-thanh"), phone)
    page.get_by_test_id("awaiting-badge").wait_for(state="detached")
    shot(page, "completion approved")
    status = page.get_by_test_id("task-status").locator("[data-status]")
    assert status.get_attribute("data-status") == "done_early", status.inner_text()
    check(page, phone)

    page.get_by_test_id("nav-dashboard").click()
    page.get_by_role("heading", name="Tổng quan tình hình thực hiện nhiệm vụ").wait_for()
    after = dashboard_counts(page)
    check(page, phone)
    shot(page, "dashboard after")
    return before, after


DASHBOARD_COUNTS = [
    "count-total",
    "count-done",
    "count-done-ok",
    "count-done-late",
    "count-in-time",
    "count-due-soon",
    "count-overdue",
    "count-no-deadline",
]


def dashboard_counts(page) -> dict:
    return {testid: count(page, testid) for testid in DASHBOARD_COUNTS}
