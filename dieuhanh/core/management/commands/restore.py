from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dieuhanh.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Khôi phục từ một bản sao lưu của `dieuhanh backup` (dừng máy chủ và tiến trình nhắc việc trước)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp sao lưu .tar.gz.")
        parser.add_argument(
            "--yes", action="store_true", help="Không hỏi lại: thay toàn bộ dữ liệu hiện có bằng bản sao lưu."
        )

    def handle(self, *args, archive, yes=False, **options):
        if not yes:
            answer = input("Toàn bộ dữ liệu hiện có sẽ bị thay bằng bản sao lưu. Gõ “dong y” để tiếp tục: ")
            if answer.strip().lower() not in ("dong y", "đồng ý"):
                raise CommandError("Đã hủy: không thay đổi gì.")
        try:
            result = restore_backup(Path(archive))
        except (BackupError, OSError) as exc:
            raise CommandError(f"Không khôi phục được: {exc}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục bản sao lưu lúc {result.created_at:%d/%m/%Y %H:%M}: "
                f"{sum(result.counts.values())} dòng dữ liệu, {result.files} tệp tải lên."
            )
        )
        if not result.key_restored:
            self.stdout.write(
                "Khóa bí mật lấy từ biến môi trường SECRET_KEY: không ghi đè; dùng khóa trong bản sao lưu "
                "nếu muốn giữ các phiên đăng nhập cũ."
            )
