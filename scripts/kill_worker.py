"""kill -9 the reminder worker at random moments while it sends digests, then check nothing is lost.

    .venv/bin/python scripts/kill_worker.py --people 200 --kills 10

Runs on a throwaway SQLite database in a temporary folder and a real SMTP server
on loopback (aiosmtpd) that takes 50 ms per message, so kills land mid-send. Each
round starts `dieuhanh worker`, kills it with SIGKILL after a random delay and
counts the digests it left claimed but unsent. A last worker then runs to the
end with a short lease (NOTIFY_LEASE_SECONDS), and the script checks that every
person got their digest, that no reminder stays unsent and no digest claimed,
and counts duplicates (same Message-ID twice: delivery is at-least-once).
Prints the figures; exit code 0 when nothing was lost.
"""

import argparse
import datetime
import email
import email.policy
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from dieuhanh.cli import main; main()"]
LEASE_SECONDS = 2


class SlowMailbox:
    """Keeps every message it accepts; 50 ms per message leaves room for a kill mid-send."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        await asyncio.sleep(0.05)
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_people(count: int) -> None:
    """`count` people, each in a unit with one overdue task and one reminder due today."""
    from django.utils import timezone

    from dieuhanh.notify.constants import ReminderKind
    from dieuhanh.notify.models import NotificationPreference, Reminder
    from dieuhanh.org.constants import Role, UnitKind
    from dieuhanh.org.models import Membership, Unit, User
    from dieuhanh.tasks.models import Task

    now = timezone.now()
    today = timezone.localdate(now)
    commune = Unit.objects.create(kind=UnitKind.COMMUNE, name="Ủy ban nhân dân xã Thử", code="xa-thu")
    for i in range(count):
        unit = Unit.objects.create(
            kind=UnitKind.COMMUNE_DEPT, name=f"Phòng số {i}", code=f"phong-{i}", parent=commune
        )
        person = User.objects.create_user(f"canbo{i}", email=f"canbo{i}@example.vn", full_name=f"Cán bộ {i}")
        Membership.objects.create(user=person, unit=unit, role=Role.MEMBER)
        NotificationPreference.objects.create(person=person, digest_hour=0)
        task = Task.objects.create(
            owner=commune,
            lead_unit=unit,
            text=f"Nhiệm vụ số {i}",
            deadline=today - datetime.timedelta(days=10),
            original_deadline=today - datetime.timedelta(days=10),
        )
        Reminder.objects.create(
            task=task, person=person, kind=ReminderKind.OVERDUE, due_on=today, planned_at=now
        )


def claims_left_since(moment) -> int:
    """Digests claimed after `moment` and not sent: what the killed worker was sending."""
    from dieuhanh.notify.models import Digest

    return Digest.objects.filter(claimed_at__gte=moment, sent_at=None).count()


def start_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [*CLI, "worker", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--max-delay", type=float, default=3.0, help="kill within this many seconds")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory(prefix="dieuhanh-kill-") as data:
        from aiosmtpd.controller import Controller

        mailbox = SlowMailbox()
        smtp = Controller(mailbox, hostname="127.0.0.1", port=free_port())
        smtp.start()
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(
            DIEUHANH_DATA_DIR=data,
            DJANGO_SETTINGS_MODULE="dieuhanh.settings",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp.port),
            NOTIFY_LEASE_SECONDS=str(LEASE_SECONDS),
            LOG_LEVEL="WARNING",
        )
        os.environ.update(env)
        os.environ.pop("DATABASE_URL", None)
        subprocess.run([*CLI, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        import django

        django.setup()
        make_people(args.people)

        from django.utils import timezone

        left_claimed = 0
        for _ in range(args.kills):
            began = timezone.now()
            worker = start_worker(env)
            time.sleep(rng.uniform(0.8, args.max_delay))
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            left_claimed += claims_left_since(began) > 0

        from dieuhanh.notify.models import Digest, Reminder

        started = time.monotonic()
        worker = start_worker(env)
        while time.monotonic() - started < 60:
            if not Reminder.objects.filter(sent_at=None).exists():
                break
            time.sleep(0.5)
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
        smtp.stop()

        received = Counter(m["To"] for m in mailbox.messages)
        ids = Counter(m["Message-ID"] for m in mailbox.messages)
        never = [f"canbo{i}@example.vn" for i in range(args.people) if not received[f"canbo{i}@example.vn"]]
        unsent = Reminder.objects.filter(sent_at=None).count()
        claimed = Digest.objects.filter(claimed_at__isnull=False).count()
        duplicates = sum(n - 1 for n in ids.values() if n > 1)
        print(f"kill -9 của worker: {args.kills} lần, {left_claimed} lần để lại thư đang gửi dở (claim)")
        print(f"người chưa nhận thư tổng hợp: {len(never)} / {args.people}")
        print(f"lượt nhắc chưa gửi: {unsent}; thư còn bị giữ (claimed): {claimed}")
        print(f"thư gửi trùng (cùng Message-ID, giao ít nhất một lần): {duplicates}")
        return 0 if not never and not unsent and not claimed else 1


if __name__ == "__main__":
    sys.exit(main())
