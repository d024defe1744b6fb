"""Issue 14 items 6–8 in a real browser, on a desktop and at 360 px: "Việc chờ tôi" with its count
in the navigation, a completion refused without the evidence the task asks for, the leader told
at once and deciding from the list, the return waiting for the unit, and the task list's
"chờ duyệt / chờ xác nhận" filter."""

import re

import pytest

from dieuhanh.org.models import Unit
from dieuhanh.tasks.models import Task
from tests.browser.flows import check, press
from tests.browser.helpers import login
from tests.factories import TaskFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUMMARY = "Kiểm tra an toàn thực phẩm bếp ăn trường học"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(50)


def open_form(page, slug: str):
    form = page.get_by_test_id(f"form-{slug}")
    if not form.is_visible():
        page.locator(f"#action-{slug} > summary").click()
    return form


def waiting_count(page) -> int:
    badge = page.get_by_test_id("waiting-count")
    return int(badge.inner_text().strip("()")) if badge.count() else 0


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_what_waits_for_each_person_and_where_they_act(demo_people, new_page, shot, phone):
    commune = Unit.objects.get(code="xa-gia-loc")
    task = TaskFactory(
        owner=commune,
        lead_unit=Unit.objects.get(code="xa-gia-loc-vhxh"),
        summary=SUMMARY,
        text=SUMMARY,
        evidence_required=True,
    )

    member = new_page(phone=phone)
    login(member, "canbo")
    assert waiting_count(member) == 1
    member.get_by_test_id("nav-waiting").click()
    member.get_by_test_id("waiting-new_task").get_by_role("link", name=SUMMARY).wait_for()
    check(member, phone)
    shot(member, "member waiting new task")
    member.get_by_test_id("waiting-new_task").get_by_role("link", name=SUMMARY).click()
    member.get_by_test_id("evidence-required").wait_for()

    claim = open_form(member, "de-nghi-hoan-thanh")
    claim.get_by_label("Kết quả, sản phẩm").fill("Đã kiểm tra 4 bếp ăn, lập biên bản.")
    press(member, claim.get_by_test_id("submit-de-nghi-hoan-thanh"), phone)
    claim = member.get_by_test_id("form-de-nghi-hoan-thanh")
    claim.get_by_text("Nhiệm vụ này cần minh chứng").wait_for()
    check(member, phone)
    shot(member, "completion refused without evidence")
    claim.get_by_label("Kết quả, sản phẩm").fill("Đã kiểm tra 4 bếp ăn, lập biên bản.")
    claim.locator("input[type=file]").set_input_files(
        {"name": "bien-ban.png", "mimeType": "image/png", "buffer": PNG}
    )
    press(member, claim.get_by_test_id("submit-de-nghi-hoan-thanh"), phone)
    member.get_by_test_id("awaiting-badge").wait_for()
    assert member.get_by_test_id("timeline").get_by_text("bien-ban.png").count() == 1

    leader = new_page(phone=phone)
    login(leader, "lanhdao")
    assert waiting_count(leader) == 1
    assert "(1)" in leader.get_by_test_id("nav-notifications").inner_text()
    leader.get_by_test_id("nav-waiting").click()
    section = leader.get_by_test_id("waiting-completion")
    section.get_by_role("link", name=SUMMARY).wait_for()
    check(leader, phone)
    shot(leader, "leader waiting completion")
    section.get_by_role("link", name=SUMMARY).click()
    leader.get_by_test_id("task-decisions").wait_for()
    back = open_form(leader, "tra-lai")
    back.get_by_label("Lý do").fill("Bổ sung ảnh chụp bếp ăn trường Tiểu học.")
    press(leader, back.get_by_test_id("submit-tra-lai"), phone)
    leader.get_by_test_id("returned-badge").wait_for()
    assert waiting_count(leader) == 0

    member.get_by_test_id("nav-waiting").click()
    member.get_by_test_id("waiting-returned").get_by_text("Bổ sung ảnh chụp").wait_for()
    assert waiting_count(member) == 1
    check(member, phone)
    shot(member, "member waiting returned")

    viewer = new_page(phone=phone)
    login(viewer, "xem")
    viewer.get_by_test_id("nav-waiting").click()
    viewer.get_by_test_id("waiting-empty").wait_for()
    assert waiting_count(viewer) == 0
    assert Task.objects.get(pk=task.pk).state == "open"


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_task_list_filters_what_awaits_a_decision(demo_people, new_page, shot, phone):
    commune = Unit.objects.get(code="xa-gia-loc")
    lead = Unit.objects.get(code="xa-gia-loc-vhxh")
    TaskFactory(owner=commune, lead_unit=lead, summary="Việc đang làm", text="Việc đang làm")
    TaskFactory(
        owner=commune,
        lead_unit=lead,
        summary="Việc chờ xác nhận",
        text="Việc chờ xác nhận",
        state="awaiting_approval",
    )
    leader = new_page(phone=phone)
    login(leader, "lanhdao")
    leader.get_by_test_id("nav-tasks").click()
    # The list itself, loaded (app.js folds the filters on a phone), before looking at its filters.
    leader.wait_for_url(re.compile(r"/nhiem-vu/$"))
    leader.wait_for_load_state()
    status = leader.get_by_label("Trạng thái")
    if not status.is_visible():  # on a phone the filters start folded
        leader.locator("[data-filter-box] > summary").click()
    status.select_option(label="Chờ duyệt / chờ xác nhận")
    leader.wait_for_url(re.compile(r"[?&]status=awaiting"))
    leader.get_by_test_id("task-count").filter(has_text="1 nhiệm vụ").wait_for()
    links = leader.get_by_test_id("task-link")
    assert links.count() == 1 and "Việc chờ xác nhận" in links.inner_text()
    check(leader, phone)
    shot(leader, "task list awaiting a decision")
