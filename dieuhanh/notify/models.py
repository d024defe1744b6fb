"""Reminder rules per organisation, the reminders planned from them, and their delivery.

A `Reminder` is one person chased about one task on one day for one reason;
the unique key (task, person, kind, due_on) lets planning insert the same
reminder any number of times and keep one. Email goes out as one `Digest`
per person per day; in-app `Notification`s appear as soon as a reminder is
planned; a `WebhookDelivery` posts an organisation's day to its endpoint.
Everything that is sent carries the same claim and retry fields (`Sendable`).
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from dieuhanh.core.audit import Audited
from dieuhanh.notify.constants import (
    DEFAULT_DIGEST_HOUR,
    DEFAULT_ESCALATE_AFTER,
    DEFAULT_NO_PROGRESS_DAYS,
    RETRY_BASE_SECONDS,
    RETRY_MAX_SECONDS,
    TASK_PATH,
    Channel,
    OverdueFrequency,
    ReminderKind,
)
from dieuhanh.notify.events import WORKFLOW_KINDS, Delivery, EventKind
from dieuhanh.notify.policy import PolicyGroup, Rules, group_owners, parse_days
from dieuhanh.org.constants import ORGANISATION_KINDS
from dieuhanh.org.models import Unit


def _days_validator(value):
    try:
        parse_days(value)
    except ValueError:
        raise ValidationError(
            "Nhập các số ngày làm việc (1–60), cách nhau bằng dấu phẩy, ví dụ: 7, 3, 1."
        ) from None


class ReminderPolicy(Audited):
    """An organisation's reminder rules; its communes follow it unless they have their own."""

    organisation = models.OneToOneField(
        Unit, verbose_name="cơ quan", on_delete=models.CASCADE, related_name="reminder_policy"
    )
    is_active = models.BooleanField("tự động đôn đốc", default=True)
    days_before = models.CharField(
        "nhắc trước hạn (ngày làm việc)",
        max_length=60,
        default="7, 3, 1",
        validators=[_days_validator],
        help_text="Các mốc trước thời hạn, tính theo ngày làm việc, cách nhau bằng dấu phẩy.",
    )
    on_deadline = models.BooleanField("nhắc vào ngày đến hạn", default=True)
    recurring_days_before = models.CharField(
        "nhắc trước mỗi kỳ báo cáo định kỳ (ngày làm việc)",
        max_length=60,
        default="3, 1",
        validators=[_days_validator],
    )
    overdue = models.CharField(
        "nhắc sau hạn", max_length=10, choices=OverdueFrequency.choices, default=OverdueFrequency.DAILY
    )
    no_progress_days = models.PositiveSmallIntegerField(
        "nhắc khi không báo cáo tiến độ sau (ngày)",
        default=DEFAULT_NO_PROGRESS_DAYS,
        help_text="0 = không nhắc.",
    )
    escalate_after = models.PositiveSmallIntegerField(
        "báo lãnh đạo sau số lần nhắc quá hạn",
        default=DEFAULT_ESCALATE_AFTER,
        help_text="0 = không báo.",
    )
    remind_coordinators = models.BooleanField("nhắc cả đơn vị phối hợp (trước hạn và đến hạn)", default=True)

    class Meta:
        verbose_name = "quy tắc nhắc việc"
        verbose_name_plural = "quy tắc nhắc việc"

    def __str__(self):
        return f"Quy tắc nhắc việc — {self.organisation}"

    def rules(self) -> Rules:
        return Rules(
            active=self.is_active,
            days_before=parse_days(self.days_before),
            on_deadline=self.on_deadline,
            recurring_days_before=parse_days(self.recurring_days_before),
            overdue=self.overdue,
            no_progress_days=self.no_progress_days,
            escalate_after=self.escalate_after,
            remind_coordinators=self.remind_coordinators,
        )


def policy_groups() -> list[PolicyGroup]:
    """Every task owner falls into exactly one group of shared rules; the defaults take the rest."""
    policies = {p.organisation.path: p.rules() for p in ReminderPolicy.objects.select_related("organisation")}
    under_any = Q(pk__in=[])
    for path in policies:
        under_any |= Q(path__startswith=path)
    # Tasks are owned by organisations (communes, provinces): only those need a group.
    owners = Unit.objects.filter(under_any, kind__in=ORGANISATION_KINDS).values_list("id", "path")
    return group_owners(policies, owners)


class Sendable(models.Model):
    """Claim and retry bookkeeping for a piece of work that is sent once.

    A worker owns the row once `claimed_at` is set by a conditional UPDATE; a
    failed send clears the claim and schedules the next attempt with
    exponential back-off. Nothing is ever dropped: the last error is kept.
    """

    claimed_at = models.DateTimeField("nhận xử lý lúc", null=True, blank=True)
    sent_at = models.DateTimeField("đã gửi lúc", null=True, blank=True)
    attempts = models.PositiveIntegerField("số lần gửi lỗi", default=0)
    next_attempt_at = models.DateTimeField("gửi lại lúc", null=True, blank=True)
    last_error = models.TextField("lỗi gần nhất", blank=True, default="")

    class Meta:
        abstract = True


