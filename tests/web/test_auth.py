"""Login, landing page per role, password change, CSRF."""

import pytest
from django.test import Client

from dieuhanh.org.constants import Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_shows_the_login_page_in_vietnamese():
    r = Client().get("/dang-nhap/")
    assert r.status_code == 200
    assert "Đăng nhập" in r.content.decode()
    assert 'id="login-form"' in r.content.decode()


def test_it_sends_anonymous_visitors_to_the_login_page():
    for url in ["/", "/tong-quan/", "/nhiem-vu/", "/van-ban/", "/van-ban/nhap/", "/don-vi-cua-toi/"]:
        r = Client().get(url)
        assert r.status_code == 302
        assert r["Location"].startswith("/dang-nhap/")


def test_it_refuses_a_wrong_password_with_a_vietnamese_message(s):
    r = Client().post("/dang-nhap/", {"username": s.lead.username, "password": "sai"})
    assert r.status_code == 200
    assert 'data-testid="login-error"' in r.content.decode()


@pytest.mark.parametrize(
    "who,landing",
    [
        ("leader", "/tong-quan/"),
        ("tracker", "/tong-quan/"),
        ("viewer", "/tong-quan/"),
        ("province_leader", "/tong-quan/"),
        ("lead", "/don-vi-cua-toi/"),
        ("coord", "/don-vi-cua-toi/"),
    ],
)
def test_each_role_lands_on_its_own_page(s, who, landing):
    client = Client()
    r = client.post(
        "/dang-nhap/", {"username": getattr(s, who).username, "password": "matkhau@123"}, follow=True
    )
    assert r.redirect_chain[-1][0] == landing
    assert r.status_code == 200


def test_an_admin_lands_on_the_dashboard(s, login):
    admin = MembershipFactory(unit=s.commune, role=Role.ADMIN).user
    assert login(admin).get("/")["Location"] == "/tong-quan/"


def test_it_changes_the_password(s, login):
    client = login(s.lead)
    r = client.post(
        "/doi-mat-khau/",
        {
            "old_password": "matkhau@123",
            "new_password1": "Mot-Mat-Khau-Moi-2026",
            "new_password2": "Mot-Mat-Khau-Moi-2026",
        },
        follow=True,
    )
    assert 'data-testid="password-changed"' in r.content.decode()
    s.lead.refresh_from_db()
    assert s.lead.check_password("Mot-Mat-Khau-Moi-2026")


def test_it_explains_a_password_change_mistake_in_vietnamese(s, login):
    r = login(s.lead).post(
        "/doi-mat-khau/", {"old_password": "sai", "new_password1": "a", "new_password2": "b"}
    )
    body = r.content.decode()
    assert r.status_code == 200
    assert "Mật khẩu cũ không chính xác" in body
    assert "Hai trường mật khẩu không giống nhau." in body


def test_logout_is_a_post_and_ends_the_session(s, login):
    client = login(s.lead)
    assert client.post("/dang-xuat/").status_code == 302
    assert client.get("/nhiem-vu/").status_code == 302


def test_csrf_is_enforced_on_forms(s):
    client = Client(enforce_csrf_checks=True)
    assert (
        client.post("/dang-nhap/", {"username": s.lead.username, "password": "matkhau@123"}).status_code
        == 403
    )
    client.force_login(s.lead)
    r = client.post(f"/nhiem-vu/{s.task.pk}/bao-cao/", {"text": "Đã làm", "percent": "10"})
    assert r.status_code == 403
    assert not s.task.reports.exists()
    page = client.get(f"/nhiem-vu/{s.task.pk}/")
    token = page.cookies["csrftoken"].value
    r = client.post(
        f"/nhiem-vu/{s.task.pk}/bao-cao/", {"text": "Đã làm", "percent": "10", "csrfmiddlewaretoken": token}
    )
    assert r.status_code == 302
    assert s.task.reports.count() == 1


def test_a_person_without_any_role_lands_on_the_task_list_and_sees_nothing(db, login):
    nobody = UserFactory()
    client = login(nobody)
    assert client.get("/")["Location"] == "/nhiem-vu/"
    assert "0 nhiệm vụ" in client.get("/nhiem-vu/").content.decode()
