"""API tokens and calendar feed links: secrets given once, stored only as a hash."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from dieuhanh.core.audit import Audited
from dieuhanh.org.constants import Role
from dieuhanh.org.models import Unit


class Secret(Audited):
    """A secret handed out once: the database keeps its SHA-256 and a short prefix to recognise it."""

    name = models.CharField("tên", max_length=100)
    prefix = models.CharField("mã nhận biết", max_length=16, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("ngày thu hồi", null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class ApiToken(Secret):
    """A key for the REST API. A personal token acts as its person; a system token (the e-office
    system, a dashboard) acts as its own account, which holds one role in one unit."""

    class Kind(models.TextChoices):
        PERSONAL = "personal", "Cá nhân"
        SYSTEM = "system", "Hệ thống"

    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.PERSONAL)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản sử dụng",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị (mã hệ thống)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField("vai trò (mã hệ thống)", max_length=20, choices=Role.choices, blank=True)
    expires_at = models.DateTimeField("hết hạn")

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"
        ordering = ["-created_at", "-id"]

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now and self.user.is_active


class CalendarFeed(Secret):
    """A secret iCalendar link: a person's deadlines, or a unit's as its owner may see them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người sở hữu",
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Để trống: lịch các nhiệm vụ của chính người sở hữu.",
    )

    class Meta:
        verbose_name = "lịch nhiệm vụ (iCalendar)"
        verbose_name_plural = "lịch nhiệm vụ (iCalendar)"
        ordering = ["-created_at", "-id"]
