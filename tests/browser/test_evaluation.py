"""One monthly evaluation cycle in a real browser, on the demo (May 2026, today 15/06/2026): the official
self-assesses, the head of her unit reviews and weighs a product, the commune leader approves; the
sheet downloads as .docx; the official's form fits a phone."""

import io
import re

import docx
import pytest

from dieuhanh.evaluation.constants import Stage
from dieuhanh.evaluation.models import Sheet
from tests.browser.helpers import assert_fits, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOA = "Lê Thị Hoa"


def open_from_home(page, testid: str, name: str) -> None:
    page.get_by_test_id("nav-evaluation").click()
    page.get_by_role("heading", name="Đánh giá, xếp loại công chức", level=1).wait_for()
    page.get_by_test_id(testid).filter(has_text=name).first.click()
    page.get_by_test_id("sheet-title").wait_for()


def stage(page) -> str:
    return page.get_by_test_id("sheet-stage").inner_text().strip()


def test_one_monthly_cycle_official_leader_approval(demo, new_page, shot):
    official = new_page()
    login(official, "canbo")
    open_from_home(official, "my-sheet-link", "Tháng 5/2026")
    assert stage(official) == Stage.DRAFT.label
    rows = official.get_by_test_id("product-row")
    assert rows.count() == 3
    late = rows.filter(has_text="hộ nghèo")
    assert "Hoàn thành trễ hạn" in late.inner_text()
    late.get_by_label("Nguyên nhân khách quan (nếu có)").fill("Chờ danh sách rà soát của các thôn")
    rows.filter(has_text="an sinh").get_by_label("Kết quả").fill("Báo cáo số 45/BC-VHXH")
    form = official.get_by_test_id("self-assessment")
    form.get_by_label(re.compile("^Điểm tiêu chí chung tự chấm")).fill("27,5")
    form.get_by_label("Tự nhận xét ưu điểm, khuyết điểm").fill("Chấp hành tốt; còn chậm một báo cáo.")
    shot(official, "official fills in her self-assessment")
    official.get_by_test_id("self-submit").click()
    official.get_by_test_id("messages").get_by_text("Đã gửi tự đánh giá").wait_for()
    assert stage(official) == Stage.SUBMITTED.label
    shot(official, "self-assessment sent")

    head = new_page()
    login(head, "truongphong")
    open_from_home(head, "review-link", HOA)
    review = head.get_by_test_id("form-review")
    assert "Chấp hành tốt; còn chậm một báo cáo." in review.inner_text()
    rows = head.get_by_test_id("product-row")
    rows.filter(has_text="an sinh").get_by_label("Quy đổi").fill("2")
    rows.filter(has_text="hộ nghèo").get_by_label("Chấp nhận nguyên nhân khách quan").check()
    review.get_by_label(re.compile("^Điểm tiêu chí chung lãnh đạo chấm")).fill("26")
    review.get_by_label("Nhận xét, đánh giá của lãnh đạo trực tiếp").fill("Hoàn thành tốt; chú ý tiến độ.")
    shot(head, "head reviews and weighs the products")
    head.get_by_test_id("review-submit").click()
    head.get_by_test_id("messages").get_by_text("Đã đánh giá và chuyển phê duyệt").wait_for()
    assert stage(head) == Stage.REVIEWED.label
    # Weights 2, 1, 1 (W = 4), the late one forgiven, one unfinished:
    # quantity 20 × 3/4 = 15; quality 30 × 3/4 = 22,5; timeliness 20 × (2 + 1 + 0,75)/4 = 18,75; + 26 = 82,25.
    scores = head.get_by_test_id("scores")
    assert "82,25" in scores.inner_text()
    shot(head, "reviewed")

    leader = new_page()
    login(leader, "lanhdao")
    open_from_home(leader, "approve-link", HOA)
    decisions = leader.get_by_test_id("form-approve")
    assert "82,25" in decisions.inner_text() and "Hoàn thành tốt nhiệm vụ" in decisions.inner_text()
    decisions.get_by_label("Ý kiến phê duyệt").fill("Đồng ý.")
    shot(leader, "leader about to approve")
    leader.get_by_test_id("approve-submit").click()
    leader.get_by_test_id("messages").get_by_text("Đã phê duyệt").wait_for()
    assert stage(leader) == Stage.APPROVED.label
    shot(leader, "approved")

    with leader.expect_download() as download:
        leader.get_by_test_id("sheet-docx").click()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(download.value.path().read_bytes())).paragraphs)
    assert "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC" in text and "Đã phê duyệt ngày" in text

    sheet = Sheet.objects.get(person__username="canbo", period__number=5)
    assert (sheet.stage, str(sheet.total), sheet.reviewed_by.username, sheet.approved_by.username) == (
        Stage.APPROVED,
        "82.25",
        "truongphong",
        "lanhdao",
    )


def test_the_official_s_form_fits_a_phone(demo, phone, shot):
    login(phone, "canbo")
    open_from_home(phone, "my-sheet-link", "Tháng 5/2026")
    phone.get_by_test_id("self-submit").wait_for()
    shot(phone, "the official's sheet on a phone")
    assert_fits(phone)
