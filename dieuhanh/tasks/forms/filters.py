"""The task list filters: one form that validates the query string and applies it to a queryset."""

import datetime
from html import escape

from django import forms
from django.db.models import Exists, F, OuterRef
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from dieuhanh.core.form_fields import IdField, RowChoiceField, VnDateField
from dieuhanh.core.search import full_text_search
from dieuhanh.org.constants import UnitKind
from dieuhanh.org.models import Unit
from dieuhanh.org.unit_names import grouped_units, unit_choices
from dieuhanh.tasks.listing import awaiting_decision, in_subtree
from dieuhanh.tasks.models import ProgressReport
from dieuhanh.tasks.rates import in_period
from dieuhanh.tasks.search_index import TaskSearch
from dieuhanh.tasks.status import (
    DONE_STATUSES,
    ON_TIME_STATUSES,
    OPEN_STATUSES,
    Status,
    annotate_status,
    open_on,
)

STATUS_GROUPS = {
    "open": [s.value for s in OPEN_STATUSES],
    "done": [s.value for s in DONE_STATUSES],
    "done_ok": [s.value for s in ON_TIME_STATUSES],
}
AWAITING = "awaiting"  # not a status: a completion or an extension waiting for a leader
STATUS_CHOICES = [
    ("", "Tất cả trạng thái"),
    ("open", "Đang thực hiện (tất cả)"),
    *[(s.value, s.label) for s in OPEN_STATUSES],
    ("done", "Đã hoàn thành (tất cả)"),
    ("done_ok", "Hoàn thành trước và đúng hạn"),
    *[(s.value, s.label) for s in DONE_STATUSES],
    (Status.PAUSED.value, Status.PAUSED.label),
    (Status.CANCELLED.value, Status.CANCELLED.label),
    (AWAITING, "Chờ duyệt / chờ xác nhận"),
]
# Tasks without a deadline sort last both ways, on SQLite and PostgreSQL alike.
SORTS = {
    "deadline": ("Thời hạn gần nhất", [F("deadline").asc(nulls_last=True), "id"]),
    "-deadline": ("Thời hạn xa nhất", [F("deadline").desc(nulls_last=True), "-id"]),
    "-created": ("Mới giao trước", ["-created_at", "-id"]),
    "unit": ("Đơn vị chủ trì", ["lead_unit__name", F("deadline").asc(nulls_last=True), "id"]),
    "status": ("Trạng thái", ["status", F("deadline").asc(nulls_last=True), "id"]),
}


