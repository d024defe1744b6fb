"""The province side: register a commune's public key, and accept its packages.

A package is accepted only when, in this order: it reads as the published schema; its
sender is a commune the receiver may receive for (a commune under an organisation they
track); it is signed by a key registered for that commune and not revoked; it is for the
period the receiver is collecting; and it is new — a package already held, or older than
the one held for that commune and period, is a replay. Each refusal says why, in Vietnamese.
"""

import json

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from pydantic import ValidationError

from dieuhanh.core.audit import acting_as
from dieuhanh.exchange import signing
from dieuhanh.exchange.models import ReceivedPackage, SenderKey
from dieuhanh.exchange.package import PackageError
from dieuhanh.exchange.schema import ReportPackage
from dieuhanh.org.access import Access
from dieuhanh.org.constants import UnitKind
from dieuhanh.org.models import Unit
from dieuhanh.reports.periods import PeriodError, resolve_period
from dieuhanh.tasks.access import DECIDERS, MANAGERS

MAX_PACKAGE_BYTES = 5 * 1024 * 1024


def senders(user, roles=MANAGERS):
    """The communes whose packages `user` receives: those under an organisation they track with
    one of `roles` (a province's office receives from its communes, a commune from no one), by
    name then id, so pages of the roll-up never skip or repeat one. `user` None is the
    installation's operator at the command line (`dieuhanh package`), who receives from all."""
    access = Access.of(user)
    communes = Unit.objects.filter(kind=UnitKind.COMMUNE, is_active=True, parent__isnull=False)
    if user is None or access.is_superuser:
        return communes.order_by("name", "pk")
    where = Q(pk__in=[])
    for path in access.org_paths(roles):
        where |= Q(parent__path__startswith=path)
    return communes.filter(where).order_by("name", "pk")


def register_key(unit: Unit, public_key: str, user) -> SenderKey:
    """The commune's public key, registered by a leader or administrator of the office above it."""
    if not senders(user, DECIDERS).filter(pk=unit.pk).exists():
        raise PackageError("forbidden", f"Bạn không có quyền đăng ký khóa của {unit.name}.")
    public_key = (public_key or "").strip()
    if not signing.is_public_key(public_key):
        raise PackageError(
            "invalid",
            "Khóa công khai không hợp lệ: cần 44 ký tự base64 như trang “Gói báo cáo gửi tỉnh” của xã hiển thị.",
        )
    key_id = signing.key_id(public_key)
    with acting_as(user, note="đăng ký khóa công khai của xã"), transaction.atomic():
        key, created = SenderKey.objects.get_or_create(
            unit=unit, key_id=key_id, defaults={"public_key": public_key, "registered_by": user}
        )
        if not created and key.revoked_at is not None:
            raise PackageError(
                "invalid", f"Khóa {key_id} của {unit.name} đã bị thu hồi, không đăng ký lại được."
            )
    return key


def manages_keys(user) -> bool:
    """Whether `user` registers and revokes communes' keys: a leader or administrator of an office
    that has communes under it."""
    return senders(user, DECIDERS).exists()


def trusted_keys(user):
    """The registered keys of the communes whose keys `user` may register and revoke."""
    return SenderKey.objects.filter(unit__in=senders(user, DECIDERS)).select_related(
        "unit", "registered_by", "revoked_by"
    )


def revoke_key(key: SenderKey, user) -> None:
    """From now on a package signed with `key` is refused (`revoked_key`); the packages already
    received stay, they were checked when they came."""
    if not senders(user, DECIDERS).filter(pk=key.unit_id).exists():
        raise PackageError("forbidden", f"Bạn không có quyền thu hồi khóa của {key.unit.name}.")
    if key.revoked_at is None:
        with acting_as(user, note="thu hồi khóa công khai của xã"):
            key.revoked_at = timezone.now()
            key.revoked_by = user
            key.save(update_fields=["revoked_at", "revoked_by"])


def read_json(data: bytes) -> dict:
    if len(data) > MAX_PACKAGE_BYTES:
        raise PackageError("invalid", "Tệp gói báo cáo quá lớn (trên 5 MB).")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PackageError(
            "invalid", "Tệp không phải gói báo cáo: cần tệp JSON do dieuhanh của xã xuất ra."
        ) from None
    if not isinstance(document, dict):
        raise PackageError("invalid", "Tệp không phải gói báo cáo: cần tệp JSON do dieuhanh của xã xuất ra.")
    return document


def _checked(document: dict) -> ReportPackage:
    try:
        return ReportPackage.model_validate(document)
    except ValidationError as exc:
        where = ", ".join(".".join(str(x) for x in e["loc"]) or "gói" for e in exc.errors()[:5])
        raise PackageError("invalid", f"Gói báo cáo không đúng cấu trúc (các trường: {where}).") from None


