"""The admin site under the same visibility rules as the pages — for a superuser too.

`core` cannot know what is confidential: the apps that do register, per model, how to
narrow a queryset to the rows a person may see (`register_scope`). Every admin class of
the project inherits `Scoped`, so its list, search, object pages, inline rows, the
choices and autocompletes of its forms and its deletion summaries stay inside those
scopes; the audit log leaves out the events about rows a person may not see.
"""

from collections.abc import Callable

from django.contrib.admin.utils import NestedObjects, quote
from django.contrib.contenttypes.models import ContentType
from django.db import router
from django.db.models import CharField, Model, QuerySet
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst

Scope = Callable[[object, QuerySet], QuerySet]  # (user, queryset) -> the rows the user may see

HIDDEN = "(không hiển thị: bạn không có quyền xem)"

_scopes: dict[type[Model], list[Scope]] = {}


def register_scope(model: type[Model], scope: Scope) -> None:
    """Declare that `model`'s rows are shown to a person only as far as `scope` lets them."""
    _scopes.setdefault(model, []).append(scope)


def scoped(model: type[Model], user, queryset: QuerySet) -> QuerySet:
    for scope in _scopes.get(model, ()):
        queryset = scope(user, queryset)
    return queryset


def is_hidden(user, obj: Model) -> bool:
    model = type(obj)
    if model not in _scopes or obj.pk is None:
        return False
    return not scoped(model, user, model._default_manager.filter(pk=obj.pk)).exists()


def without_hidden_events(user, events: QuerySet) -> QuerySet:
    """Audit events, less those about a row of a scoped model that `user` may not see."""
    for model in _scopes:
        hidden = model._default_manager.exclude(pk__in=scoped(model, user, model._default_manager.all()))
        events = events.exclude(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=hidden.annotate(key=Cast("pk", CharField())).values("key"),
        )
    return events


class ReadOnly:
    """Mixin for ModelAdmin and inline classes of rows written only by the app's own services
    (records, received packages, keys): shown, never added, changed or deleted in the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class Scoped:
    """Mixin for ModelAdmin and inline classes: rows and choices limited to the registered scopes."""

    def get_queryset(self, request):
        return scoped(self.model, request.user, super().get_queryset(request))

    def _scope_choices(self, db_field, request, field):
        if field is not None and hasattr(field, "queryset"):
            field.queryset = scoped(db_field.related_model, request.user, field.queryset)
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return self._scope_choices(
            db_field, request, super().formfield_for_foreignkey(db_field, request, **kwargs)
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return self._scope_choices(
            db_field, request, super().formfield_for_manytomany(db_field, request, **kwargs)
        )

    def get_deleted_objects(self, objs, request):
        """Django's deletion summary, with the rows this person may not see named only by their kind."""
        try:
            first = objs[0]
        except IndexError:
            return [], {}, set(), []
        collector = NestedObjects(using=router.db_for_write(first._meta.model), origin=objs)
        collector.collect(objs)
        perms_needed = set()
        site = self.admin_site

        def describe(obj):
            opts = obj._meta
            if is_hidden(request.user, obj):
                return f"{capfirst(opts.verbose_name)}: {HIDDEN}"
            label = f"{capfirst(opts.verbose_name)}: {obj}"
            if not site.is_registered(type(obj)):
                return label
            if not site.get_model_admin(type(obj)).has_delete_permission(request, obj):
                perms_needed.add(opts.verbose_name)
            try:
                url = reverse(f"{site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])
            except NoReverseMatch:
                return label
            return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)

        to_delete = collector.nested(describe)
        protected = [describe(obj) for obj in collector.protected]
        counts = {model._meta.verbose_name_plural: len(rows) for model, rows in collector.model_objs.items()}
        return to_delete, counts, perms_needed, protected
