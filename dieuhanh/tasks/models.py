"""Tasks (nhiệm vụ), their progress reports and deadline changes.

`TaskFields` is the one home of what a task says (text, lead, deadline, target, budget …): `Task`
inherits it, and so does the proposal an import makes (`intake.ProposedTask`), so a field added
there is a field of both. `TASK_FIELDS` names them for everything that edits, compares or copies
them: the review, the corrections kept, draft → task, cascade and recurrence.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction

from dieuhanh.core.audit import Audited
from dieuhanh.documents.constants import Confidentiality
from dieuhanh.documents.models import Document
from dieuhanh.org.models import Unit
from dieuhanh.tasks.constants import ChangeStatus, DeadlineKind, TaskState
from dieuhanh.tasks.status import OUTCOME_FIELDS, outcome_of

LEAD_IS_COORDINATOR = "Đơn vị chủ trì không được đồng thời là đơn vị phối hợp."


class TaskFields(models.Model):
    """What a directive says of one duty, whether an import proposes it or a task tracks it.

    The lead unit and the coordinators are declared by each model: a task must have a lead,
    a proposal may not have one yet.
    """

    text = models.TextField("nội dung nhiệm vụ")
    summary = models.CharField("tóm tắt", max_length=300, blank=True)
    span_start = models.PositiveIntegerField("vị trí đầu trong văn bản", null=True, blank=True)
    span_end = models.PositiveIntegerField("vị trí cuối trong văn bản", null=True, blank=True)
    deadline_kind = models.CharField(
        "loại thời hạn", max_length=10, choices=DeadlineKind.choices, default=DeadlineKind.NONE
    )
    deadline = models.DateField("thời hạn", null=True, blank=True, db_index=True)
    deadline_text = models.CharField("thời hạn (nguyên văn)", max_length=300, blank=True)
    recurrence = models.CharField("quy tắc định kỳ", max_length=100, blank=True)
    relative_days = models.PositiveIntegerField("số ngày (thời hạn theo sự kiện)", null=True, blank=True)
    relative_working_days = models.BooleanField("tính theo ngày làm việc", default=False)
    relative_trigger = models.CharField("sự kiện bắt đầu tính", max_length=300, blank=True)
    target = models.CharField("chỉ tiêu, sản phẩm", max_length=300, blank=True)
    budget = models.DecimalField(
        "kinh phí (triệu đồng)", max_digits=16, decimal_places=3, null=True, blank=True
    )
    funding_source = models.CharField("nguồn kinh phí", max_length=200, blank=True)
    fan_out = models.BooleanField(
        "giao cho tất cả các xã",
        default=False,
        help_text="Nhiệm vụ giao chung cho UBND các xã, phường: tách cho từng xã.",
    )

    class Meta:
        abstract = True


# The content of a task: TaskFields, and the lead and coordinators each model declares.
TASK_FIELDS = ("lead_unit", "coordinators", *(f.name for f in TaskFields._meta.local_fields))

# What a child task (cascade to communes or departments, a period of a recurring duty) does not take
# from its parent: its own lead and coordinators, and the budget, which is the parent's total.
NOT_INHERITED = ("lead_unit", "coordinators", "budget", "funding_source", "fan_out")
INHERITED = (
    *(name for name in TASK_FIELDS if name not in NOT_INHERITED),
    "document",
    "original_deadline",
    "starred",
)


class TaskQuerySet(models.QuerySet):
    def trackable(self):
        """Tasks that are judged and counted: a recurring duty counts through its occurrences."""
        return self.filter(is_series=False)

    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create does not call save(): the stored outcome and flag are written here instead.
        objs = list(objs)
        secret = _confidential_documents(objs)
        for task in objs:
            task.outcome = outcome_of(task)
            task.confidential = task.document_id in secret
        return super().bulk_create(objs, *args, **kwargs)

    def update(self, **kwargs):
        for name in ("document", "document_id"):
            if name in kwargs:
                document = kwargs[name]
                pk = document.pk if isinstance(document, Document) else document
                kwargs["confidential"] = pk is not None and pk in _confidential_documents([], [pk])
        if not OUTCOME_FIELDS & kwargs.keys():
            return super().update(**kwargs)
        # The outcome is worked out in Python (status.outcome_of), which an UPDATE cannot do:
        # it is written again for the rows this one changed.
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            rows = self.model.objects.filter(pk__in=pks).only("outcome", *OUTCOME_FIELDS)
            for task in rows:
                if task.outcome != outcome_of(task):
                    self.model.objects.filter(pk=task.pk).update(outcome=outcome_of(task))
        return count


def _confidential_documents(tasks, ids=()) -> set:
    """The ids among the documents of `tasks` (and `ids`) that are confidential: from the document
    already loaded on a task, the others read in one query."""
    field = Task._meta.get_field("document")
    known = {t.document_id: t.document.is_confidential for t in tasks if t.document_id and field.is_cached(t)}
    unknown = {t.document_id for t in tasks if t.document_id and t.document_id not in known} | set(ids)
    secret = {pk for pk, flag in known.items() if flag}
    if unknown:
        rows = Document.objects.filter(pk__in=unknown).exclude(confidentiality=Confidentiality.NORMAL)
        secret |= set(rows.values_list("pk", flat=True))
    return secret


class Task(TaskFields, Audited):
    """A duty tracked by an organisation: its content (TaskFields), who works on it, where it sits
    in the cascade and in a recurring series, and its state."""

    owner = models.ForeignKey(
        Unit,
        verbose_name="cơ quan theo dõi",
        on_delete=models.PROTECT,
        related_name="owned_tasks",
        help_text="UBND xã hoặc tỉnh theo dõi nhiệm vụ này.",
    )
    document = models.ForeignKey(
        Document,
        verbose_name="văn bản giao",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    lead_unit = models.ForeignKey(
        Unit, verbose_name="đơn vị chủ trì", on_delete=models.PROTECT, related_name="led_tasks"
    )
    coordinators = models.ManyToManyField(
        Unit, verbose_name="đơn vị phối hợp", blank=True, related_name="coordinated_tasks"
    )
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="người được giao", blank=True, related_name="assigned_tasks"
    )
    original_deadline = models.DateField(
        "thời hạn ban đầu",
        null=True,
        blank=True,
        help_text="Giữ nguyên khi gia hạn; dùng để đánh giá trễ hạn.",
    )
    trigger_date = models.DateField(
        "ngày xảy ra sự kiện",
        null=True,
        blank=True,
        help_text="Với thời hạn theo sự kiện: từ ngày này tính thời hạn.",
    )
    starred = models.BooleanField("ưu tiên", default=False)
    evidence_required = models.BooleanField(
        "cần minh chứng",
        default=False,
        help_text="Đề nghị xác nhận hoàn thành phải kèm tệp minh chứng (biên bản, báo cáo, hình ảnh…).",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="nhiệm vụ cha",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    is_series = models.BooleanField(
        "nhiệm vụ định kỳ (gốc)",
        default=False,
        help_text="Nhiệm vụ định kỳ; mỗi kỳ là một nhiệm vụ con riêng.",
    )
    series = models.ForeignKey(
        "self",
        verbose_name="thuộc nhiệm vụ định kỳ",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="occurrences",
    )
    period_label = models.CharField("kỳ", max_length=60, blank=True)
    state = models.CharField(
        "trạng thái xử lý", max_length=20, choices=TaskState.choices, default=TaskState.OPEN
    )
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    outcome = models.CharField(
        "kết quả khi đã đóng",
        max_length=20,
        blank=True,
        default="",
        editable=False,
        help_text="Trạng thái của nhiệm vụ đã hoàn thành, tạm hoãn hoặc hủy; trống khi đang thực hiện.",
    )
    confidential = models.BooleanField(
        "thuộc văn bản mật",
        default=False,
        editable=False,
        help_text="Văn bản giao nhiệm vụ là văn bản mật; ghi lại khi đổi văn bản hoặc độ mật của văn bản.",
    )
    last_reported_on = models.DateField(
        "ngày báo cáo tiến độ gần nhất",
        null=True,
        blank=True,
        editable=False,
        help_text="Ngày của báo cáo tiến độ mới nhất; ghi lại mỗi khi có báo cáo thêm, sửa hoặc xóa.",
    )
    state_reason = models.TextField("lý do (tạm hoãn, hủy, trả lại)", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(fields=["owner", "state", "deadline"]),
            models.Index(fields=["lead_unit", "state"]),
            # The list's "Mới giao trước"; the dashboard's tasks created per month, counted from the
            # index alone: it holds every column the access rule reads (tasks/access.py).
            models.Index(
                fields=["created_at", "owner", "lead_unit", "confidential", "document", "is_series"],
                name="task_created_at",
            ),
            # Done in a period in the figures; the dashboard's tasks done per month, on time or
            # late, counted from the index alone.
            models.Index(
                fields=[
                    "completed_on",
                    "state",
                    "outcome",
                    "owner",
                    "lead_unit",
                    "confidential",
                    "document",
                    "is_series",
                ],
                name="task_completed_on",
            ),
            # The completions awaiting approval, judged on the day claimed (the due-soon list, the
            # rates' tasks judged apart). Partial: an index that starts with the state would draw
            # every query on open tasks (half the table) to it.
            models.Index(
                fields=["completed_on", "deadline"],
                condition=models.Q(state=TaskState.AWAITING_APPROVAL),
                name="task_awaiting_claims",
            ),
            # Every column the figures read (scope, "Mật", status, period, update): SQLite counts
            # a province's tasks from this index, a tenth of the table's size, without reading a
            # task row, and in the order of their groups by owner and outcome (rates._counted).
            models.Index(
                fields=[
                    "owner",
                    "outcome",
                    "state",
                    "deadline",
                    "completed_on",
                    "last_reported_on",
                    "lead_unit",
                    "confidential",
                    "document",
                    "is_series",
                    "created_at",
                ],
                name="task_figures",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=True)
                | models.Q(state=TaskState.DONE)
                | models.Q(state=TaskState.AWAITING_APPROVAL),
                name="completed_on_only_when_done",
            ),
            models.CheckConstraint(
                condition=models.Q(span_start__isnull=True) | models.Q(span_end__gte=models.F("span_start")),
                name="span_in_order",
            ),
        ]

    def __str__(self):
        return self.summary or self.text[:100]

    def save(self, *args, **kwargs):
        if self.original_deadline is None and self.deadline is not None:
            self.original_deadline = self.deadline
        self.outcome = outcome_of(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and OUTCOME_FIELDS & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "outcome"}
        if self._state.adding or self.changed_since_loaded("document_id"):
            # What the access rule reads instead of the document (tasks/access.py); a change of
            # the document's confidentiality is written to its tasks by signals.py.
            self.confidential = self.document_id is not None and self.document.is_confidential
            if update_fields is not None and {"document", "document_id"} & set(update_fields):
                kwargs["update_fields"] = {*kwargs["update_fields"], "confidential"}
        # Coordinators added later are checked by a signal (signals.py); here only a new lead can clash.
        if (
            self.pk
            and self.lead_unit_id
            and self.changed_since_loaded("lead_unit_id")
            and self.coordinators.filter(pk=self.lead_unit_id).exists()
        ):
            raise ValidationError(LEAD_IS_COORDINATOR)
        super().save(*args, **kwargs)

    def clean(self):
        if self.pk and self.lead_unit_id and self.coordinators.filter(pk=self.lead_unit_id).exists():
            raise ValidationError({"lead_unit": LEAD_IS_COORDINATOR})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "Nhiệm vụ cha không được là chính nó."})

    def new_child(self, **fields) -> "Task":
        """An unsaved task taking INHERITED from this one; `fields` give the rest, or override."""
        inherited = {name: getattr(self, name) for name in INHERITED}
        return Task(**{**inherited, "created_by": self.created_by, **fields})


class ProgressReportQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create sends no signal: the tasks' last report date is written here instead.
        created = super().bulk_create(objs, *args, **kwargs)
        note_last_reports({report.task_id for report in created})
        return created


def note_last_reports(task_ids=None, batch: int = 500) -> None:
    """Write `Task.last_reported_on` (the date of the task's latest progress report, or NULL) for
    the tasks `task_ids`, or every task when None, as UPDATEs: signals.py calls it on every save
    or delete of a report, ProgressReportQuerySet.bulk_create after bulk inserts."""
    latest = (
        ProgressReport.objects.filter(task_id=models.OuterRef("pk"))
        .order_by()
        .values("task_id")
        .annotate(latest=models.Max("reported_on"))
        .values("latest")
    )
    if task_ids is None:
        Task.objects.update(last_reported_on=models.Subquery(latest))
        return
    task_ids = sorted(task_ids)
    for i in range(0, len(task_ids), batch):
        Task.objects.filter(pk__in=task_ids[i : i + batch]).update(last_reported_on=models.Subquery(latest))


class ProgressReport(Audited):
    """A unit's report on a task: what was done, how far (percent), with evidence."""

    task = models.ForeignKey(Task, verbose_name="nhiệm vụ", on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị báo cáo", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người báo cáo",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_on = models.DateField("ngày báo cáo", db_index=True)
    text = models.TextField("nội dung")
    percent = models.PositiveSmallIntegerField(
        "tiến độ (%)", default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        ordering = ["-reported_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="percent_at_most_100")
        ]

    def __str__(self):
        return f"{self.unit} — {self.reported_on:%d/%m/%Y} — {self.percent}%"


class ProgressAttachment(models.Model):
    """A file given as evidence with a progress report."""

    report = models.ForeignKey(
        ProgressReport, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("tệp", upload_to="evidence/%Y/%m/")
    name = models.CharField("tên tệp", max_length=255)

    class Meta:
        verbose_name = "tệp minh chứng"
        verbose_name_plural = "tệp minh chứng"

    def __str__(self):
        return self.name


class Decided(Audited):
    """A request made by a unit and decided by a leader: who asked, who decided, when and why."""

    status = models.CharField(
        "trạng thái", max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người đề nghị",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField("ngày đề nghị", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("ngày duyệt", null=True, blank=True)
    decision_note = models.TextField("ý kiến", blank=True)

    class Meta:
        abstract = True


class DeadlineChange(Decided):
    """A request to move a task's deadline (gia hạn) and the leader's decision."""

    task = models.ForeignKey(
        Task, verbose_name="nhiệm vụ", on_delete=models.CASCADE, related_name="deadline_changes"
    )
    old_date = models.DateField("thời hạn cũ", null=True, blank=True)
    new_date = models.DateField("thời hạn đề nghị")
    reason = models.TextField("lý do")
    objective = models.BooleanField(
        "nguyên nhân khách quan", default=False, help_text="Được công nhận là khách quan khi xếp loại."
    )

    class Meta:
        verbose_name = "gia hạn"
        verbose_name_plural = "gia hạn"
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.task} → {self.new_date:%d/%m/%Y} ({self.get_status_display()})"


class CompletionRequest(Decided):
    """A unit's claim that a task is done, and the leader's approval or rejection."""

    task = models.ForeignKey(
        Task, verbose_name="nhiệm vụ", on_delete=models.CASCADE, related_name="completion_requests"
    )
    claimed_on = models.DateField("ngày hoàn thành (đơn vị báo)")
    note = models.TextField("kết quả, sản phẩm", blank=True)

    class Meta:
        verbose_name = "đề nghị xác nhận hoàn thành"
        verbose_name_plural = "đề nghị xác nhận hoàn thành"
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.task} — {self.get_status_display()}"


class Direction(Audited):
    """A leader's direction on a task (ý kiến chỉ đạo)."""

    task = models.ForeignKey(
        Task, verbose_name="nhiệm vụ", on_delete=models.CASCADE, related_name="directions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lãnh đạo",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField("ý kiến chỉ đạo")
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)

    class Meta:
        verbose_name = "ý kiến chỉ đạo"
        verbose_name_plural = "ý kiến chỉ đạo"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.text[:100]


from dieuhanh.tasks.search_index import TaskSearch  # noqa: E402, F401  (a model of this app)
