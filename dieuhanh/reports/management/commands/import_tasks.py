from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dieuhanh.reports.excel_import import ImportFileError, apply_import, read_import
from dieuhanh.reports.scope import ScopeError, find_unit

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Nhập nhiệm vụ từ tệp Excel (.xlsx) theo mẫu (xem trang Hướng dẫn của tệp mẫu). "
        "Ví dụ: dieuhanh import-tasks nhiem-vu.xlsx --unit xa-gia-loc --dry-run"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp Excel cần nhập.")
        parser.add_argument("--unit", required=True, help="Mã hoặc tên xã/tỉnh theo dõi các nhiệm vụ này.")
        parser.add_argument(
            "--valid-only", action="store_true", help="Chỉ nhập các dòng hợp lệ, bỏ qua dòng lỗi."
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không lưu.")
        parser.add_argument(
            "--user",
            help="Người nhập (bắt buộc khi lưu): nhiệm vụ được cập nhật theo quyền của người này "
            "và được ghi vào nhật ký.",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không có tệp {path}.", returncode=BAD_INPUT)
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Không có người dùng {options['user']!r}.", returncode=BAD_INPUT)
        if user is None and not options["dry_run"]:
            raise CommandError(
                "Cần --user: người nhập phải là lãnh đạo, chuyên viên theo dõi hoặc quản trị của cơ quan; "
                "nhiệm vụ được cập nhật theo quyền của người đó.",
                returncode=BAD_INPUT,
            )
        try:
            organisation = find_unit(options["unit"]).organisation()
            preview = read_import(path.read_bytes(), organisation, user)
        except (ScopeError, ImportFileError) as exc:
            raise CommandError(str(exc), returncode=BAD_INPUT) from exc
        for row in preview.invalid_rows:
            for error in row.errors:
                self.stderr.write(f"Dòng {row.number}: {error}")
        self.stdout.write(
            f"{len(preview.rows)} dòng: {len(preview.valid_rows)} hợp lệ, {len(preview.invalid_rows)} có lỗi."
        )
        if options["dry_run"]:
            self.stdout.write("Chạy thử: chưa lưu gì.")
            return
        if preview.invalid_rows and not options["valid_only"]:
            raise CommandError(
                "Chưa lưu gì: sửa các dòng lỗi hoặc dùng --valid-only để chỉ nhập các dòng hợp lệ.",
                returncode=BAD_INPUT,
            )
        try:
            result = apply_import(preview, user, valid_only=options["valid_only"])
        except ImportFileError as exc:
            raise CommandError(str(exc), returncode=BAD_INPUT) from exc
        self.stdout.write(
            f"Đã nhập: {result.created} nhiệm vụ mới, {result.updated} cập nhật, "
            f"{result.unchanged} không đổi, {result.skipped} dòng lỗi bỏ qua; "
            f"{result.completion_requests} nhiệm vụ hoàn thành chờ lãnh đạo xác nhận."
        )
