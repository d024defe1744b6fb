"""Ranking formulas per province, scheduled reports, report templates and the reports an office issues."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from dieuhanh.core.audit import Audited
from dieuhanh.org.models import Unit
from dieuhanh.reports.constants import DEFAULT_CUTOFF_DAY, PeriodKind, ReportFormat


class RankingFormula(models.Model):
    """How a province scores units and people (Nghị định 335/2025 by default).

    A task scores its progress (done = 100, open = latest reported percent); a late
    task loses `late_penalty_percent` of that score unless its delay was approved as
    objective and `forgive_objective` is set. Bands turn the average into a grade.
    """

    organisation = models.OneToOneField(
        Unit,
        verbose_name="tỉnh/xã áp dụng",
        on_delete=models.CASCADE,
        related_name="ranking_formula",
    )
    excellent_min = models.DecimalField(
        "điểm tối thiểu: hoàn thành xuất sắc", max_digits=5, decimal_places=2, default=Decimal("90")
    )
    good_min = models.DecimalField(
        "điểm tối thiểu: hoàn thành tốt", max_digits=5, decimal_places=2, default=Decimal("70")
    )
    pass_min = models.DecimalField(
        "điểm tối thiểu: hoàn thành", max_digits=5, decimal_places=2, default=Decimal("50")
    )
    late_penalty_percent = models.DecimalField(
        "mức trừ mỗi nhiệm vụ trễ hạn (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("25"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    forgive_objective = models.BooleanField(
        "không trừ điểm khi trễ hạn do nguyên nhân khách quan đã được duyệt", default=True
    )

    class Meta:
        verbose_name = "công thức xếp loại"
        verbose_name_plural = "công thức xếp loại"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(excellent_min__gte=models.F("good_min"))
                & models.Q(good_min__gte=models.F("pass_min")),
                name="ranking_bands_in_order",
            )
        ]

    def __str__(self):
        return f"Công thức xếp loại — {self.organisation}"


class ReportSchedule(models.Model):
    """A periodic report sent by e-mail, claimed by the worker when `next_run` has passed."""

    organisation = models.ForeignKey(
        Unit, verbose_name="cơ quan báo cáo", on_delete=models.CASCADE, related_name="report_schedules"
    )
    period_kind = models.CharField("kỳ báo cáo", max_length=12, choices=PeriodKind.choices)
    format = models.CharField(
        "định dạng", max_length=4, choices=ReportFormat.choices, default=ReportFormat.DOCX
    )
    recipients = models.TextField(
        "thư điện tử người nhận", help_text="Mỗi địa chỉ một dòng hoặc cách nhau dấu phẩy."
    )
    cutoff_day = models.PositiveSmallIntegerField(
        "ngày chốt số liệu",
        default=DEFAULT_CUTOFF_DAY,
        validators=[MinValueValidator(1), MaxValueValidator(27)],
    )
    next_run = models.DateTimeField("lần gửi tiếp theo", db_index=True)
    is_active = models.BooleanField("đang hoạt động", default=True)
    run_as = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lập báo cáo theo quyền của",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Để trống: báo cáo toàn bộ nhiệm vụ của cơ quan.",
    )
    last_sent_at = models.DateTimeField("lần gửi gần nhất", null=True, blank=True)
    failures = models.PositiveIntegerField("số lần lỗi liên tiếp", default=0)
    last_error = models.TextField("lỗi gần nhất", blank=True)

    class Meta:
        verbose_name = "lịch gửi báo cáo"
        verbose_name_plural = "lịch gửi báo cáo"
        ordering = ["next_run", "id"]

    def __str__(self):
        return f"{self.get_period_kind_display()} — {self.organisation} ({self.get_format_display()})"

    def recipient_list(self) -> list[str]:
        return [
            a.strip() for a in self.recipients.replace(";", ",").replace("\n", ",").split(",") if a.strip()
        ]


def _template_path(instance, filename: str) -> str:
    return f"report-templates/{instance.organisation_id}/{filename}"


class ReportTemplate(Audited):
    """An organisation's own Word layout of the periodic report (docxtpl fields, see
    templates/reports/docx/README.md), used instead of the default Nghị định 30 layout by the
    organisation and the units under it."""

    organisation = models.OneToOneField(
        Unit, verbose_name="cơ quan", on_delete=models.CASCADE, related_name="report_template"
    )
    file = models.FileField("tệp mẫu (.docx)", upload_to=_template_path)
    name = models.CharField("tên tệp", max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("ngày tải lên", auto_now=True)

    class Meta:
        verbose_name = "mẫu báo cáo"
        verbose_name_plural = "mẫu báo cáo"

    def __str__(self):
        return f"{self.name} — {self.organisation}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ISSUED = "issued", "Đã ban hành"


def _issued_path(instance, filename: str) -> str:
    return f"reports/{instance.organisation_id}/{instance.pk}/{filename}"


class Report(Audited):
    """A periodic report an office prepares, writes and issues.

    A draft shows the figures as they are today and keeps the office's text; issuing freezes
    the figures with the day (`figures`, read back by `reports.frozen`) and keeps the .docx and
    .xlsx exactly as issued, so computing the period again later changes nothing signed.
    """

    organisation = models.ForeignKey(
        Unit, verbose_name="cơ quan báo cáo", on_delete=models.PROTECT, related_name="reports"
    )
    unit = models.ForeignKey(Unit, verbose_name="đơn vị báo cáo", on_delete=models.PROTECT, related_name="+")
    period_kind = models.CharField("loại kỳ", max_length=12)
    period_year = models.PositiveSmallIntegerField("năm")
    period_index = models.PositiveSmallIntegerField("tháng, quý, nửa năm", null=True, blank=True)
    period_label = models.CharField("kỳ báo cáo", max_length=100)
    period_start = models.DateField("số liệu từ ngày")
    period_end = models.DateField("số liệu đến ngày")
    with_rankings = models.BooleanField("kèm xếp loại", default=False)
    highlights = models.TextField("kết quả nổi bật", blank=True)
    shortcomings = models.TextField("tồn tại, hạn chế, nguyên nhân", blank=True)
    next_focus = models.TextField("nhiệm vụ trọng tâm kỳ tới", blank=True)
    proposals = models.TextField("kiến nghị, đề xuất", blank=True)
    number = models.CharField("số, ký hiệu", max_length=60, blank=True, help_text="Ví dụ: 15/BC-UBND.")
    authority = models.CharField(
        "thẩm quyền ký",
        max_length=200,
        default="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
        help_text="Mỗi dòng một dòng.",
    )
    signer_title = models.CharField("chức vụ người ký", max_length=100, default="PHÓ CHỦ TỊCH")
    signer_name = models.CharField("họ tên người ký", max_length=100, blank=True)
    recipients = models.TextField(
        "nơi nhận", blank=True, help_text="Mỗi dòng một nơi nhận; để trống: mặc định."
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lập",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày lập", auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ban hành",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField("thời điểm ban hành", null=True, blank=True)
    issue_date = models.DateField("ngày ban hành", null=True, blank=True)
    figures = models.JSONField("số liệu đã chốt", null=True, blank=True, editable=False)
    docx_file = models.FileField("tệp Word đã ban hành", upload_to=_issued_path, blank=True, editable=False)
    xlsx_file = models.FileField("tệp Excel đã ban hành", upload_to=_issued_path, blank=True, editable=False)

    class Meta:
        verbose_name = "báo cáo định kỳ"
        verbose_name_plural = "báo cáo định kỳ"
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(figures__isnull=False, issued_at__isnull=False),
                name="issued_report_is_frozen",
            )
        ]

    def __str__(self):
        return f"Báo cáo {self.period_label} — {self.unit}"

    @property
    def is_issued(self) -> bool:
        return self.status == ReportStatus.ISSUED