def retry_delay(attempts: int) -> datetime.timedelta:
    """The wait after the `attempts`-th failure: 1, 2, 4 ... minutes, capped at 6 hours."""
    return datetime.timedelta(seconds=min(RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), RETRY_MAX_SECONDS))


class Digest(Sendable):
    """The one email a person gets on one day, with every reminder due for them."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người nhận", on_delete=models.CASCADE, related_name="digests"
    )
    day = models.DateField("ngày")
    subject = models.CharField("tiêu đề", max_length=255, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "thư tổng hợp"
        verbose_name_plural = "thư tổng hợp"
        ordering = ["-day", "person_id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "day"], name="one_digest_per_person_per_day")
        ]

    def __str__(self):
        return f"{self.person} — {self.day:%d/%m/%Y}"


class Reminder(Sendable):
    """One person chased about one task on one day (`due_on`) for one reason (`kind`).

    Reports count the rows whose `sent_at` falls in a period.
    """

    # Planning inserts hundreds of thousands of rows a day, so every per-row cost counts: no FK
    # index the unique key already covers, and no database FK constraint (its trigger locks the
    # task and the person row FOR KEY SHARE on every insert, halving the insert rate). Rows are
    # planned from existing tasks in the same statement, and Django's CASCADE still removes them.
    task = models.ForeignKey(
        "tasks.Task",
        verbose_name="nhiệm vụ",
        on_delete=models.CASCADE,
        related_name="reminders",
        db_index=False,
        db_constraint=False,
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhận",
        on_delete=models.CASCADE,
        related_name="reminders",
        db_index=False,
        db_constraint=False,
    )
    kind = models.CharField("loại nhắc", max_length=20, choices=ReminderKind.choices)
    due_on = models.DateField("nhắc vào ngày")
    channel = models.CharField("kênh đã gửi", max_length=10, choices=Channel.choices, blank=True, default="")
    digest = models.ForeignKey(
        Digest,
        verbose_name="thư tổng hợp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reminders",
        db_index=False,
    )
    planned_at = models.DateTimeField("lập lúc")

    class Meta:
        verbose_name = "lượt nhắc việc"
        verbose_name_plural = "lượt nhắc việc"
        ordering = ["-due_on", "task_id", "person_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "person", "kind", "due_on"], name="one_reminder_per_task_person_kind_day"
            )
        ]
        indexes = [
            models.Index(
                fields=["person", "due_on"], condition=Q(sent_at__isnull=True), name="reminder_unsent"
            ),
            # Partial: rows are inserted with NULLs here, and NULLs need no index entry.
            models.Index(fields=["digest"], condition=Q(digest__isnull=False), name="reminder_digest"),
            models.Index(fields=["sent_at"], condition=Q(sent_at__isnull=False), name="reminder_sent_at"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.task} — {self.person}"


# A notification is either a reminder (ReminderKind) or a workflow event (EventKind).
NOTIFICATION_KINDS = ReminderKind.choices + [(k.value, k.label) for k in WORKFLOW_KINDS]


class Notification(models.Model):
    """An in-app notification; unread until the person opens it or marks it read."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhận",
        on_delete=models.CASCADE,
        related_name="notifications",
        db_constraint=False,
    )
    # Created in bulk from reminders (see Reminder on why there are no database FK constraints).
    reminder = models.OneToOneField(
        Reminder,
        verbose_name="lượt nhắc",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notification",
        db_constraint=False,
    )
    task = models.ForeignKey(
        "tasks.Task",
        verbose_name="nhiệm vụ",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
        db_constraint=False,
    )
    kind = models.CharField("loại", max_length=20, choices=NOTIFICATION_KINDS, blank=True)
    text = models.CharField("nội dung", max_length=500, blank=True)
    created_at = models.DateTimeField("lúc")
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["person", "created_at"], condition=Q(read_at__isnull=True), name="notification_unread"
            )
        ]

    def __str__(self):
        return self.message

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def message(self) -> str:
        if self.text:
            return self.text
        if self.task_id is None:
            return self.get_kind_display()
        return f"{self.get_kind_display()}: {self.task}"

    @property
    def url(self) -> str:
        return TASK_PATH.format(id=self.task_id) if self.task_id else ""


