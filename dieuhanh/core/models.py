"""Shared models: the audit log."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AuditEvent(models.Model):
    """One change made through the application. Written once, never edited or deleted."""

    class Action(models.TextChoices):
        CREATE = "create", "Tạo mới"
        UPDATE = "update", "Sửa"
        DELETE = "delete", "Xóa"

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_type = models.ForeignKey(ContentType, verbose_name="loại đối tượng", on_delete=models.PROTECT)
    object_id = models.CharField("mã đối tượng", max_length=64, db_index=True)
    object_repr = models.CharField("đối tượng", max_length=300)
    action = models.CharField("thao tác", max_length=40)
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_action_display_vi()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Nhật ký thay đổi không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Nhật ký thay đổi không được xóa.")

    def get_action_display_vi(self) -> str:
        return dict(self.Action.choices).get(self.action, self.action)
