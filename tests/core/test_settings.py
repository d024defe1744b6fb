import json
import os
import subprocess
import sys

import pytest

from dieuhanh.settings import database_config

pytestmark = pytest.mark.pure


def test_it_defaults_to_sqlite_with_production_pragmas():
    config = database_config(None)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"].endswith("data/dieuhanh.sqlite3") or config["NAME"].endswith("dieuhanh.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_it_reads_a_postgresql_url():
    config = database_config("postgres://dh:secret@db.example:5433/dieuhanh")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == (
        "db.example",
        5433,
        "dieuhanh",
        "dh",
    )
    assert "OPTIONS" not in config or "init_command" not in config["OPTIONS"]


def test_a_postgresql_connection_is_kept_a_minute_and_checked_before_reuse():
    config = database_config("postgres://dh:secret@db.example:5433/dieuhanh")
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (60, True)
    config = database_config("postgres://dh:secret@db.example:5433/dieuhanh", conn_max_age=0)
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (0, False)


def test_sqlite_connections_are_not_kept():
    assert database_config(None, conn_max_age=600)["CONN_MAX_AGE"] == 0


def test_db_conn_max_age_sets_the_kept_time(tmp_path):
    code = (
        "import django, json; django.setup(); from django.conf import settings;"
        "d = settings.DATABASES['default']; print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
    )
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(
        DJANGO_SETTINGS_MODULE="dieuhanh.settings",
        DIEUHANH_DATA_DIR=str(tmp_path),
        DATABASE_URL="postgres://dh:secret@db.example:5433/dieuhanh",
        DB_CONN_MAX_AGE="300",
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [300, True]


def test_sqlite_pragmas_are_applied_on_connection(tmp_path):
    code = (
        "import django, json; django.setup();"
        "from django.db import connection; c = connection.cursor();"
        "print(json.dumps([c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA busy_timeout').fetchone()[0], c.execute('PRAGMA foreign_keys').fetchone()[0]]))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    env.update(DJANGO_SETTINGS_MODULE="dieuhanh.settings", DIEUHANH_DATA_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == ["wal", 20000, 1]
    assert (tmp_path / "secret_key").exists(), "the secret key is generated once into data/"


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("true", True), ("yes", True), ("0", False), ("no", False)]
)
def test_envbool(monkeypatch, value, expected):
    from dieuhanh.settings import envbool

    monkeypatch.setenv("SOME_FLAG", value)
    assert envbool("SOME_FLAG", "false") is expected


def test_a_secret_may_come_from_a_file(monkeypatch, tmp_path):
    from dieuhanh.settings import envsecret

    path = tmp_path / "pw"
    path.write_text("bí-mật\n", encoding="utf-8")
    monkeypatch.delenv("MAIL_PW", raising=False)
    monkeypatch.setenv("MAIL_PW_FILE", str(path))
    assert envsecret("MAIL_PW") == "bí-mật"
