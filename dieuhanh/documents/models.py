"""The document registry: directives with their header, original file and text, and what they cite."""

from django.conf import settings
from django.db import models, transaction

from dieuhanh.core.audit import Audited
from dieuhanh.core.templatetags.dieuhanh import shorten
from dieuhanh.documents.constants import Confidentiality, Direction, SigningAuthority, Urgency
from dieuhanh.org.models import Unit


def original_upload_to(instance, filename):
    return f"documents/{instance.content_hash[:2]}/{instance.content_hash}/{filename}"


class DocumentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        """An update of the confidentiality also writes it to the documents' tasks.

        Each task keeps a copy (`confidential`) that the access rule reads instead of joining the
        document; `save()` keeps it by a signal of the tasks app, but a queryset update sends no
        signal, and a stale copy would show a "Mật" task to people its document does not name.
        (The tasks are reached through the reverse relation: this app does not import tasks.)
        """
        if "confidentiality" not in kwargs:
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            ids = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            secret = set(
                Document.objects.using(self.db)
                .filter(pk__in=ids)
                .exclude(confidentiality=Confidentiality.NORMAL)
                .values_list("pk", flat=True)
            )
            tasks = Document._meta.get_field("tasks").related_model._default_manager.using(self.db)
            tasks.filter(document_id__in=secret, confidential=False).update(confidential=True)
            tasks.filter(document_id__in=set(ids) - secret, confidential=True).update(confidential=False)
        return count


class Document(Audited):
    """A văn bản registered by an organisation (a commune or province UBND)."""

    objects = DocumentQuerySet.as_manager()

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
    # A PDF's pages: {"number", "start", "end", "ocr", "confidence"}, where text[start:end] was
    # read on the page, and whether it was recognised by OCR from a scanned image.
    pages = models.JSONField("các trang của tệp PDF", default=list, blank=True)
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
        indexes = [
            # The registry list's order, newest first (scanned backwards).
            models.Index(fields=["issued_date", "id"], name="document_list_order"),
            # The duplicate check of an import: same number and symbol in the same registry.
            models.Index(fields=["owner", "number", "symbol"], name="document_number_per_owner"),
            # The few confidential documents, read once per task query (tasks/access.py) instead
            # of a document row joined to every task.
            models.Index(fields=["confidentiality"], name="document_confidentiality"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "content_hash"], name="unique_document_content_per_owner"
            ),
        ]

    def __str__(self):
        label = self.number_symbol or f"{self.doc_type} (chưa có số)"
        return f"{label} — {shorten(self.subject, 80)}" if self.subject else label

    @property
    def number_symbol(self) -> str:
        if self.number and self.symbol:
            return f"{self.number}/{self.symbol}"
        return self.number or (f"/{self.symbol}" if self.symbol else "")

    @property
    def scanned_pages(self) -> list[dict]:
        """The pages whose text OCR recognised from a scan, each with that text: a person checks
        them against the page's image."""
        return [
            {**page, "text": self.text[page["start"] : page["end"]]} for page in self.pages if page.get("ocr")
        ]

    @property
    def ocr_confidence(self) -> float | None:
        """Tesseract's mean word confidence (0–100) over the scanned pages."""
        scores = [
            page["confidence"]
            for page in self.pages
            if page.get("ocr") and page.get("confidence") is not None
        ]
        return sum(scores) / len(scores) if scores else None

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


from dieuhanh.documents.search_index import DocumentSearch  # noqa: E402, F401  (a model of this app)
