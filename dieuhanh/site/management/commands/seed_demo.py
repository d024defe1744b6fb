from django.core.management.base import BaseCommand
from django.db import transaction

from dieuhanh.core.audit import acting_as
from dieuhanh.evaluation.demo import NEW_OFFICIALS, seed_evaluation
from dieuhanh.intake.demo import import_samples
from dieuhanh.org.constants import Role
from dieuhanh.org.demo import DEMO_PASSWORD, seed_people, seed_units
from dieuhanh.site.demo_life import bring_to_life, keep_current


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu minh họa: một tỉnh, ba xã, người dùng mẫu và năm văn bản mẫu đã xác nhận nhiệm vụ "
        "(chạy lại không nhân đôi)."
    )

    def handle(self, *args, **options):
        with transaction.atomic(), acting_as(None, note="dieuhanh seed-demo"):
            seed_units()
            logins = seed_people()
            samples = import_samples()
            moved = keep_current(samples)
            alive = bring_to_life(samples)
            evaluation = seed_evaluation()
        created = sum(1 for s in samples if s.created)
        self.stdout.write(f"Văn bản mẫu: {len(samples)} (mới nhập {created}).")
        for s in samples:
            self.stdout.write(
                f"  {s.document.owner.short_name or s.document.owner}: {s.document} — {s.tasks} nhiệm vụ"
            )
            for note in s.notes:
                self.stdout.write(f"    Lưu ý: {note}")
        if alive:
            self.stdout.write(
                "Ngày tháng minh họa: tính theo hôm nay (việc sắp đến hạn, quá hạn, đã xong, chờ duyệt)."
            )
        elif moved:
            self.stdout.write(f"Ngày tháng minh họa: dời {moved} ngày cho khớp với hôm nay.")
        if evaluation is not None:
            self.stdout.write(f"Đánh giá công chức: mở kỳ {evaluation} ({evaluation.sheets.count()} phiếu).")
        self.stdout.write(f"Tài khoản minh họa (mật khẩu chung: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(
                f"  {login.username:<14} {login.role.label:<22} {login.full_name} — {login.title}"
            )
        for official in NEW_OFFICIALS:
            self.stdout.write(
                f"  {official.username:<14} {Role.MEMBER.label:<22} {official.full_name} — {official.title}"
            )