class NotificationPreference(models.Model):
    """How one person wants to be reminded. Reminders are work: one channel always stays on."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_enabled = models.BooleanField("nhận thư điện tử tổng hợp hằng ngày", default=True)
    in_app_enabled = models.BooleanField("nhận thông báo trong hệ thống", default=True)
    digest_hour = models.PositiveSmallIntegerField(
        "giờ nhận thư tổng hợp", default=DEFAULT_DIGEST_HOUR, validators=[MaxValueValidator(23)]
    )
    # {event kind: Delivery value}; a kind not named is Delivery.ALL.
    event_choices = models.JSONField("nhận thông báo theo loại sự kiện", default=dict, blank=True)

    class Meta:
        verbose_name = "tùy chọn thông báo"
        verbose_name_plural = "tùy chọn thông báo"

    def __str__(self):
        return f"Tùy chọn thông báo — {self.person}"

    def clean(self):
        if not self.email_enabled and not self.in_app_enabled:
            raise ValidationError("Cần giữ ít nhất một kênh nhận nhắc việc.")

    def delivery_for(self, kind: str) -> str:
        return (self.event_choices or {}).get(str(kind), Delivery.ALL)


class WebhookEndpoint(Audited):
    """An organisation's outgoing webhook (a chat bot, the province's system)."""

    organisation = models.ForeignKey(
        Unit, verbose_name="cơ quan", on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField("địa chỉ nhận (URL)", max_length=500)
    secret = models.CharField(
        "khóa ký HMAC",
        max_length=200,
        blank=True,
        help_text="Nếu có, mỗi yêu cầu mang tiêu đề X-Dieuhanh-Signature: sha256=<HMAC của nội dung>.",
    )
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "webhook"
        verbose_name_plural = "webhook"

    def __str__(self):
        return f"{self.organisation} → {self.url}"


class WebhookDelivery(Sendable):
    """One post to one endpoint: a day of an organisation's reminders, or one workflow event."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, verbose_name="webhook", on_delete=models.CASCADE, related_name="deliveries"
    )
    uuid = models.UUIDField("mã lượt gửi", default=uuid.uuid4, editable=False)
    event = models.ForeignKey(
        "Event",
        verbose_name="sự kiện",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_deliveries",
    )
    day = models.DateField("ngày")
    payload = models.JSONField("nội dung", default=dict)
    response_status = models.PositiveSmallIntegerField("mã phản hồi", null=True, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "lượt gửi webhook"
        verbose_name_plural = "lượt gửi webhook"
        ordering = ["-day", "endpoint_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "day"], condition=Q(event=None), name="one_webhook_post_per_day"
            ),
            models.UniqueConstraint(fields=["endpoint", "event"], name="one_webhook_post_per_event"),
        ]

    def __str__(self):
        return f"{self.endpoint} — {self.day:%d/%m/%Y}"


class Event(models.Model):
    """Something a person did on a task that others hear of at once (see notify/events.py)."""

    uuid = models.UUIDField("mã sự kiện", default=uuid.uuid4, editable=False, unique=True)
    kind = models.CharField("loại", max_length=20, choices=EventKind.choices)
    task = models.ForeignKey(
        "tasks.Task", verbose_name="nhiệm vụ", on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người thực hiện", null=True, on_delete=models.SET_NULL
    )
    detail = models.JSONField("chi tiết", default=dict, blank=True)
    created_at = models.DateTimeField("lúc")

    class Meta:
        verbose_name = "sự kiện"
        verbose_name_plural = "sự kiện"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.task}"


class EventNotice(Sendable):
    """One person told of one event: in the app at once, and in the next daily e-mail digest.

    A notice not wanted by e-mail is marked sent when it is made.
    """

    event = models.ForeignKey(Event, verbose_name="sự kiện", on_delete=models.CASCADE, related_name="notices")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người nhận", on_delete=models.CASCADE, related_name="+"
    )
    # The event's task, kept here so the confidential rule (confidential.withheld) reads notices as it
    # reads reminders: a task and a person.
    task = models.ForeignKey(
        "tasks.Task", verbose_name="nhiệm vụ", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    channel = models.CharField("kênh đã gửi", max_length=10, choices=Channel.choices, blank=True, default="")
    digest = models.ForeignKey(
        Digest,
        verbose_name="thư tổng hợp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notices",
    )

    class Meta:
        verbose_name = "thông báo sự kiện"
        verbose_name_plural = "thông báo sự kiện"
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="one_notice_per_event_person")
        ]
        indexes = [
            models.Index(fields=["person"], condition=Q(sent_at__isnull=True), name="event_notice_unsent")
        ]

    def __str__(self):
        return f"{self.event} — {self.person}"


class PlanRun(models.Model):
    """The last planning of a day; claimed so that only one process plans at a time."""

    day = models.DateField("ngày", unique=True)
    started_at = models.DateTimeField("bắt đầu")
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)
    planned = models.JSONField("số lượt nhắc đã lập", default=dict)

    class Meta:
        verbose_name = "lần lập lịch nhắc"
        verbose_name_plural = "lần lập lịch nhắc"
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day:%d/%m/%Y}"
