"""An import waiting for review: the tasks extraction proposed for a document, as a reviewer edits them.

The tables keep the names they had when these models lived in `documents`
(documents_importdraft, documents_drafttask): the move changed no data.
"""

from django.conf import settings
from django.db import models

from dieuhanh.core.audit import Audited
from dieuhanh.documents.models import Document
from dieuhanh.org.models import Unit
from dieuhanh.tasks.models import TaskFields


class ImportDraft(Audited):
    """The tasks extraction proposed for an imported document, waiting for a person to review them.

    Confirming turns the kept proposals into Tasks; `corrections` then holds,
    per proposal, what the reviewer changed, so the extraction's quality can
    be measured.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ rà soát"
        CONFIRMED = "confirmed", "Đã xác nhận"
        DISCARDED = "discarded", "Đã hủy"

    document = models.OneToOneField(
        Document, verbose_name="văn bản", on_delete=models.CASCADE, related_name="import_draft"
    )
    organisation = models.ForeignKey(
        Unit, verbose_name="cơ quan nhập", on_delete=models.PROTECT, related_name="import_drafts"
    )
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.PENDING)
    warnings = models.JSONField("lưu ý khi trích xuất", default=list, blank=True)
    corrections = models.JSONField("nội dung đã sửa so với đề xuất", default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày nhập", auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xác nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("ngày xác nhận", null=True, blank=True)
    discarded_at = models.DateTimeField("ngày hủy", null=True, blank=True)

    class Meta:
        db_table = "documents_importdraft"
        verbose_name = "bản nháp nhiệm vụ"
        verbose_name_plural = "bản nháp nhiệm vụ"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Bản nháp — {self.document}"


class ProposedTask(TaskFields, Audited):
    """One task proposed by extraction (or added by the reviewer), as it stands in the review.

    The task fields are those of a Task (TaskFields); `proposed` is exactly what
    extraction proposed, in the same field names, and is never changed.
    """

    class Origin(models.TextChoices):
        EXTRACTED = "extracted", "Trích xuất"
        EDITED = "edited", "Đã sửa"
        MERGED = "merged", "Gộp"
        SPLIT = "split", "Tách"
        ADDED = "added", "Thêm tay"

    draft = models.ForeignKey(
        ImportDraft, verbose_name="bản nháp", on_delete=models.CASCADE, related_name="tasks"
    )
    position = models.PositiveIntegerField("thứ tự")
    lead_name = models.CharField("đơn vị chủ trì (nguyên văn)", max_length=300, blank=True)
    lead_unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị chủ trì",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_confidence = models.FloatField("độ tin cậy đơn vị chủ trì", null=True, blank=True)
    coordinator_names = models.JSONField("đơn vị phối hợp (nguyên văn)", default=list, blank=True)
    coordinators = models.ManyToManyField(Unit, verbose_name="đơn vị phối hợp", blank=True, related_name="+")
    section = models.JSONField("mục trong văn bản", default=list, blank=True)
    reasons = models.JSONField("lý do đề xuất", default=dict, blank=True)
    proposed = models.JSONField("đề xuất ban đầu", default=dict, blank=True, editable=False)
    dropped = models.BooleanField("bỏ", default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name="đã gộp vào",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
    )
    origin = models.CharField("nguồn gốc", max_length=10, choices=Origin.choices, default=Origin.EXTRACTED)

    class Meta:
        db_table = "documents_drafttask"
        verbose_name = "nhiệm vụ đề xuất"
        verbose_name_plural = "nhiệm vụ đề xuất"
        ordering = ["draft", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(span_start__isnull=True) | models.Q(span_end__gte=models.F("span_start")),
                name="draft_span_in_order",
            ),
        ]

    def __str__(self):
        return self.summary or self.text[:100]
