"""The evaluation of officials (Nghị định 335/2025/NĐ-CP): its rules, periods, sheets and products.

The rules sit beside the organisation's RankingFormula (reports), one to one: the formula keeps
the bands, the late deduction and the objective-cause waiver that the unit rankings share;
`EvaluationRules` adds what only the evaluation of people needs. The link points from here to
the formula, so `reports` never imports this app (it sits above reports), and this app's
migrations are its own.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from dieuhanh.core.audit import Audited
from dieuhanh.documents.models import Document
from dieuhanh.evaluation.constants import BAND_NONE, Cycle, Discipline, Stage, YearRule
from dieuhanh.org.models import Unit
from dieuhanh.reports.models import RankingFormula
from dieuhanh.tasks.models import Task
from dieuhanh.vn.periods import month_end, quarter_bounds, roman_quarter


def _points(label: str, default: int):
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        default=Decimal(default),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )


class EvaluationRules(Audited):
    """The organisation's detailed rules for evaluating officials; defaults as the decree is published.

    The bands (90/70/50), the late deduction (25%) and whether an approved objective cause
    waives deductions are those of the RankingFormula this belongs to.
    """

    formula = models.OneToOneField(
        RankingFormula,
        verbose_name="công thức xếp loại",
        on_delete=models.CASCADE,
        related_name="evaluation_rules",
    )
    cycle = models.CharField("kỳ đánh giá", max_length=10, choices=Cycle.choices, default=Cycle.MONTH)
    general_points = _points("điểm tiêu chí chung", 30)
    quantity_points = _points("điểm số lượng sản phẩm", 20)
    quality_points = _points("điểm chất lượng sản phẩm", 30)
    timeliness_points = _points("điểm tiến độ sản phẩm", 20)
    quality_fail_percent = _points("mức trừ mỗi sản phẩm không đạt chất lượng (% điểm chất lượng)", 25)
    discipline_floor = models.CharField(
        "kỷ luật từ mức này trở lên: không hoàn thành nhiệm vụ",
        max_length=20,
        choices=[("", "Không áp dụng"), *Discipline.choices[1:]],
        default=Discipline.REPRIMAND,
        blank=True,
    )
    excellent_quota_percent = _points("tỷ lệ tối đa “xuất sắc” trên số “tốt” trở lên trong đơn vị (%)", 20)
    leader_unit_percent = _points("phần kết quả của đơn vị trong điểm nhiệm vụ của người đứng đầu (%)", 50)
    unit_all_pass_percent = _points("mức tính khi mọi công chức từ “hoàn thành” trở lên (%)", 100)
    unit_any_fail_percent = _points("mức tính khi có công chức “không hoàn thành” (%)", 50)
    year_rule = models.CharField(
        "cách tính kết quả cả năm", max_length=20, choices=YearRule.choices, default=YearRule.MEAN
    )

    class Meta:
        verbose_name = "quy định đánh giá công chức"
        verbose_name_plural = "quy định đánh giá công chức"

    def __str__(self):
        return f"Quy định đánh giá công chức — {self.formula.organisation}"

    def clean(self):
        parts = (self.general_points, self.quantity_points, self.quality_points, self.timeliness_points)
        if None not in parts and sum(parts) != 100:
            raise ValidationError(
                "Điểm tiêu chí chung và điểm số lượng, chất lượng, tiến độ phải cộng lại đúng 100."
            )


class Period(Audited):
    """One month or quarter of evaluation in an organisation, opened by its leaders or office."""

    organisation = models.ForeignKey(
        Unit, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="evaluation_periods"
    )
    cycle = models.CharField("loại kỳ", max_length=10, choices=Cycle.choices)
    year = models.PositiveSmallIntegerField("năm")
    number = models.PositiveSmallIntegerField("tháng hoặc quý")
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người mở kỳ",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField("ngày mở kỳ", auto_now_add=True)

    class Meta:
        verbose_name = "kỳ đánh giá"
        verbose_name_plural = "kỳ đánh giá"
        ordering = ["-year", "-number", "organisation__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "cycle", "year", "number"], name="one_evaluation_period"
            )
        ]

    def __str__(self):
        return f"{self.label} — {self.organisation}"

    @property
    def label(self) -> str:
        if self.cycle == Cycle.QUARTER:
            return f"Quý {roman_quarter(self.number)}/{self.year}"
        return f"Tháng {self.number}/{self.year}"

    @staticmethod
    def bounds(cycle: str, year: int, number: int):
        if cycle == Cycle.QUARTER:
            return quarter_bounds(year, number)
        end = month_end(year, number)
        return end.replace(day=1), end


class Sheet(Audited):
    """One official's evaluation for one period (phiếu đánh giá, xếp loại chất lượng).

    The scores are stored and recomputed on every change before approval, so the page, the
    .docx and the .xlsx read the same numbers; approval freezes them with the rules used.
    """

    period = models.ForeignKey(
        Period, verbose_name="kỳ đánh giá", on_delete=models.CASCADE, related_name="sheets"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="công chức",
        on_delete=models.PROTECT,
        related_name="evaluation_sheets",
    )
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("chức vụ", max_length=120, blank=True)
    is_head = models.BooleanField("người đứng đầu đơn vị", default=False)
    stage = models.CharField("bước", max_length=12, choices=Stage.choices, default=Stage.DRAFT)

    self_general = models.DecimalField(
        "điểm tiêu chí chung tự chấm", max_digits=5, decimal_places=2, null=True, blank=True
    )
    self_notes = models.TextField("tự nhận xét ưu, khuyết điểm", blank=True)
    submitted_at = models.DateTimeField("ngày gửi tự đánh giá", null=True, blank=True)

    leader_general = models.DecimalField(
        "điểm tiêu chí chung lãnh đạo chấm", max_digits=5, decimal_places=2, null=True, blank=True
    )
    leader_comment = models.TextField("nhận xét của lãnh đạo trực tiếp", blank=True)
    discipline = models.CharField(
        "kỷ luật trong kỳ", max_length=20, choices=Discipline.choices, default=Discipline.NONE, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lãnh đạo trực tiếp đánh giá",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("ngày đánh giá", null=True, blank=True)

    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người phê duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField("ngày phê duyệt", null=True, blank=True)
    approval_note = models.TextField("ý kiến phê duyệt", blank=True)
    quota_warning = models.TextField("cảnh báo tỷ lệ khi phê duyệt", blank=True)

    returned_note = models.TextField("lý do trả lại gần nhất", blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người trả lại",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    products_as_of = models.DateField("danh sách sản phẩm tính đến ngày", null=True, blank=True)
    quantity_points = models.DecimalField("điểm số lượng", max_digits=5, decimal_places=2, null=True)
    quality_points = models.DecimalField("điểm chất lượng", max_digits=5, decimal_places=2, null=True)
    timeliness_points = models.DecimalField("điểm tiến độ", max_digits=5, decimal_places=2, null=True)
    unit_points = models.DecimalField("điểm kết quả của đơn vị", max_digits=5, decimal_places=2, null=True)
    unit_percent = models.DecimalField(
        "mức tính kết quả đơn vị (%)", max_digits=5, decimal_places=2, null=True
    )
    task_points = models.DecimalField(
        "điểm kết quả thực hiện nhiệm vụ", max_digits=5, decimal_places=2, null=True
    )
    total = models.DecimalField("tổng điểm", max_digits=5, decimal_places=2, null=True)
    band = models.CharField("xếp loại", max_length=60, default=BAND_NONE)
    band_reason = models.CharField("lý do xếp loại", max_length=200, blank=True)
    rules = models.JSONField("quy định áp dụng", default=dict, blank=True)

    class Meta:
        verbose_name = "phiếu đánh giá công chức"
        verbose_name_plural = "phiếu đánh giá công chức"
        ordering = ["unit__path", "-is_head", "person__full_name", "id"]
        constraints = [models.UniqueConstraint(fields=["period", "person"], name="one_sheet_per_period")]

    def __str__(self):
        return f"{self.person} — {self.period.label}"

    @property
    def is_approved(self) -> bool:
        return self.stage == Stage.APPROVED

    @property
    def general_points(self):
        """The general criteria score that counts: the leader's once given, the official's before."""
        return self.leader_general if self.leader_general is not None else self.self_general


class Product(Audited):
    """One task (or occurrence of a recurring one) of the official, due or completed in the period.

    The task's dates and state are copied when the list is brought up to date, so an approved
    sheet keeps what was judged; the weight, the quality check and the objective cause are the
    leader's, the result note the official's.
    """

    sheet = models.ForeignKey(Sheet, verbose_name="phiếu", on_delete=models.CASCADE, related_name="products")
    task = models.ForeignKey(
        Task, verbose_name="nhiệm vụ", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document = models.ForeignKey(
        Document,
        verbose_name="văn bản giao",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confidential = models.BooleanField("nhiệm vụ mật", default=False)
    title = models.CharField("sản phẩm", max_length=300)
    deadline = models.DateField("thời hạn", null=True, blank=True)
    judged_deadline = models.DateField("thời hạn dùng để tính trễ hạn", null=True, blank=True)
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    done = models.BooleanField("đã hoàn thành", default=False)
    awaiting_approval = models.BooleanField("chờ xác nhận hoàn thành", default=False)
    late = models.BooleanField("trễ hạn", default=False)
    weight = models.DecimalField(
        "quy đổi",
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(100)],
    )
    quality_failed = models.BooleanField("không đạt chất lượng", default=False)
    objective_cause = models.TextField("nguyên nhân khách quan", blank=True)
    waived = models.BooleanField("nguyên nhân khách quan được chấp nhận", default=False)
    extension_objective = models.BooleanField("gia hạn do nguyên nhân khách quan đã duyệt", default=False)
    result_note = models.TextField("kết quả (công chức ghi)", blank=True)

    class Meta:
        verbose_name = "sản phẩm"
        verbose_name_plural = "sản phẩm"
        ordering = ["deadline", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "task"], condition=models.Q(task__isnull=False), name="one_product_per_task"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def forgiven(self) -> bool:
        """An objective cause approved: by the leader on the sheet, or with the task's extension."""
        return self.waived or self.extension_objective
