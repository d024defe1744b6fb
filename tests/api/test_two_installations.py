"""Two installations in one test: a commune running its own dieuhanh (its own SQLite file, its own
process) exports its signed report package through the API; the province (this test's database)
registers the commune's key, receives the package on its page and shows it in its roll-up, and
refuses the same file sent again."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dieuhanh.api.tokens import create_personal_token
from dieuhanh.exchange.models import ReceivedPackage
from dieuhanh.org.constants import Role, UnitKind
from tests.exchange.commune_installation import SETUP
from tests.factories import CommuneFactory, MembershipFactory, UnitFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db

# The commune's installation: a fresh database, its tasks entered by its tracker, its package exported.
COMMUNE = (
    SETUP
    + """
import json
from django.test import Client
from dieuhanh.api.tokens import create_personal_token
from dieuhanh.exchange.models import SigningKey

with time_machine.travel("2026-06-01 09:00 +0700", tick=False):
    token = create_personal_token(tracker, "Hệ thống báo cáo tỉnh")[1]
with time_machine.travel("2026-07-15 09:00 +0700", tick=False):
    response = Client(SERVER_NAME="localhost", HTTP_AUTHORIZATION=f"Bearer {token}").post(
        "/api/v1/report-package", {"period": "2026-07", "cutoff": 14}, content_type="application/json"
    )
assert response.status_code == 200, response.content
key = SigningKey.objects.get(organisation=commune)
print(json.dumps({"package": response.json(), "public_key": key.public_key}, ensure_ascii=False))
"""
)


def commune_installation(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DIEUHANH_DATA_DIR=str(tmp_path / "xa"), DJANGO_SETTINGS_MODULE="dieuhanh.settings")
    result = subprocess.run(
        [sys.executable, "-c", COMMUNE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert any((tmp_path / "xa").glob("*.sqlite3"))  # its own database file
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_package_exported_by_one_installation_is_received_by_another(tmp_path):
    exported = commune_installation(tmp_path)
    package = exported["package"]
    assert package["payload"]["sender"]["code"] == "10507"

    with time_machine.travel("2026-07-16 09:00 +0700", tick=False):
        province = UnitFactory(kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Hải Dương")
        commune = CommuneFactory(parent=province, name="Ủy ban nhân dân xã Gia Lộc", code="10507")
        leader = MembershipFactory(unit=province, role=Role.LEADER).user
        client = Client()
        client.force_login(leader)
        registered = client.post(
            "/goi-bao-cao/", {"kind": "key", "unit": commune.pk, "public_key": exported["public_key"]}
        )
        assert registered.status_code == 302
        upload = SimpleUploadedFile("goi.json", json.dumps(package, ensure_ascii=False, indent=2).encode())
        received = client.post(
            "/goi-bao-cao/",
            {"kind": "receive", "period": "2026-07", "cutoff": "14", "file": upload},
            follow=True,
        )
        assert received.status_code == 200
        assert "Đã nhận gói báo cáo Tháng 7/2026 của Ủy ban nhân dân xã Gia Lộc" in received.content.decode()

        held = ReceivedPackage.objects.get()
        assert held.unit == commune and held.payload == package["payload"]
        rollup = client.get("/goi-bao-cao/?period=2026-07&cutoff=14").content.decode()
        row = rollup[rollup.index(f'data-unit="{commune.pk}"') :].split("</tr>")[0]
        assert "<td>2</td>" in row and "1 nhiệm vụ" in row  # two tasks, one of them overdue
        detail = client.get(f"/goi-bao-cao/{held.pk}/").content.decode()
        assert "Rà soát hộ nghèo" in detail

        token = create_personal_token(leader, "Cổng báo cáo tỉnh")[1]
        api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        again = api.post(
            "/api/v1/report-packages?period=2026-07", json.dumps(package), content_type="application/json"
        )
        assert again.status_code == 400 and again.json()["code"] == "replay"
        assert "đã được nhận" in again.json()["message"]
        figures = api.get("/api/v1/report-packages?period=2026-07").json()["items"][0]["figures"]
        assert figures["tong_so"] == 2 and figures["qua_han"] == 1
