from django.core.management.base import BaseCommand
from django.db import transaction

from dieuhanh.core.audit import acting_as
from dieuhanh.documents.demo import register_samples
from dieuhanh.org.demo import DEMO_PASSWORD, seed_people, seed_units


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu minh họa: một tỉnh, ba xã, người dùng mẫu và năm văn bản mẫu (chạy lại không nhân đôi)."
    )

    def handle(self, *args, **options):
        with transaction.atomic(), acting_as(None, note="dieuhanh seed-demo"):
            seed_units()
            logins = seed_people()
            documents = register_samples()
        created = sum(1 for _, new in documents if new)
        self.stdout.write(f"Văn bản mẫu: {len(documents)} (mới nhập {created}).")
        self.stdout.write(f"Tài khoản minh họa (mật khẩu chung: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(
                f"  {login.username:<14} {login.role.label:<22} {login.full_name} — {login.title}"
            )
