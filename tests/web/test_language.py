"""One language: Vietnamese, ours written in the code and Django's from its Vietnamese catalogue."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_is_vietnamese_only_with_no_language_switching():
    assert (settings.LANGUAGE_CODE, settings.LANGUAGES, settings.USE_I18N) == (
        "vi",
        [("vi", "Tiếng Việt")],
        True,
    )
    assert "django.middleware.locale.LocaleMiddleware" not in settings.MIDDLEWARE


@pytest.mark.parametrize("accept", ["en-US,en;q=0.9", "fr", ""])
def test_the_admin_login_is_in_vietnamese_whatever_the_browser_asks(db, accept):
    body = Client(HTTP_ACCEPT_LANGUAGE=accept).get("/admin/login/").content.decode()
    assert "Đăng nhập" in body and "Mật khẩu" in body
    assert "Log in" not in body and "Password" not in body


def test_django_password_messages_are_vietnamese(s, login):
    response = login(s.lead, HTTP_ACCEPT_LANGUAGE="en").post(
        "/doi-mat-khau/",
        {
            "old_password": "sai-mat-khau",
            "new_password1": "x7#Long-enough",
            "new_password2": "khac-hoan-toan",
        },
    )
    body = response.content.decode()
    assert "Mật khẩu cũ không chính xác" in body
    assert "Hai trường mật khẩu không giống nhau" in body
    assert "incorrectly" not in body and "didn’t match" not in body


def test_the_admin_speaks_vietnamese_to_a_superuser(s, login):
    s.leader.is_staff = s.leader.is_superuser = True
    s.leader.save()
    body = login(s.leader, HTTP_ACCEPT_LANGUAGE="en").get("/admin/").content.decode()
    assert "Đổi mật khẩu" in body and "Change password" not in body
