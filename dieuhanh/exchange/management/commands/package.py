"""`dieuhanh package`: the commune → province report package from the command line.

On the commune's installation: `export` writes the signed package of a period, `key` shows (or with
--new replaces) the commune's public key to send to the province. On the province's: `import`
checks and stores a package, `keys` lists the communes' registered keys, `trust` registers one,
`revoke` revokes one. The command acts as the installation's operator (every commune) unless
--user names a person, whose rights then apply as on the page.
"""

import json
import os
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from dieuhanh.exchange.models import SenderKey
from dieuhanh.exchange.package import PackageError, build_package, new_signing_key, signing_key
from dieuhanh.exchange.receiving import read_json, receive, register_key, revoke_key
from dieuhanh.org.constants import UnitKind
from dieuhanh.reports.constants import DEFAULT_CUTOFF_DAY
from dieuhanh.reports.periods import PeriodError
from dieuhanh.reports.scope import ScopeError, find_unit

BAD_INPUT = 2


def fail(message: str) -> CommandError:
    return CommandError(message, returncode=BAD_INPUT)


class Command(BaseCommand):
    help = (
        "Gói báo cáo xã gửi tỉnh: export (xã xuất gói), key (khóa công khai của xã), import (tỉnh nhận gói), "
        "keys, trust, revoke (khóa của các xã mà tỉnh tin cậy). "
        "Ví dụ: dieuhanh package export --unit xa-gia-loc --period 2026-06 --out goi.json"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(
            dest="action", required=True, metavar="export|import|key|keys|trust|revoke"
        )

        export = sub.add_parser("export", help="Xuất gói báo cáo đã ký của xã cho một kỳ (JSON).")
        export.add_argument("--unit", required=True, help="Mã hoặc tên xã, phường.")
        export.add_argument("--period", required=True, help="Kỳ: 2026-06, 2026-Q2, 2026-H1, 2026-9M, 2026.")
        export.add_argument(
            "--cutoff", type=int, default=DEFAULT_CUTOFF_DAY, help="Ngày chốt số liệu (1–28)."
        )
        export.add_argument("--out", help="Tệp kết quả; mặc định in ra màn hình.")
        export.add_argument("--user", help="Lập gói theo quyền của người dùng này.")

        importing = sub.add_parser("import", help="Kiểm tra chữ ký và nhận một gói báo cáo.")
        importing.add_argument("file", help="Tệp gói báo cáo (.json).")
        importing.add_argument("--period", help="Kỳ đang nhận; mặc định: kỳ ghi trong gói.")
        importing.add_argument("--cutoff", type=int, help="Ngày chốt số liệu của kỳ đang nhận.")
        importing.add_argument("--user", help="Nhận gói theo quyền của người dùng này.")

        key = sub.add_parser("key", help="In khóa công khai của xã (gửi tỉnh để đăng ký).")
        key.add_argument("--unit", required=True, help="Mã hoặc tên xã, phường.")
        key.add_argument(
            "--new", action="store_true", help="Tạo khóa mới thay khóa cũ (khóa bị lộ, bị thu hồi)."
        )

        keys = sub.add_parser("keys", help="Liệt kê khóa công khai của các xã đã đăng ký.")
        keys.add_argument("--unit", help="Chỉ khóa của xã, phường này.")

        trust = sub.add_parser("trust", help="Đăng ký khóa công khai của một xã.")
        trust.add_argument("public_key", help="Khóa công khai (44 ký tự base64) xã gửi lên.")
        trust.add_argument("--unit", required=True, help="Mã hoặc tên xã, phường.")
        trust.add_argument("--user", help="Đăng ký theo quyền của người dùng này.")

        revoke = sub.add_parser("revoke", help="Thu hồi một khóa: gói ký bằng khóa này sẽ bị từ chối.")
        revoke.add_argument("key_id", help="Mã khóa (16 ký tự, xem bằng lệnh keys).")
        revoke.add_argument("--unit", help="Mã hoặc tên xã, phường (khi hai xã trùng mã khóa).")
        revoke.add_argument("--user", help="Thu hồi theo quyền của người dùng này.")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except (PackageError, PeriodError, ScopeError) as exc:
            raise fail(str(exc)) from None

    def _user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise fail(f"Không có người dùng “{username}”.")
        return user

    def _commune(self, text):
        unit = find_unit(text)
        if unit.kind != UnitKind.COMMUNE:
            raise fail(f"{unit.name} không phải xã, phường.")
        return unit

    def _export(self, unit, period, cutoff, out, user, **options):
        if not 1 <= cutoff <= 28:
            raise fail("Ngày chốt số liệu (--cutoff) phải từ 1 đến 28.")
        organisation, person = self._commune(unit), self._user(user)
        # The package is recorded as sent only once its file is whole.
        with transaction.atomic():
            package = build_package(organisation, person, period, cutoff)
            text = json.dumps(package, ensure_ascii=False, indent=1) + "\n"
            if out:
                _write_whole(Path(out), text)
        if out:
            self.stdout.write(
                f"Đã ghi gói báo cáo {package['payload']['period']['label']} của {organisation.name} vào {out} "
                f"(mã gói {package['payload']['package_id']}, khóa {package['signature']['key_id']})."
            )
        else:
            self.stdout.write(text, ending="")

    def _import(self, file, period, cutoff, user, **options):
        if cutoff is not None and not 1 <= cutoff <= 28:
            raise fail("Ngày chốt số liệu (--cutoff) phải từ 1 đến 28.")
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise fail(f"Không đọc được tệp {file}: {exc.strerror}.") from None
        received = receive(read_json(data), self._user(user), period, cutoff)
        self.stdout.write(
            f"Đã nhận gói báo cáo {received.period_label} của {received.unit.name} "
            f"(mã gói {received.package_id}, khóa {received.key_id})."
        )

    def _key(self, unit, new, **options):
        organisation = self._commune(unit)
        if not organisation.code:
            raise fail(f"{organisation.name} chưa có mã đơn vị; cần khai báo mã để tỉnh nhận gói.")
        key = new_signing_key(organisation) if new else signing_key(organisation)
        if new:
            self.stdout.write(
                f"Đã tạo khóa mới cho {organisation.name}; gửi khóa công khai dưới đây để tỉnh đăng ký."
            )
        self.stdout.write(f"Xã, phường: {organisation.name} (mã {organisation.code})")
        self.stdout.write(f"Mã khóa: {key.key_id}")
        self.stdout.write(f"Khóa công khai: {key.public_key}")

    def _keys(self, unit, **options):
        rows = SenderKey.objects.select_related("unit").order_by("unit__name", "-registered_at", "pk")
        if unit:
            rows = rows.filter(unit=self._commune(unit))
        if not rows.exists():
            self.stdout.write("Chưa đăng ký khóa nào.")
        for k in rows:
            state = f"đã thu hồi {_day(k.revoked_at)}" if k.revoked_at else "đang dùng"
            last = (
                f"nhận gói lần cuối {_day(k.last_package_at, time=True)}"
                if k.last_package_at
                else "chưa nhận gói"
            )
            self.stdout.write(
                f"{k.key_id}  {k.unit.name} (mã {k.unit.code})  đăng ký {_day(k.registered_at)}; {last}; {state}"
            )

    def _trust(self, public_key, unit, user, **options):
        key = register_key(self._commune(unit), public_key, self._user(user))
        self.stdout.write(f"Đã đăng ký khóa {key.key_id} của {key.unit.name}.")

    def _revoke(self, key_id, unit, user, **options):
        keys = SenderKey.objects.filter(key_id=key_id.strip().lower()).select_related("unit")
        if unit:
            keys = keys.filter(unit=self._commune(unit))
        found = list(keys[:2])
        if not found:
            raise fail(f"Không có khóa {key_id} nào đã đăng ký (xem bằng: dieuhanh package keys).")
        if len(found) > 1:
            raise fail(f"Khóa {key_id} được đăng ký cho nhiều xã; chọn xã bằng --unit.")
        key = found[0]
        if key.revoked_at:
            raise fail(f"Khóa {key.key_id} của {key.unit.name} đã bị thu hồi ngày {_day(key.revoked_at)}.")
        revoke_key(key, self._user(user))
        self.stdout.write(
            f"Đã thu hồi khóa {key.key_id} của {key.unit.name}: gói ký bằng khóa này sẽ bị từ chối."
        )


def _day(moment, time=False) -> str:
    return (
        f"{timezone.localtime(moment):%d/%m/%Y %H:%M}" if time else f"{timezone.localtime(moment):%d/%m/%Y}"
    )


def _write_whole(path: Path, text: str) -> None:
    """The file appears whole or not at all: written beside, then renamed over."""
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise fail(f"Không ghi được tệp {path}: {exc.strerror}.") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise fail(f"Không ghi được tệp {path}: {exc.strerror}.") from None
