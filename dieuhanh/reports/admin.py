from django.contrib import admin

from dieuhanh.core.admin_scope import Scoped
from dieuhanh.reports.models import RankingFormula, ReportSchedule


@admin.register(RankingFormula)
class RankingFormulaAdmin(Scoped, admin.ModelAdmin):
    list_display = [
        "organisation",
        "excellent_min",
        "good_min",
        "pass_min",
        "late_penalty_percent",
        "forgive_objective",
    ]
    autocomplete_fields = ["organisation"]


@admin.register(ReportSchedule)
class ReportScheduleAdmin(Scoped, admin.ModelAdmin):
    list_display = [
        "organisation",
        "period_kind",
        "format",
        "next_run",
        "is_active",
        "last_sent_at",
        "failures",
    ]
    list_filter = ["period_kind", "format", "is_active"]
    readonly_fields = ["last_sent_at", "failures", "last_error"]
    autocomplete_fields = ["organisation", "run_as"]
