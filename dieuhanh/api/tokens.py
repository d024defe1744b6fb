"""API tokens: created, listed, revoked (by the page and by `dieuhanh token`), and checked.

A personal token acts as its person with exactly their rights. A system token gets an account
of its own holding one role in one unit, so every access function of the web applies to it
unchanged, and it is never named on a confidential document unless someone names it.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from dieuhanh.api.models import ApiToken
from dieuhanh.api.secrets import digest_of, new_secret
from dieuhanh.core.audit import acting_as
from dieuhanh.org.access import Access
from dieuhanh.org.constants import Role
from dieuhanh.org.models import Membership, Unit, User

DEFAULT_DAYS = 90
MAX_DAYS = 365
SYSTEM_ROLES = (Role.LEADER, Role.TRACKER, Role.MEMBER, Role.VIEWER)
# last_used_at is written at most this often per token, so reading is not a write each time.
USE_RESOLUTION = datetime.timedelta(minutes=1)
TAG = "dh"


class TokenError(ValueError):
    """A token that cannot be made or changed; the message is Vietnamese and shown as is."""


def _checked(name: str, days: int) -> tuple[str, datetime.datetime]:
    name = (name or "").strip()
    if not name:
        raise TokenError("Cần đặt tên cho mã truy cập (ví dụ: “Hệ thống quản lý văn bản”).")
    if len(name) > 100:
        raise TokenError("Tên mã truy cập dài tối đa 100 ký tự.")
    if not 1 <= days <= MAX_DAYS:
        raise TokenError(f"Thời hạn của mã truy cập phải từ 1 đến {MAX_DAYS} ngày.")
    return name, timezone.now() + datetime.timedelta(days=days)


def _save(token: ApiToken) -> str:
    raw, token.prefix, token.digest = new_secret(TAG)
    token.save()
    return raw


@transaction.atomic
def create_personal_token(user, name: str, days: int = DEFAULT_DAYS, actor=None) -> tuple[ApiToken, str]:
    """A token acting as `user`; returns it with the secret, which is shown this once only."""
    name, expires = _checked(name, days)
    with acting_as(actor or user):
        token = ApiToken(kind=ApiToken.Kind.PERSONAL, name=name, user=user, created_by=actor or user)
        token.expires_at = expires
        raw = _save(token)
    return token, raw


def may_create_system_token(access: Access, unit: Unit) -> bool:
    """An organisation's administrators give its systems tokens (the CLI, run by the operator, may too)."""
    return access.acts_for(unit, (Role.ADMIN,))


@transaction.atomic
def create_system_token(
    name: str, unit: Unit, role: str, days: int = DEFAULT_DAYS, actor=None
) -> tuple[ApiToken, str]:
    """A token for another system, acting as a new account with `role` in `unit`."""
    name, expires = _checked(name, days)
    if role not in SYSTEM_ROLES:
        labels = ", ".join(f"{r.value} ({r.label.lower()})" for r in SYSTEM_ROLES)
        raise TokenError(f"Vai trò của mã hệ thống phải là một trong: {labels}.")
    if actor is not None and not may_create_system_token(Access.of(actor), unit):
        raise TokenError(f"Bạn không có quyền tạo mã truy cập hệ thống cho {unit.name}.")
    with acting_as(actor, note=f"mã truy cập API “{name}”"):
        account = User(username=_system_username(), full_name=f"Hệ thống: {name}")
        account.set_unusable_password()
        account.save()
        Membership.objects.create(user=account, unit=unit, role=role, title="Tài khoản hệ thống (API)")
        token = ApiToken(
            kind=ApiToken.Kind.SYSTEM, name=name, user=account, unit=unit, role=role, created_by=actor
        )
        token.expires_at = expires
        raw = _save(token)
    return token, raw


def _system_username() -> str:
    _, prefix, _ = new_secret("he-thong")
    return prefix


def tokens_of(user):
    """The tokens a person may see and revoke: their own and those they created for systems."""
    return ApiToken.objects.filter(user=user) | ApiToken.objects.filter(created_by=user)


@transaction.atomic
def revoke(token: ApiToken, actor=None) -> ApiToken:
    if token.revoked_at is not None:
        raise TokenError(f"Mã truy cập “{token.name}” đã bị thu hồi trước đó.")
    with acting_as(actor):
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        if token.kind == ApiToken.Kind.SYSTEM and not token.user.api_tokens.filter(revoked_at=None).exists():
            # The system's account has nothing left to sign in with: close it too.
            token.user.is_active = False
            token.user.save(update_fields=["is_active"])
    return token


def find_by_prefix(prefix: str) -> ApiToken:
    """A token by the prefix the page and `token list` show."""
    token = ApiToken.objects.filter(prefix=(prefix or "").strip().rstrip("…")).first()
    if token is None:
        raise TokenError(f"Không tìm thấy mã truy cập có mã nhận biết “{prefix}”.")
    return token


def authenticate(raw: str) -> ApiToken | None:
    """The usable token for this secret, its last use noted; None for anything else."""
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(raw or "")).first()
    now = timezone.now()
    if token is None or not token.is_usable(now):
        return None
    if token.last_used_at is None or now - token.last_used_at >= USE_RESOLUTION:
        # An update of one column, not a save: the audit log records changes, not every read.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
