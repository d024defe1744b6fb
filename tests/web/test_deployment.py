"""What every deployment gets: a Content-Security-Policy, and a /healthz that asks the database."""

import pytest
from django.db import OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.test import Client


@pytest.mark.django_db
def test_every_page_carries_a_content_security_policy(s, login):
    response = login(s.tracker).get("/nhiem-vu/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-eval'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "Content-Security-Policy" in Client().get("/dang-nhap/")


@pytest.mark.django_db
def test_healthz_answers_after_asking_the_database(django_assert_num_queries):
    with django_assert_num_queries(1):
        response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.content.decode().startswith(f"ok: database {connection.vendor}")


@pytest.mark.django_db
def test_healthz_says_503_when_the_database_does_not_answer(monkeypatch):
    def refuse(self, sql, params=None):
        raise OperationalError("unable to open database file")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert "cơ sở dữ liệu không phản hồi" in response.content.decode()
