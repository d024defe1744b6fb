"""The document registry: directives with their header, original file and text."""

from django.conf import settings
from django.db import models

from dieuhanh.core.audit import Audited
from dieuhanh.documents.constants import Confidentiality, Direction, SigningAuthority, Urgency
from dieuhanh.org.models import Unit
from dieuhanh.tasks.constants import DeadlineKind


def original_upload_to(instance, filename):
    return f"documents/{instance.content_hash[:2]}/{instance.content_hash}/{filename}"


class Document(Audited):
    """A văn bản registered by an organisation (a commune or province UBND)."""

    owner = models.ForeignKey(
        Unit,
        verbose_name="cơ quan quản lý",
        on_delete=models.PROTECT,
        related_name="documents",
        help_text="UBND xã hoặc tỉnh có sổ văn bản chứa văn bản này.",
    )
    direction = models.CharField("chiều", max_length=3, choices=Direction.choices, default=Direction.INCOMING)
    number = models.CharField("số", max_length=20, blank=True, help_text="Để trống khi văn bản chưa có số.")
    symbol = models.CharField("ký hiệu", max_length=80, blank=True)
    doc_type = models.CharField("loại văn bản", max_length=60, default="Công văn")
    issuer = models.CharField("cơ quan ban hành", max_length=255, blank=True)
    issuer_unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị ban hành (trong hệ thống)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_documents",
    )
    parent_issuer = models.CharField("cơ quan chủ quản", max_length=255, blank=True)
    place = models.CharField("địa danh", max_length=100, blank=True)
    issued_date = models.DateField("ngày ban hành", null=True, blank=True)
    issued_month = models.PositiveSmallIntegerField("tháng", null=True, blank=True)
    issued_year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    subject = models.TextField("trích yếu", blank=True)
    signer = models.CharField("người ký", max_length=120, blank=True)
    signing_authority = models.CharField(
        "thẩm quyền ký", max_length=5, choices=SigningAuthority.choices, blank=True, default=""
    )
    signer_title = models.CharField("chức vụ người ký", max_length=120, blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    confidentiality = models.CharField(
        "độ mật", max_length=10, choices=Confidentiality.choices, default=Confidentiality.NORMAL
    )
    urgency = models.CharField("độ khẩn", max_length=12, choices=Urgency.choices, default=Urgency.NORMAL)
    allowed_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="người được xem (văn bản mật)",
        blank=True,
        related_name="confidential_documents",
    )
    original_file = models.FileField("tệp gốc", upload_to=original_upload_to, blank=True)
    original_name = models.CharField("tên tệp gốc", max_length=255, blank=True)
    text = models.TextField("nội dung trích xuất", blank=True)
    content_hash = models.CharField("mã băm nội dung", max_length=64, db_index=True)
    extraction = models.JSONField("kết quả trích xuất", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày nhập", auto_now_add=True)

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "content_hash"], name="unique_document_content_per_owner"
            ),
        ]

    def __str__(self):
        label = self.number_symbol or f"{self.doc_type} (chưa có số)"
        return f"{label} — {self.subject[:80]}" if self.subject else label

    @property
    def number_symbol(self) -> str:
        if self.number and self.symbol:
            return f"{self.number}/{self.symbol}"
        return self.number or (f"/{self.symbol}" if self.symbol else "")

    @property
    def is_confidential(self) -> bool:
        return self.confidentiality != Confidentiality.NORMAL


class Citation(models.Model):
    """A document cited by another ("Thực hiện Công văn số 977/UBND-NC ngày 21/5/2026 ...").

    `cited_document` is set when the cited document is in the registry, which
    links the two both ways (`document.citations` and `document.cited_by`).
    """

    document = models.ForeignKey(
        Document, verbose_name="văn bản", on_delete=models.CASCADE, related_name="citations"
    )
    cited_document = models.ForeignKey(
        Document,
        verbose_name="văn bản được dẫn",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_by",
    )
    text = models.TextField("trích dẫn")
    doc_type = models.CharField("loại", max_length=60, blank=True)
    number = models.CharField("số, ký hiệu", max_length=100, blank=True)
    date = models.DateField("ngày", null=True, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=255, blank=True)

    class Meta:
        verbose_name = "văn bản dẫn chiếu"
        verbose_name_plural = "văn bản dẫn chiếu"
        ordering = ["document", "id"]

    def __str__(self):
        return self.number or self.text[:80]


class ImportDraft(Audited):
    """The tasks extraction proposed for an imported document, waiting for a person to review them.

    Confirming turns the kept draft tasks into Tasks; `corrections` then holds,
    per draft task, what the reviewer changed from the proposal, so the
    extraction's quality can be measured.
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
        verbose_name = "bản nháp nhiệm vụ"
        verbose_name_plural = "bản nháp nhiệm vụ"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Bản nháp — {self.document}"


class DraftTask(Audited):
    """One task proposed by extraction (or added by the reviewer), as it stands in the review.

    `proposed` is exactly what extraction proposed, in the same field names,
    and is never changed; the other fields are what the reviewer made of it.
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
    span_start = models.PositiveIntegerField("vị trí đầu trong văn bản", null=True, blank=True)
    span_end = models.PositiveIntegerField("vị trí cuối trong văn bản", null=True, blank=True)
    text = models.TextField("nội dung nhiệm vụ")
    summary = models.CharField("tóm tắt", max_length=300, blank=True)
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
    deadline_kind = models.CharField(
        "loại thời hạn", max_length=10, choices=DeadlineKind.choices, default=DeadlineKind.NONE
    )
    deadline_text = models.CharField("thời hạn (nguyên văn)", max_length=300, blank=True)
    deadline = models.DateField("thời hạn", null=True, blank=True)
    recurrence = models.CharField("quy tắc định kỳ", max_length=100, blank=True)
    relative_days = models.PositiveIntegerField("số ngày (thời hạn theo sự kiện)", null=True, blank=True)
    relative_working_days = models.BooleanField("tính theo ngày làm việc", default=False)
    relative_trigger = models.CharField("sự kiện bắt đầu tính", max_length=300, blank=True)
    target = models.CharField("chỉ tiêu, sản phẩm", max_length=300, blank=True)
    budget = models.DecimalField(
        "kinh phí (triệu đồng)", max_digits=16, decimal_places=3, null=True, blank=True
    )
    funding_source = models.CharField("nguồn kinh phí", max_length=200, blank=True)
    fan_out = models.BooleanField("giao cho tất cả các xã", default=False)
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