class PlainSelect(forms.Select):
    """A select whose options are written in Python instead of through one template per option:
    a province's unit pick-list has ~1,000 options, which Django's templates take 40 ms to write.
    Same HTML as forms.Select, <optgroup> for a choice whose value is a list (label, [(v, l)])."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))

        # Plain f-strings and html.escape (what django.utils.html.escape calls): one format_html
        # per option cost as much again as the list's queries.
        def option(v, label) -> str:
            chosen = " selected" if str(v) in selected else ""
            return f'<option value="{escape(str(v))}"{chosen}>{escape(str(label))}</option>'

        parts = "".join(
            f'<optgroup label="{escape(str(v))}">{"".join(option(*c) for c in label)}</optgroup>'
            if isinstance(label, list | tuple)
            else option(v, label)
            for v, label in self.choices
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attributes, mark_safe(parts))


class TaskFilterForm(forms.Form):
    q = forms.CharField(
        label="Tìm kiếm",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": 'Ví dụ: 165/KH-UBND, dân số, "nông thôn mới"'}),
    )
    unit = RowChoiceField(
        label="Đơn vị chủ trì",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="Tất cả đơn vị",
        widget=PlainSelect,
    )
    commune = RowChoiceField(
        label="Xã, phường",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="Tất cả xã, phường",
        widget=PlainSelect,
    )
    owner = RowChoiceField(
        label="Cơ quan theo dõi", queryset=Unit.objects.none(), required=False, widget=forms.HiddenInput
    )
    status = forms.ChoiceField(label="Trạng thái", choices=STATUS_CHOICES, required=False)
    deadline_from = VnDateField(label="Thời hạn từ ngày", required=False)
    deadline_to = VnDateField(label="đến ngày", required=False)
    document = IdField(label="Văn bản", required=False)
    starred = forms.BooleanField(label="Chỉ nhiệm vụ ưu tiên", required=False)
    period_start = VnDateField(label="Kỳ từ ngày", required=False, widget=forms.HiddenInput)
    period_end = VnDateField(label="Kỳ đến ngày", required=False, widget=forms.HiddenInput)
    updated = forms.ChoiceField(
        label="Cập nhật trong kỳ",
        required=False,
        choices=[("", "—"), ("yes", "Đã cập nhật trong kỳ"), ("no", "Chưa cập nhật trong kỳ")],
        widget=forms.HiddenInput,
    )
    sort = forms.ChoiceField(label="Sắp xếp", choices=[(k, v[0]) for k, v in SORTS.items()], required=False)

    def __init__(self, data=None, *, access, **kwargs):
        super().__init__(data, **kwargs)
        units = access.visible_units()
        self.fields["unit"].queryset = units.exclude(kind__in=[UnitKind.PROVINCE])
        self.fields["owner"].queryset = units
        communes = units.filter(kind=UnitKind.COMMUNE)
        self.fields["commune"].queryset = communes
        self.show_commune = access.is_superuser or units.filter(kind=UnitKind.PROVINCE).exists()
        if self.show_commune:
            # A province's departments have the same names in every commune: group them by commune.
            picklist = grouped_units(self.fields["unit"].queryset)
            self.fields["unit"].widget.choices = [("", "Tất cả đơn vị"), *picklist.groups]
            self.fields["commune"].widget.choices = [("", "Tất cả xã, phường"), *unit_choices(communes)]

    def clean(self):
        data = super().clean()
        for start, end in (("deadline_from", "deadline_to"), ("period_start", "period_end")):
            if data.get(start) and data.get(end) and data[start] > data[end]:
                self.add_error(end, "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")
        return data

    def as_of(self, today: datetime.date) -> datetime.date:
        """The day statuses are judged on: today, or the end of a past period (as the dashboard does)."""
        end = self.cleaned_data.get("period_end") if self.is_bound and self.is_valid() else None
        return min(end, today) if end else today

    def apply(self, queryset, today: datetime.date):
        """The queryset filtered, status-annotated and sorted; unfiltered when the form is invalid."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        qs = queryset
        start, end = data.get("period_start"), data.get("period_end")
        if start and end:
            qs = in_period(qs, start, end)
        qs = annotate_status(qs, self.as_of(today))
        if data.get("q"):
            qs = full_text_search(qs, TaskSearch, data["q"])
        if data.get("unit"):
            qs = qs.filter(lead_unit=data["unit"])
        if data.get("owner"):
            qs = qs.filter(owner=data["owner"])
        if data.get("commune"):
            qs = qs.filter(in_subtree(data["commune"]))
        status = data.get("status")
        if status == AWAITING:
            qs = qs.filter(awaiting_decision())
        elif status == "open":
            # The same tasks as the open statuses, read from the stored outcome: no status worked
            # out per row to count a province's open tasks (status.open_on).
            qs = qs.filter(open_on(self.as_of(today)))
        elif status:
            qs = qs.filter(status__in=STATUS_GROUPS.get(status, [status]))
        if data.get("deadline_from"):
            qs = qs.filter(deadline__gte=data["deadline_from"])
        if data.get("deadline_to"):
            qs = qs.filter(deadline__lte=data["deadline_to"])
        if data.get("document"):
            qs = qs.filter(document_id=data["document"])
        if data.get("starred"):
            qs = qs.filter(starred=True)
        if data.get("updated") and start and end:
            reported = Exists(
                ProgressReport.objects.filter(task_id=OuterRef("pk"), reported_on__range=(start, end))
            )
            qs = qs.filter(reported if data["updated"] == "yes" else ~reported)
        if data.get("q") and not data.get("sort") and "search_rank" in qs.query.extra_select:
            return qs.order_by("search_rank", *SORTS["deadline"][1])  # the best match first
        return qs.order_by(*SORTS[data.get("sort") or "deadline"][1])
