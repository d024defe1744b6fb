"""Login throttling (django-axes): wrong passwords lock the name out for a while, in Vietnamese."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def attempt(client, username, password):
    return client.post("/dang-nhap/", {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_account_out_with_a_vietnamese_page(s, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, s.lead.username, "sai-mat-khau").status_code == 200
    locked = attempt(client, s.lead.username, "sai-mat-khau")
    assert locked.status_code == 429
    body = locked.content.decode()
    assert 'data-testid="locked-out"' in body
    assert "Tạm khóa đăng nhập" in body and "thử lại sau 15 phút" in body
    # Even the right password is refused while the lock holds.
    right = attempt(client, s.lead.username, "matkhau@123")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_after_the_cool_off(s, settings, clock):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, s.lead.username, "sai-mat-khau")
    assert attempt(client, s.lead.username, "matkhau@123").status_code == 429
    clock.shift(settings.AXES_COOLOFF_TIME.total_seconds() + 60)
    response = attempt(client, s.lead.username, "matkhau@123")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(s.lead.pk)


def test_another_person_is_not_locked_out(s, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, s.lead.username, "sai-mat-khau")
    assert attempt(client, s.coord.username, "matkhau@123").status_code == 302


def test_a_successful_login_resets_the_count(s, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, s.lead.username, "sai-mat-khau")
    assert attempt(client, s.lead.username, "matkhau@123").status_code == 302
    client.post("/dang-xuat/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, s.lead.username, "sai-mat-khau").status_code == 200
