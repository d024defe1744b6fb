from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dieuhanh.core.audit import acting_as
from dieuhanh.org.constants import Role
from dieuhanh.org.models import Membership, Unit, User


class Command(BaseCommand):
    help = "Tạo người dùng và gán vai trò trong một đơn vị."

    def add_arguments(self, parser):
        parser.add_argument("username", help="Tên đăng nhập.")
        parser.add_argument("--password", required=True, help="Mật khẩu.")
        parser.add_argument("--full-name", default="", help="Họ và tên.")
        parser.add_argument("--email", default="", help="Thư điện tử.")
        parser.add_argument("--unit", help="Mã hoặc tên đơn vị.")
        parser.add_argument(
            "--role",
            choices=[r.value for r in Role],
            default=Role.MEMBER,
            help="Vai trò: admin, leader (lãnh đạo), tracker (chuyên viên), member (cán bộ), viewer (xem).",
        )
        parser.add_argument("--title", default="", help="Chức vụ.")

    def handle(self, *args, username, password, full_name, email, unit, role, title, **options):
        if User.objects.filter(username=username).exists():
            raise CommandError(f"Tên đăng nhập “{username}” đã tồn tại.")
        target = None
        if unit:
            target = Unit.objects.filter(code=unit).first() or Unit.objects.filter(name__iexact=unit).first()
            if target is None:
                raise CommandError(f"Không tìm thấy đơn vị “{unit}” (nhập mã hoặc tên chính thức).")
        elif role != Role.ADMIN:
            raise CommandError("Cần chỉ rõ đơn vị (--unit) cho vai trò khác quản trị.")
        try:
            validate_password(password, User(username=username, email=email, full_name=full_name))
        except ValidationError as exc:
            raise CommandError("Mật khẩu không đạt yêu cầu: " + " ".join(exc.messages)) from None
        with transaction.atomic(), acting_as(None, note="dieuhanh createuser"):
            user = User.objects.create_user(
                username=username,
                password=password,
                email=email,
                full_name=full_name,
                is_staff=role == Role.ADMIN,
                is_superuser=role == Role.ADMIN,
            )
            if target is not None:
                Membership.objects.create(user=user, unit=target, role=role, title=title)
        self.stdout.write(self.style.SUCCESS(f"Đã tạo người dùng “{username}” ({Role(role).label})."))
