import argparse
import datetime
from collections import defaultdict

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from dieuhanh.notify.channels import wants_email
from dieuhanh.notify.confidential import drop_withheld
from dieuhanh.notify.digest import sections
from dieuhanh.notify.models import Reminder
from dieuhanh.notify.rules import plan
from dieuhanh.notify.worker import tick
from dieuhanh.tasks.listing import with_document


def parse_day(text: str) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ: {text!r} (dùng dạng YYYY-MM-DD)") from None
    if not 2000 <= day.year <= 2100:
        raise argparse.ArgumentTypeError(f"ngày {day:%d/%m/%Y} nằm ngoài khoảng từ năm 2000 đến năm 2100")
    return day


SECRET_ITEM = "(nhiệm vụ của văn bản mật: chỉ người có tên trên văn bản được xem nội dung)"


class Command(BaseCommand):
    help = "Lập lịch và gửi các lượt nhắc việc đến hạn một lần rồi thoát (dùng cho cron/systemd timer)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=parse_day, help="Coi hôm nay là ngày này (YYYY-MM-DD).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in ra những gì sẽ gửi, không ghi gì.")

    def handle(self, *args, today=None, dry_run=False, **options):
        now = timezone.now()
        today = today or timezone.localdate(now)
        if dry_run:
            self.dry_run(today, now)
            return
        result = tick(now=now, today=today, respect_hour=False, force_plan=True)
        self.stdout.write(f"Nhắc việc ngày {today:%d/%m/%Y}. {result.summary()}")

    def dry_run(self, today: datetime.date, now: datetime.datetime):
        with transaction.atomic():
            planned = plan(today, now)
            drop_withheld(Reminder.objects.filter(due_on__lte=today))
            due = (
                with_document(Reminder.objects.filter(due_on__lte=today, sent_at=None), via="task__document")
                .select_related("person", "task__lead_unit")
                .order_by("person_id", "task_id")
            )
            by_email = set(due.filter(wants_email()).values_list("pk", flat=True))
            per_person = defaultdict(list)
            secret = set()
            for reminder in due:
                per_person[reminder.person].append(reminder)
                if reminder.task.document_id and reminder.task.document.is_confidential:
                    secret.add(reminder.task_id)
            transaction.set_rollback(True)
        self.stdout.write(
            f"[Chạy thử] Ngày {today:%d/%m/%Y}: sẽ lập {sum(planned.values())} lượt nhắc mới, "
            f"gửi cho {len(per_person)} người. Không ghi gì vào cơ sở dữ liệu."
        )
        for person, reminders in per_person.items():
            channel = "thư điện tử + thông báo" if reminders[0].pk in by_email else "thông báo trong hệ thống"
            address = f" <{person.email}>" if person.email else ""
            self.stdout.write(f"\n{person}{address} — {channel}:")
            for section in sections(reminders, today):
                for item in section.items:
                    # The console is nobody named on a confidential document: its tasks stay unnamed.
                    summary = SECRET_ITEM if item.task_id in secret else item.summary
                    self.stdout.write(f"  [{section.title}] {summary} — {item.note}")
