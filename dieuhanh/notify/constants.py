"""Kinds of reminder, channels and the default reminder rules."""

from django.db import models


class ReminderKind(models.TextChoices):
    BEFORE_DEADLINE = "before_deadline", "Sắp đến hạn"
    ON_DEADLINE = "on_deadline", "Đến hạn"
    OVERDUE = "overdue", "Quá hạn"
    RECURRING = "recurring", "Kỳ báo cáo định kỳ sắp đến hạn"
    NO_PROGRESS = "no_progress", "Chưa cập nhật tiến độ"
    ESCALATION = "escalation", "Báo cáo lãnh đạo: quá hạn đã nhắc nhiều lần"


# The order of sections in a digest: the most urgent first.
DIGEST_ORDER = (
    ReminderKind.ESCALATION,
    ReminderKind.OVERDUE,
    ReminderKind.ON_DEADLINE,
    ReminderKind.BEFORE_DEADLINE,
    ReminderKind.RECURRING,
    ReminderKind.NO_PROGRESS,
)


class Channel(models.TextChoices):
    EMAIL = "email", "Thư điện tử"
    IN_APP = "in_app", "Thông báo trong hệ thống"


class OverdueFrequency(models.TextChoices):
    DAILY = "daily", "Hằng ngày (ngày làm việc)"
    WEEKLY = "weekly", "Hằng tuần (ngày làm việc đầu tuần)"
    OFF = "off", "Không nhắc"


DEFAULT_DAYS_BEFORE = (7, 3, 1)
DEFAULT_RECURRING_DAYS_BEFORE = (3, 1)
DEFAULT_NO_PROGRESS_DAYS = 14
DEFAULT_ESCALATE_AFTER = 3
DEFAULT_DIGEST_HOUR = 7

# How far back the "no progress for N days" rule looks for a crossing (every N days again).
NO_PROGRESS_HORIZON_DAYS = 3 * 366

# Retries of a failed send: 1, 2, 4 ... minutes, at most 6 hours apart, never given up.
RETRY_BASE_SECONDS = 60
RETRY_MAX_SECONDS = 6 * 3600

# A claim is a lease: a claim older than this belongs to a worker that died (kill -9, power cut)
# and the work may be taken again. Sending one digest takes at most the SMTP timeout (30 s), so
# the default leaves a wide margin; settings.NOTIFY_LEASE_SECONDS overrides it.
STALE_CLAIM_SECONDS = 15 * 60

# The worker plans again during the day (new tasks, moved deadlines) at most this often.
REPLAN_SECONDS = 3600

TASK_PATH = "/nhiem-vu/{id}/"
PREFERENCES_PATH = "/thong-bao/cai-dat/"

# A webhook post is tried at most this many times (1 + 2 + 4 + … minutes apart, about 4 hours in
# all); after the last failure it stays recorded with its error and is not tried again.
WEBHOOK_MAX_ATTEMPTS = 8
