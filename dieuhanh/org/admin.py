from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from dieuhanh.core.admin_scope import Scoped
from dieuhanh.org.models import Membership, Unit, UnitAlias, User


class MembershipInline(Scoped, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("unit",)


@admin.register(User)
class UserAdmin(Scoped, BaseUserAdmin):
    list_display = ("username", "full_name", "email", "is_staff", "is_active")
    search_fields = ("username", "full_name", "email")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Thông tin cá nhân", {"fields": ("full_name", "email", "phone")}),
        ("Quyền", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Thời gian", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("username", "full_name", "email", "password1", "password2")},
        ),
    )
    inlines = [MembershipInline]


class AliasInline(Scoped, admin.TabularInline):
    model = UnitAlias
    extra = 1
    fields = ("name",)


@admin.register(Unit)
class UnitAdmin(Scoped, admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "code", "aliases__name")
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"code": ("name",)}
    inlines = [AliasInline]
    list_select_related = ("parent",)


@admin.register(Membership)
class MembershipAdmin(Scoped, admin.ModelAdmin):
    list_display = ("user", "unit", "role", "title", "is_head")
    list_filter = ("role", "is_head")
    search_fields = ("user__username", "user__full_name", "unit__name")
    autocomplete_fields = ("user", "unit")
    list_select_related = ("user", "unit")
