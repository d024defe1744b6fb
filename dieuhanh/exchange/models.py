"""The commune → province report package: the keys that sign and check it, and what a province received.

A commune running its own installation signs its packages with its own Ed25519 key
(`SigningKey`, made on its first export) and keeps a line for each package it signs
(`SentPackage`); the province registers the commune's public key
(`SenderKey`) once, and stores each package it accepts (`ReceivedPackage`) for its roll-up.
"""

from django.conf import settings
from django.db import models

from dieuhanh.core.audit import Audited
from dieuhanh.org.models import Unit


class SigningKey(models.Model):
    """A commune's own key. The private half never leaves this installation (it is in the backup,
    as the database is); the public half is what the province registers.

    Not `Audited`: the audit log would hold the private half in clear, for every administrator
    who reads it; `package.py` logs each key made with its public half only."""

    organisation = models.OneToOneField(
        Unit, verbose_name="cơ quan", on_delete=models.CASCADE, related_name="signing_key"
    )
    private_key = models.CharField("khóa bí mật (base64)", max_length=64, editable=False)
    public_key = models.CharField("khóa công khai (base64)", max_length=64, editable=False)
    key_id = models.CharField("mã khóa", max_length=16, editable=False)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)

    class Meta:
        verbose_name = "khóa ký gói báo cáo"
        verbose_name_plural = "khóa ký gói báo cáo"

    def __str__(self):
        return f"{self.organisation} ({self.key_id})"


class SentPackage(Audited):
    """A package this installation signed and handed out: what the commune sent, when, and by whom."""

    organisation = models.ForeignKey(Unit, verbose_name="cơ quan", on_delete=models.CASCADE, related_name="+")
    package_id = models.CharField("mã gói", max_length=64, unique=True)
    period_label = models.CharField("kỳ", max_length=100)
    signed_at = models.DateTimeField("thời điểm ký")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xuất",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "gói báo cáo đã xuất"
        verbose_name_plural = "gói báo cáo đã xuất"
        ordering = ["-signed_at", "-id"]

    def __str__(self):
        return f"{self.organisation} — {self.period_label}"


class SenderKey(Audited):
    """A commune's public key, registered at the province that receives its packages."""

    unit = models.ForeignKey(
        Unit, verbose_name="xã, phường", on_delete=models.CASCADE, related_name="sender_keys"
    )
    public_key = models.CharField("khóa công khai (base64)", max_length=64)
    key_id = models.CharField("mã khóa", max_length=16, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người đăng ký",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_at = models.DateTimeField("ngày đăng ký", auto_now_add=True)
    last_package_at = models.DateTimeField("nhận gói lần cuối", null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField("ngày thu hồi", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thu hồi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "khóa công khai của xã"
        verbose_name_plural = "khóa công khai của xã"
        constraints = [models.UniqueConstraint(fields=["unit", "key_id"], name="one_registration_per_key")]

    def __str__(self):
        return f"{self.unit} ({self.key_id})"


class ReceivedPackage(Audited):
    """A package the province accepted: who sent it, for which period, and its content as signed."""

    unit = models.ForeignKey(Unit, verbose_name="xã, phường", on_delete=models.PROTECT, related_name="+")
    package_id = models.CharField("mã gói", max_length=64, unique=True)
    period_spec = models.CharField("kỳ", max_length=20)
    cutoff = models.PositiveSmallIntegerField("ngày chốt số liệu")
    period_label = models.CharField("tên kỳ", max_length=100)
    signed_at = models.DateTimeField("thời điểm ký")
    key_id = models.CharField("mã khóa", max_length=16)
    document = models.JSONField("gói báo cáo (nguyên văn, kèm chữ ký)")
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    received_at = models.DateTimeField("ngày nhận", auto_now_add=True)

    class Meta:
        verbose_name = "gói báo cáo đã nhận"
        verbose_name_plural = "gói báo cáo đã nhận"
        ordering = ["-signed_at", "-id"]
        indexes = [models.Index(fields=["unit", "period_spec", "cutoff"], name="received_by_period")]

    def __str__(self):
        return f"{self.unit} — {self.period_label}"

    @property
    def payload(self) -> dict:
        return self.document["payload"]
