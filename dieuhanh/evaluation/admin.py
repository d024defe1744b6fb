"""The evaluation in the admin: the rules are edited here; periods and sheets are only read — they
are written by the cycle (the pages), which keeps the steps, the scores and the audit log whole."""

from django.contrib import admin

from dieuhanh.core.admin_scope import ReadOnly, Scoped, register_scope
from dieuhanh.evaluation.access import readable_product_ids, visible_sheets
from dieuhanh.evaluation.models import EvaluationRules, Period, Product, Sheet
from dieuhanh.org.access import Access


def _readable_products(user, rows):
    access = Access.of(user)
    return rows.filter(sheet__in=visible_sheets(access), pk__in=readable_product_ids(access, rows))


register_scope(Sheet, lambda user, sheets: visible_sheets(Access.of(user), sheets))
register_scope(Product, _readable_products)


@admin.register(EvaluationRules)
class EvaluationRulesAdmin(Scoped, admin.ModelAdmin):
    list_display = [
        "formula",
        "cycle",
        "general_points",
        "quantity_points",
        "quality_points",
        "timeliness_points",
        "quality_fail_percent",
        "excellent_quota_percent",
        "year_rule",
    ]
    fieldsets = [
        (None, {"fields": ["formula", "cycle"]}),
        (
            "Thang điểm (cộng lại 100; các mức xếp loại, mức trừ trễ hạn ở công thức xếp loại)",
            {
                "fields": [
                    "general_points",
                    "quantity_points",
                    "quality_points",
                    "timeliness_points",
                    "quality_fail_percent",
                ]
            },
        ),
        (
            "Quy tắc",
            {
                "fields": [
                    "discipline_floor",
                    "excellent_quota_percent",
                    "leader_unit_percent",
                    "unit_all_pass_percent",
                    "unit_any_fail_percent",
                    "year_rule",
                ]
            },
        ),
    ]


@admin.register(Period)
class PeriodAdmin(ReadOnly, Scoped, admin.ModelAdmin):
    list_display = ["__str__", "start", "end", "opened_by", "opened_at"]
    list_filter = ["cycle", "year"]
    list_select_related = ["organisation", "opened_by"]


class ProductInline(ReadOnly, Scoped, admin.TabularInline):
    model = Product
    extra = 0
    fields = ["title", "deadline", "completed_on", "done", "late", "weight", "quality_failed", "waived"]


@admin.register(Sheet)
class SheetAdmin(ReadOnly, Scoped, admin.ModelAdmin):
    list_display = ["person", "period", "unit", "stage", "total", "band"]
    list_filter = ["stage", "band", "period__year"]
    search_fields = ["person__full_name", "person__username", "unit__name"]
    list_select_related = ["person", "period__organisation", "unit"]
    inlines = [ProductInline]
