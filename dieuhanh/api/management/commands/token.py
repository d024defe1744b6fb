"""`dieuhanh token create|list|revoke`: API tokens from the command line."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dieuhanh.api import tokens
from dieuhanh.api.models import ApiToken
from dieuhanh.org.models import User
from dieuhanh.reports.scope import ScopeError, find_unit


class Command(BaseCommand):
    help = "Tạo, liệt kê, thu hồi mã truy cập API."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="create|list|revoke")
        create = sub.add_parser("create", help="Tạo mã truy cập (in ra một lần duy nhất).")
        create.add_argument("name", help="Tên mã, ví dụ “Hệ thống quản lý văn bản”.")
        create.add_argument("--user", help="Mã cá nhân của người dùng này (tên đăng nhập).")
        create.add_argument("--unit", help="Mã hệ thống: mã hoặc tên đơn vị.")
        create.add_argument(
            "--role",
            default="viewer",
            help="Mã hệ thống: vai trò leader, tracker, member hoặc viewer (mặc định viewer, chỉ đọc).",
        )
        create.add_argument("--days", type=int, default=tokens.DEFAULT_DAYS, help="Số ngày hiệu lực.")
        listing = sub.add_parser("list", help="Liệt kê mã truy cập (chỉ hiện mã nhận biết).")
        listing.add_argument("--user", help="Chỉ mã của người dùng này.")
        revoke = sub.add_parser("revoke", help="Thu hồi một mã theo mã nhận biết (dh_…).")
        revoke.add_argument("prefix")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except (tokens.TokenError, ScopeError) as exc:
            raise CommandError(str(exc)) from None

    def _user(self, username):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không tìm thấy người dùng “{username}”.")
        return user

    def _create(self, name, user, unit, role, days, **options):
        if bool(user) == bool(unit):
            raise CommandError("Chọn một trong hai: --user (mã cá nhân) hoặc --unit (mã cho hệ thống khác).")
        if user:
            token, raw = tokens.create_personal_token(self._user(user), name, days)
        else:
            token, raw = tokens.create_system_token(name, find_unit(unit), role, days)
        self.stdout.write(
            f"Đã tạo mã truy cập “{token.name}”, hết hạn {timezone.localtime(token.expires_at):%d/%m/%Y}."
        )
        self.stdout.write("Sao chép mã dưới đây ngay — hệ thống không hiển thị lại:")
        self.stdout.write(raw)

    def _list(self, user=None, **options):
        qs = ApiToken.objects.select_related("user", "unit").order_by("-created_at", "-id")
        if user:
            qs = qs.filter(user=self._user(user))
        now = timezone.now()
        if not qs.exists():
            self.stdout.write("Chưa có mã truy cập nào.")
        for t in qs:
            if t.revoked_at:
                state = f"đã thu hồi {timezone.localtime(t.revoked_at):%d/%m/%Y}"
            elif t.expires_at <= now:
                state = "đã hết hạn"
            else:
                state = f"hết hạn {timezone.localtime(t.expires_at):%d/%m/%Y}"
            owner = f"{t.unit.name} ({t.get_role_display()})" if t.unit else t.user.username
            used = f"{timezone.localtime(t.last_used_at):%d/%m/%Y %H:%M}" if t.last_used_at else "chưa dùng"
            self.stdout.write(
                f"{t.prefix}…  {t.name}  [{t.get_kind_display()}: {owner}]  {state}; dùng lần cuối: {used}"
            )

    def _revoke(self, prefix, **options):
        token = tokens.revoke(tokens.find_by_prefix(prefix))
        self.stdout.write(f"Đã thu hồi mã truy cập “{token.name}” ({token.prefix}…).")
