"""Uploading by drag and drop (a .docx built here), refusing what cannot be read, and the key pages
of each role at phone width: nothing wider than 360 px, no JavaScript error, nothing fetched from
outside the machine (the conftest fails the test on either)."""

import io
import re

import docx
import pytest

from tests.browser import flows
from tests.browser.helpers import assert_fits, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE_000 = next(flows.SAMPLE_001.parent.glob("000_*.txt"))


def directive_docx() -> bytes:
    """Sample 000 as a Word file, one paragraph a line, as a clerk's scanner-less office makes them."""
    document = docx.Document()
    for line in SAMPLE_000.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line.replace("**", "").replace("*", "").strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def drop_file(page, selector: str, name: str, data: bytes, mime: str) -> None:
    """Drop a file on an element as a person dragging it from the file manager does."""
    page.evaluate(
        """([selector, name, bytes, mime]) => {
            const file = new File([new Uint8Array(bytes)], name, {type: mime});
            const data = new DataTransfer();
            data.items.add(file);
            const zone = document.querySelector(selector);
            for (const type of ["dragenter", "dragover", "drop"]) {
                zone.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
            }
        }""",
        [selector, name, list(data), mime],
    )


def test_a_docx_dropped_on_the_zone_is_imported(desktop, demo_people, shot):
    page = desktop
    login(page, "chuyenvien")
    page.get_by_test_id("nav-import").click()
    page.wait_for_load_state()  # app.js (deferred) hooks the drop zone on DOMContentLoaded
    drop_file(
        page,
        "[data-dropzone]",
        "ke-hoach-chuyen-doi-so.docx",
        directive_docx(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    page.get_by_text("Đã chọn: ke-hoach-chuyen-doi-so.docx").wait_for()
    shot(page, "docx dropped")
    page.get_by_test_id("upload-submit").click()
    page.wait_for_url(re.compile(r"/van-ban/nhap/\d+/$"))
    assert page.get_by_test_id("draft-task").count() >= 1
    shot(page, "review of the docx")


def test_an_unreadable_file_is_refused_politely(desktop, demo_people, shot):
    page = desktop
    login(page, "chuyenvien")
    page.get_by_test_id("nav-import").click()
    page.get_by_test_id("upload-input").set_input_files(
        {
            "name": "bang-tinh.xlsx",
            "mimeType": "application/octet-stream",
            "buffer": b"PK\x03\x04 not a directive",
        }
    )
    page.get_by_test_id("upload-submit").click()
    errors = page.get_by_test_id("upload-errors")
    errors.get_by_text("chưa hỗ trợ định dạng .xlsx").wait_for()
    assert "/van-ban/nhap/" in page.url
    shot(page, "xlsx refused")


PHONE_PAGES = {
    "lanhdao": [
        ("nav-dashboard", "Tổng quan tình hình thực hiện nhiệm vụ"),
        ("nav-tasks", "Danh sách nhiệm vụ"),
        ("nav-documents", "Sổ văn bản"),
        ("nav-reports", "Báo cáo kết quả thực hiện nhiệm vụ"),
    ],
    "chuyenvien": [("nav-import", "Nhập văn bản chỉ đạo")],
    "congan": [("nav-my-unit", re.compile("^Đơn vị của tôi"))],
}


@pytest.mark.parametrize("username", list(PHONE_PAGES))
def test_each_role_s_pages_fit_a_phone(phone, demo, shot, username):
    page = phone
    login(page, username)
    for testid, heading in PHONE_PAGES[username]:
        page.get_by_test_id(testid).click()
        page.get_by_role("heading", name=heading, level=1).wait_for()
        shot(page, testid.removeprefix("nav-"))
        assert_fits(page)
    if username == "lanhdao":  # a document with its highlighted tasks, and a task
        page.get_by_test_id("nav-documents").click()
        page.get_by_test_id("document-link").filter(has_text="1087").click()
        page.get_by_test_id("document-title").wait_for()
        shot(page, "document detail")
        assert_fits(page)
        page.get_by_test_id("document-tasks").get_by_role("link").first.click()
        page.get_by_test_id("task-title").wait_for()
        shot(page, "task detail")
        assert_fits(page)


def test_the_main_pages_work_under_the_content_security_policy(desktop, demo, shot):
    """The dashboard's charts, the htmx filters of the task list and the report page, with the
    policy the server sends; the conftest fails the test on any violation the browser reports."""
    page = desktop
    login(page, "lanhdao")
    response = page.goto("/tong-quan/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator("canvas[data-chart]").first.wait_for()
    assert page.evaluate("() => !!document.querySelector('canvas[data-chart]').chart"), "Chart.js ran"
    page.goto("/nhiem-vu/")
    page.locator("#id_status").select_option("overdue")  # htmx swaps the results in place
    page.wait_for_url(re.compile(r"status=overdue"))
    page.goto("/bao-cao/")
    page.goto("/van-ban/")
    shot(page, "documents under CSP")
    page.evaluate("() => new Promise(r => setTimeout(r, 300))")
