"""Report packages in the admin, under the page's own rules: the province's side (communes' keys,
packages received) to those who receive from the commune, the commune's side (its key, packages sent)
to those of its unit tree. Everything is read only: a package is the commune's signed original, and a
key is registered, replaced or revoked by the services (page, API, `dieuhanh package`) that check it
and log it. The one change offered is revoking keys, by those who may register them. A commune's
private key is never shown."""

from django.contrib import admin, messages

from dieuhanh.core.admin_scope import ReadOnly, Scoped, register_scope
from dieuhanh.exchange import receiving
from dieuhanh.exchange.models import ReceivedPackage, SenderKey, SentPackage, SigningKey
from dieuhanh.exchange.package import PackageError
from dieuhanh.org.access import Access

register_scope(SenderKey, lambda user, rows: rows.filter(unit__in=receiving.senders(user)))
register_scope(ReceivedPackage, lambda user, rows: rows.filter(unit__in=receiving.senders(user)))
register_scope(SigningKey, lambda user, rows: rows.filter(organisation__in=Access.of(user).visible_units()))
register_scope(SentPackage, lambda user, rows: rows.filter(organisation__in=Access.of(user).visible_units()))


@admin.register(SenderKey)
class SenderKeyAdmin(ReadOnly, Scoped, admin.ModelAdmin):
    list_display = ["unit", "key_id", "registered_at", "registered_by", "last_package_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["unit__name", "unit__code", "key_id"]
    list_select_related = ["unit", "registered_by"]
    fields = [
        "unit",
        "key_id",
        "public_key",
        "registered_at",
        "registered_by",
        "last_package_at",
        "revoked_at",
        "revoked_by",
    ]
    actions = ["revoke"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not receiving.manages_keys(request.user):
            actions.pop("revoke", None)
        return actions

    @admin.action(description="Thu hồi các khóa đã chọn (gói ký bằng khóa này sẽ bị từ chối)")
    def revoke(self, request, queryset):
        done = 0
        for key in queryset.filter(revoked_at=None).select_related("unit"):
            try:
                receiving.revoke_key(key, request.user)
            except PackageError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, f"Đã thu hồi {done} khóa.", messages.SUCCESS)


@admin.register(ReceivedPackage)
class ReceivedPackageAdmin(ReadOnly, Scoped, admin.ModelAdmin):
    list_display = ["unit", "period_label", "signed_at", "received_at", "received_by", "key_id"]
    list_filter = ["period_spec"]
    search_fields = ["unit__name", "unit__code", "package_id"]
    list_select_related = ["unit", "received_by"]
    date_hierarchy = "received_at"


@admin.register(SigningKey)
class SigningKeyAdmin(ReadOnly, Scoped, admin.ModelAdmin):
    list_display = ["organisation", "key_id", "created_at"]
    list_select_related = ["organisation"]
    fields = ["organisation", "key_id", "public_key", "created_at"]


@admin.register(SentPackage)
class SentPackageAdmin(ReadOnly, Scoped, admin.ModelAdmin):
    list_display = ["organisation", "period_label", "signed_at", "sent_by", "package_id"]
    search_fields = ["organisation__name", "package_id"]
    list_select_related = ["organisation", "sent_by"]
