"""Weak passwords are refused, on the web and on the command line, with Vietnamese messages."""

import pytest
from django.core.management import CommandError, call_command

from dieuhanh.org.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("73829164", "Mật khẩu không được chỉ gồm chữ số."),
        ("canbokt1", "Mật khẩu quá ngắn: cần ít nhất 10 ký tự."),
        ("password123", "Mật khẩu này quá phổ biến"),
        ("canbokt2026", "Mật khẩu quá giống thông tin cá nhân của bạn"),
    ],
)
def test_a_weak_new_password_is_refused_in_vietnamese(s, login, password, message):
    s.lead.username = "canbokt2026x"
    s.lead.save()
    response = login(s.lead).post(
        "/doi-mat-khau/",
        {"old_password": "matkhau@123", "new_password1": password, "new_password2": password},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "This password" not in body and "too short" not in body
    s.lead.refresh_from_db()
    assert s.lead.check_password("matkhau@123")


def test_createuser_validates_the_password(s):
    with pytest.raises(CommandError, match="Mật khẩu không đạt yêu cầu: Mật khẩu quá ngắn"):
        call_command("createuser", "moi", "--password", "1", "--unit", s.commune.code, "--role", "tracker")
    assert not User.objects.filter(username="moi").exists()


def test_createuser_takes_a_strong_password(s):
    call_command(
        "createuser",
        "moi",
        "--password",
        "Lua-chin-Dong-Thap-26",
        "--unit",
        s.commune.code,
        "--role",
        "tracker",
    )
    assert User.objects.get(username="moi").check_password("Lua-chin-Dong-Thap-26")
