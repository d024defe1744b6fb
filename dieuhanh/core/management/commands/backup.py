from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dieuhanh.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu, tệp tải lên và khóa bí mật vào một tệp .tar.gz có mã kiểm tra."

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", help="Tệp kết quả (mặc định data/backups/dieuhanh-NGÀY-GIỜ.tar.gz).", default=None
        )

    def handle(self, *args, out=None, **options):
        try:
            result = create_backup(Path(out) if out else None)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Không sao lưu được: {exc}") from None
        rows = sum(result.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu vào {result.path}: {rows} dòng dữ liệu, {result.files} tệp tải lên, khóa bí mật."
            )
        )
        self.stdout.write("Tệp chứa khóa bí mật: hãy cất giữ như mật khẩu.")
