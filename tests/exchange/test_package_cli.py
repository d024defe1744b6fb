"""`dieuhanh package` on both sides: the commune's installation (its own process and SQLite file) prints
its public key and exports a signed package to a file; the province (this test's database) trusts the
key, imports the file, and refuses — in Vietnamese, with exit code 2 and nothing stored — a tampered
file, a replay, an unknown or revoked key, a file that is no package."""

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from dieuhanh.core.models import AuditEvent
from dieuhanh.exchange.models import ReceivedPackage, SenderKey, SigningKey
from dieuhanh.org.constants import Role, UnitKind
from tests.exchange.commune_installation import SETUP
from tests.factories import CommuneFactory, MembershipFactory, UnitFactory

ROOT = Path(__file__).resolve().parents[2]
DIEUHANH = str(Path(sys.executable).with_name("dieuhanh"))
pytestmark = pytest.mark.django_db


class Commune:
    """The commune's installation: every command a process of its own on its own database."""

    def __init__(self, tmp_path):
        self.env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        self.env.update(DIEUHANH_DATA_DIR=str(tmp_path / "xa"), DJANGO_SETTINGS_MODULE="dieuhanh.settings")
        done = subprocess.run(
            [sys.executable, "-c", SETUP], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr[-3000:]

    def sent_count(self) -> int:
        code = "import django; django.setup(); from dieuhanh.exchange.models import SentPackage as S; print(S.objects.count())"
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return int(done.stdout)

    def run(self, *argv) -> subprocess.CompletedProcess:
        return subprocess.run(
            [DIEUHANH, "package", *argv], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=600
        )


@pytest.fixture(scope="module")
def commune(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("commune")
    installation = Commune(tmp)
    shown = installation.run("key", "--unit", "10507")
    assert shown.returncode == 0, shown.stderr
    public_key = shown.stdout.split("Khóa công khai: ")[1].strip()
    out = tmp / "goi-2026-07.json"
    exported = installation.run("export", "--unit", "10507", "--period", "2026-07", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "Đã ghi gói báo cáo Tháng 7/2026 của Ủy ban nhân dân xã Gia Lộc" in exported.stdout
    return installation, public_key, out, tmp


@pytest.fixture
def province(db):
    with time_machine.travel("2026-07-16 09:00 +0700", tick=False):
        province = UnitFactory(kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Hải Dương")
        unit = CommuneFactory(parent=province, name="Ủy ban nhân dân xã Gia Lộc", code="10507")
        MembershipFactory(unit=province, role=Role.LEADER, user__username="lanhdao")
        MembershipFactory(unit=unit, role=Role.TRACKER, user__username="xa")
        yield unit


def refused(*argv) -> str:
    with pytest.raises(CommandError) as caught:
        call_command("package", *argv)
    assert caught.value.returncode == 2
    return str(caught.value)


def test_the_commune_exports_a_signed_file_and_the_province_imports_it(commune, province, capsys):
    _, public_key, out, _ = commune
    package = json.loads(out.read_text(encoding="utf-8"))
    assert package["payload"]["sender"]["code"] == "10507" and package["signature"]["algorithm"] == "Ed25519"

    assert "chưa được đăng ký" in refused("import", str(out))
    call_command("package", "trust", public_key, "--unit", "10507")
    assert "Đã đăng ký khóa" in capsys.readouterr().out
    call_command("package", "import", str(out), "--period", "2026-07", "--cutoff", "14")
    assert "Đã nhận gói báo cáo Tháng 7/2026 của Ủy ban nhân dân xã Gia Lộc" in capsys.readouterr().out
    held = ReceivedPackage.objects.get()
    assert held.unit == province and held.received_by is None and held.payload == package["payload"]
    assert SenderKey.objects.get().last_package_at is not None

    assert "đã được nhận" in refused("import", str(out))
    assert ReceivedPackage.objects.count() == 1
    call_command("package", "keys")
    listed = capsys.readouterr().out
    assert package["signature"]["key_id"] in listed and "nhận gói lần cuối" in listed


def test_refusals_say_why_and_store_nothing(commune, province, tmp_path):
    _, public_key, out, _ = commune
    call_command("package", "trust", public_key, "--unit", "10507")
    package = json.loads(out.read_text(encoding="utf-8"))

    tampered = copy.deepcopy(package)
    tampered["payload"]["figures"][0]["value"] = 999
    path = tmp_path / "sua.json"
    path.write_text(json.dumps(tampered), encoding="utf-8")
    assert "Chữ ký không hợp lệ" in refused("import", str(path))

    wrong_schema = tmp_path / "sai.json"
    wrong_schema.write_text(json.dumps({**package, "version": 9}), encoding="utf-8")
    assert "không đúng cấu trúc" in refused("import", str(wrong_schema))

    assert "không phải kỳ" in refused("import", str(out), "--period", "2026-06")
    assert "Không đọc được tệp" in refused("import", str(tmp_path / "khong-co.json"))
    assert "Không có người dùng" in refused("import", str(out), "--user", "khong-ai")
    # A person's rights apply with --user: the commune's own tracker receives nothing.
    assert "không có quyền nhận" in refused("import", str(out), "--user", "xa")
    assert not ReceivedPackage.objects.exists()


def test_a_revoked_key_refuses_the_next_package_until_the_commune_makes_a_new_one(commune, province, capsys):
    installation, public_key, out, tmp = commune
    call_command("package", "trust", public_key, "--unit", "10507")
    key_id = SenderKey.objects.get().key_id
    call_command("package", "revoke", key_id, "--user", "lanhdao")
    assert "Đã thu hồi khóa" in capsys.readouterr().out
    assert SenderKey.objects.get().revoked_by.username == "lanhdao"
    assert "đã bị thu hồi" in refused("revoke", key_id)
    message = refused("import", str(out))
    assert f"Khóa {key_id} của Ủy ban nhân dân xã Gia Lộc đã bị thu hồi" in message
    assert "dieuhanh package key --new" in message

    # The commune replaces its key; the province trusts the new one and takes the new package.
    renewed = installation.run("key", "--unit", "10507", "--new")
    assert renewed.returncode == 0, renewed.stderr
    new_public = renewed.stdout.split("Khóa công khai: ")[1].strip()
    assert new_public != public_key
    new_out = tmp / "goi-moi.json"
    assert (
        installation.run("export", "--unit", "10507", "--period", "2026-07", "--out", str(new_out)).returncode
        == 0
    )
    call_command("package", "trust", new_public, "--unit", "10507")
    call_command("package", "import", str(new_out))
    assert ReceivedPackage.objects.count() == 1


def test_the_command_exits_2_with_a_vietnamese_message_and_no_file_on_bad_input(commune):
    installation, _, _, tmp = commune
    out = tmp / "khong-ghi.json"
    sent = installation.sent_count()
    for argv, message in [
        (["export", "--unit", "10507", "--period", "2026-13", "--out", str(out)], "Tháng phải từ 1 đến 12"),
        (
            ["export", "--unit", "10507", "--period", "2026-07", "--cutoff", "30", "--out", str(out)],
            "Ngày chốt",
        ),
        (["export", "--unit", "khong-co", "--period", "2026-07", "--out", str(out)], "Không tìm thấy đơn vị"),
        (["export", "--unit", "gl-vhxh", "--period", "2026-07", "--out", str(out)], "không phải xã, phường"),
        (
            ["export", "--unit", "10507", "--period", "2026-07", "--out", str(tmp / "khong-co" / "x.json")],
            "Không ghi được tệp",
        ),
        # The commune's own installation has no commune under it to receive from.
        (["import", str(tmp / "goi-2026-07.json")], "không có xã, phường trực thuộc"),
    ]:
        done = installation.run(*argv)
        assert done.returncode == 2, (argv, done.stdout, done.stderr)
        assert message in done.stderr and "Traceback" not in done.stderr, (argv, done.stderr)
    assert not out.exists()
    assert installation.sent_count() == sent  # nothing recorded as sent for the exports refused


def test_keys_made_from_the_command_line_are_logged_without_their_private_half(province):
    call_command("package", "key", "--unit", "10507")
    key = SigningKey.objects.get()
    assert AuditEvent.objects.filter(after__key_id=key.key_id).exists()
    assert key.private_key not in json.dumps(list(AuditEvent.objects.values("after")))
