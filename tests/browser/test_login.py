"""Logging in and out; each role lands on its own page, on a desktop and on a phone."""

import pytest

from tests.browser.helpers import assert_fits, assert_reachable, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def current_nav(page):
    return page.locator('nav a[aria-current="page"]')


def test_a_wrong_password_is_refused_in_vietnamese(desktop, demo_people, shot):
    page = desktop
    page.goto("/dang-nhap/")
    shot(page, "login page")
    page.get_by_label("Tên đăng nhập").fill("chuyenvien")
    page.get_by_label("Mật khẩu", exact=True).fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    error = page.get_by_test_id("login-error")
    error.wait_for()
    assert "mật khẩu" in error.inner_text().lower()
    assert "/dang-nhap/" in page.url
    shot(page, "wrong password")


@pytest.mark.parametrize(
    ("username", "landing"),
    [
        ("chuyenvien", "Tổng quan"),
        ("lanhdao", "Tổng quan"),
        ("canbo", "Đơn vị của tôi"),
    ],
    ids=["tracker", "leader", "member"],
)
def test_each_role_lands_on_its_own_page(desktop, demo_people, shot, username, landing):
    page = desktop
    login(page, username)
    current_nav(page).wait_for()
    assert current_nav(page).inner_text().strip() == landing
    assert demo_people[username].full_name in page.get_by_test_id("current-user").inner_text()
    shot(page, f"{username} landing")
    page.get_by_test_id("logout").click()
    page.wait_for_url("**/dang-nhap/**")
    shot(page, "logged out")
    page.goto("/")
    assert "/dang-nhap/" in page.url


def test_login_on_a_phone(phone, demo_people, shot):
    page = phone
    page.goto("/dang-nhap/")
    assert_fits(page)
    assert_reachable(page.get_by_role("button", name="Đăng nhập"))
    shot(page, "login on phone")
    login(page, "lanhdao")
    current_nav(page).wait_for()
    assert_fits(page)
    assert_reachable(page.get_by_test_id("logout"))
    shot(page, "leader landing on phone")