def _period_checked(package: ReportPackage, spec: str, cutoff: int) -> None:
    try:
        expected = resolve_period(spec, cutoff_day=cutoff)
    except PeriodError as exc:
        raise PackageError("invalid", str(exc)) from None
    got = package.payload.period
    if (got.spec, got.cutoff) != (spec, cutoff):
        raise PackageError(
            "wrong_period",
            f"Gói báo cáo là của kỳ “{got.label}” (chốt số liệu ngày {got.cutoff}), không phải kỳ "
            f"“{expected.label}” (chốt số liệu ngày {cutoff}) đang nhận.",
        )
    if (got.start, got.end) != (expected.start, expected.end):
        raise PackageError(
            "wrong_period",
            f"Gói báo cáo ghi kỳ “{got.label}” từ {got.start:%d/%m/%Y} đến {got.end:%d/%m/%Y}, khác với "
            f"kỳ này ({expected.start:%d/%m/%Y} – {expected.end:%d/%m/%Y}).",
        )


def receive(document: dict, user, spec: str | None, cutoff: int | None = 14) -> ReceivedPackage:
    """Check and store a package for the period (`spec`, `cutoff`) the receiver is collecting; None
    takes the package's own period (`dieuhanh package import` without --period), still checked to
    be the period its name says. `user` None is the installation's operator at the command line."""
    package = _checked(document)
    payload, signature = package.payload, package.signature
    spec = spec or payload.period.spec
    cutoff = cutoff or payload.period.cutoff
    allowed = senders(user)
    if not allowed.exists():
        if user is None:
            raise PackageError(
                "forbidden", "Hệ thống này không có xã, phường trực thuộc nào để nhận gói báo cáo."
            )
        raise PackageError("forbidden", "Bạn không có quyền nhận gói báo cáo của xã, phường nào.")
    unit = allowed.filter(code=payload.sender.code).first()
    if unit is None:
        raise PackageError(
            "unknown_sender",
            f"Không nhận được gói của “{payload.sender.name}” (mã {payload.sender.code}): không có xã, "
            "phường mã này trong các đơn vị bạn theo dõi.",
        )
    key = SenderKey.objects.filter(unit=unit, key_id=signature.key_id).first()
    if key is None:
        raise PackageError(
            "unknown_key",
            f"Khóa {signature.key_id} chưa được đăng ký cho {unit.name}; "
            "hãy đăng ký khóa công khai của xã trước khi nhận gói.",
        )
    if key.revoked_at is not None:
        raise PackageError(
            "revoked_key",
            f"Khóa {key.key_id} của {unit.name} đã bị thu hồi ngày "
            f"{timezone.localtime(key.revoked_at):%d/%m/%Y}: gói ký bằng khóa này không được nhận. "
            "Xã cần tạo khóa mới (dieuhanh package key --new) và gửi khóa công khai mới để tỉnh đăng ký.",
        )
    # The raw payload as received, not its parsed form: the signature is over what the commune sent.
    if not signing.verify(document["payload"], signature.value, key.public_key):
        raise PackageError(
            "bad_signature",
            f"Chữ ký không hợp lệ: gói báo cáo đã bị sửa sau khi ký, hoặc không do {unit.name} ký.",
        )
    _period_checked(package, spec, cutoff)
    with acting_as(user, note=f"nhận gói báo cáo của {unit.name}"[:300]), transaction.atomic():
        _refuse_replay(unit, package)
        SenderKey.objects.filter(pk=key.pk).update(last_package_at=timezone.now())
        try:
            # Its own savepoint: on PostgreSQL a failed INSERT would otherwise abort the transaction
            # before _replayed() can read which package is held.
            with transaction.atomic():
                return ReceivedPackage.objects.create(
                    unit=unit,
                    package_id=payload.package_id,
                    period_spec=spec,
                    cutoff=cutoff,
                    period_label=payload.period.label,
                    signed_at=payload.signed_at,
                    key_id=signature.key_id,
                    document=document,
                    received_by=user,
                )
        except IntegrityError:  # the same package received at this very moment by someone else
            raise _replayed(payload.package_id) from None


def _replayed(package_id: str) -> PackageError:
    held = ReceivedPackage.objects.filter(package_id=package_id).first()
    when = f" ngày {timezone.localtime(held.received_at):%d/%m/%Y %H:%M}" if held else ""
    return PackageError("replay", f"Gói báo cáo này đã được nhận{when}; không nhận lại.")


def _refuse_replay(unit: Unit, package: ReportPackage) -> None:
    payload = package.payload
    if ReceivedPackage.objects.filter(package_id=payload.package_id).exists():
        raise _replayed(payload.package_id)
    newer = (
        ReceivedPackage.objects.select_for_update()
        .filter(
            unit=unit,
            period_spec=payload.period.spec,
            cutoff=payload.period.cutoff,
            signed_at__gte=payload.signed_at,
        )
        .first()
    )
    if newer is not None:
        raise PackageError(
            "replay",
            f"Đã nhận một gói mới hơn của {unit.name} cho kỳ “{newer.period_label}” (ký lúc "
            f"{timezone.localtime(newer.signed_at):%H:%M %d/%m/%Y}); gói cũ không thay được gói mới.",
        )


def latest_packages(communes, spec: str, cutoff: int) -> dict[int, ReceivedPackage]:
    """The newest package of each of `communes` for the period, by commune id (what the roll-up shows)."""
    held = ReceivedPackage.objects.filter(unit__in=communes, period_spec=spec, cutoff=cutoff)
    latest: dict[int, ReceivedPackage] = {}
    for package in held.order_by("unit_id", "-signed_at", "-id"):
        latest.setdefault(package.unit_id, package)
    return latest
