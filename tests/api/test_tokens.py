"""API tokens: hashed, expiring, revocable; made on the page and by `dieuhanh token`."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from dieuhanh.api import tokens
from dieuhanh.api.models import ApiToken
from dieuhanh.core.models import AuditEvent
from dieuhanh.org.constants import Role
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def api(raw):
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/tasks")


def test_only_a_hash_and_a_prefix_are_stored(world):
    token, raw = tokens.create_personal_token(world.people["tracker"], "Bảng điều hành")
    assert raw.startswith(token.prefix + "_")
    stored = ApiToken.objects.filter(pk=token.pk).values_list(*[f.attname for f in ApiToken._meta.fields])
    assert raw not in str(list(stored))


def test_a_token_expires_is_revoked_and_notes_its_last_use(world, clock):
    token, raw = tokens.create_personal_token(world.people["tracker"], "Thử", days=2)
    assert api(raw).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    clock.shift(datetime.timedelta(days=3))
    assert api(raw).status_code == 401
    token2, raw2 = tokens.create_personal_token(world.people["tracker"], "Thử 2")
    tokens.revoke(token2)
    assert api(raw2).status_code == 401
    with pytest.raises(tokens.TokenError, match="đã bị thu hồi"):
        tokens.revoke(token2)


def test_an_inactive_persons_token_stops_working(world):
    person = world.people["tracker"]
    person.is_active = False
    person.save()
    assert api(world.tokens["tracker"]).status_code == 401


def test_a_system_token_acts_with_its_role_in_its_unit_only(world):
    token, raw = tokens.create_system_token("Cổng tin nhắn", world.units["lead"], Role.MEMBER)
    listed = {t["id"] for t in api(raw).json()["items"]}
    # The lead unit's tasks, but not the confidential one: the system is not named on it.
    assert listed == {world.tasks["own"].pk, world.tasks["later"].pk}
    assert token.user.memberships.get().role == Role.MEMBER


def test_a_system_token_may_not_be_an_administrator(world):
    with pytest.raises(tokens.TokenError, match="Vai trò"):
        tokens.create_system_token("Quản trị", world.units["a"], Role.ADMIN)


def test_only_an_organisations_admin_gives_its_systems_tokens(world):
    admin = MembershipFactory(unit=world.units["a"], role=Role.ADMIN).user
    tokens.create_system_token("Văn bản", world.units["lead"], Role.VIEWER, actor=admin)
    with pytest.raises(tokens.TokenError, match="không có quyền"):
        tokens.create_system_token("Văn bản", world.units["b_lead"], Role.VIEWER, actor=admin)
    with pytest.raises(tokens.TokenError, match="không có quyền"):
        tokens.create_system_token("Văn bản", world.units["lead"], Role.VIEWER, actor=world.people["leader"])


@pytest.mark.parametrize("name, days", [("", 30), ("x" * 101, 30), ("Thử", 0), ("Thử", 366)])
def test_bad_values_are_refused_in_vietnamese(world, name, days):
    with pytest.raises(tokens.TokenError):
        tokens.create_personal_token(world.people["tracker"], name, days)


def page(world, role) -> Client:
    client = Client()
    client.force_login(world.people[role])
    return client


def test_the_page_shows_a_new_token_once_and_revokes_it(world):
    client = page(world, "viewer")
    response = client.post("/api/", {"kind": "personal", "name": "Điện thoại", "days": "30"})
    assert response.status_code == 200
    token = ApiToken.objects.get(name="Điện thoại")
    raw = response.context["shown"]["secret"]
    assert api(raw).status_code == 200
    again = client.get("/api/").content.decode()
    assert raw not in again and token.prefix in again
    assert client.post(f"/api/ma-truy-cap/{token.pk}/thu-hoi/").status_code == 302
    assert api(raw).status_code == 401
    event = AuditEvent.objects.filter(content_type__model="apitoken", object_id=str(token.pk)).first()
    assert event.actor == world.people["viewer"]


def test_the_page_refuses_bad_input_and_others_tokens(world):
    client = page(world, "viewer")
    assert client.post("/api/", {"kind": "personal", "name": "", "days": "30"}).status_code == 400
    assert client.post("/api/", {"kind": "personal", "name": "A", "days": "999"}).status_code == 400
    # No system form for someone who administers nothing, and a posted one is refused.
    assert client.get("/api/").context["system_form"] is None
    unit = world.units["lead"].pk
    refused = client.post(
        "/api/", {"kind": "system", "name": "A", "days": "30", "unit": unit, "role": "viewer"}
    )
    assert refused.status_code == 400 and not ApiToken.objects.filter(kind="system").exists()
    theirs = ApiToken.objects.get(user=world.people["tracker"])
    assert client.post(f"/api/ma-truy-cap/{theirs.pk}/thu-hoi/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_the_command_creates_lists_and_revokes(world, capsys):
    call_command("token", "create", "Hệ thống văn bản", "--unit", world.units["a"].code, "--role", "tracker")
    out = capsys.readouterr().out
    raw = out.strip().splitlines()[-1]
    assert "Đã tạo mã truy cập" in out and api(raw).status_code == 200
    token = ApiToken.objects.get(name="Hệ thống văn bản")
    call_command("token", "list")
    listed = capsys.readouterr().out
    assert token.prefix in listed and raw not in listed
    call_command("token", "revoke", token.prefix)
    assert "Đã thu hồi" in capsys.readouterr().out
    assert api(raw).status_code == 401


@pytest.mark.parametrize(
    "argv, message",
    [
        (["create", "A"], "Chọn một trong hai"),
        (["create", "A", "--user", "khong-co"], "Không tìm thấy người dùng"),
        (["create", "A", "--unit", "khong-co"], "Không tìm thấy đơn vị"),
        (["create", "A", "--unit", "x", "--user", "y"], "Chọn một trong hai"),
        (["revoke", "dh_khongco"], "Không tìm thấy mã truy cập"),
    ],
)
def test_the_command_refuses_bad_input(world, argv, message):
    with pytest.raises(CommandError, match=message):
        call_command("token", *argv)


def test_the_command_refuses_a_bad_role_and_days(world):
    unit = world.units["a"].code
    with pytest.raises(CommandError, match="Vai trò"):
        call_command("token", "create", "A", "--unit", unit, "--role", "admin")
    with pytest.raises(CommandError, match="Thời hạn"):
        call_command("token", "create", "A", "--user", world.people["tracker"].username, "--days", "0")


@pytest.mark.parametrize("argv", [["token", "create", "Thử"], ["token", "xoa"], ["token"]])
def test_the_cli_exits_non_zero_without_a_traceback(tmp_path, argv):
    import subprocess
    import sys
    from pathlib import Path

    result = subprocess.run(
        [str(Path(sys.executable).parent / "dieuhanh"), *argv],
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "dieuhanh.settings", "DIEUHANH_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and result.stderr.strip()
