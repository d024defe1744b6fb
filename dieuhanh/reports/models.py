"""Ranking formulas per province and scheduled reports."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

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
