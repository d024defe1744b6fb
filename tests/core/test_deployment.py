"""Deployment switches: HTTPS=on makes `check --deploy` clean; the session age."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check_deploy(tmp_path, **env_vars):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE would be a deployment error of its own.
    unset = ("DATABASE_URL", "HTTPS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(DIEUHANH_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="dieuhanh.settings", **env_vars)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.mark.pure
def test_https_on_makes_check_deploy_clean(tmp_path):
    result = run_check_deploy(tmp_path, HTTPS="on")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.pure
def test_without_the_switch_check_deploy_warns(tmp_path):
    result = run_check_deploy(tmp_path)
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr + result.stdout


@pytest.mark.pure
def test_the_session_lasts_a_working_day_by_default_and_is_configurable(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.SESSION_COOKIE_AGE)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SESSION_HOURS")}
    env.update(DIEUHANH_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="dieuhanh.settings")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert int(out.stdout) == 10 * 3600
    env["SESSION_HOURS"] = "4"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert int(out.stdout) == 4 * 3600
