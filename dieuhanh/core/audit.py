"""The audit trail, added to a model by inheriting `Audited` (as NetBox's change logging).

Every save and delete of an audited model writes an AuditEvent with the row
before and after, attributed to the person in `current_actor` — set by the
middleware for web requests and by `acting_as()` in the CLI and services.
"""

import contextlib
import contextvars
import datetime
import decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

_actor = contextvars.ContextVar("dieuhanh_audit_actor", default=None)
_note = contextvars.ContextVar("dieuhanh_audit_note", default="")


def current_actor():
    return _actor.get()


@contextlib.contextmanager
def acting_as(user, note: str = ""):
    """Attribute the changes made inside the block to `user` (None for the system). Without a note
    of its own, a block inside another keeps the outer note (the API token a service runs under)."""
    token, note_token = _actor.set(user), _note.set(note or _note.get())
    try:
        yield
    finally:
        _actor.reset(token)
        _note.reset(note_token)


class Audited(models.Model):
    """Mixin: saves and deletes of this model are written to the audit log."""

    class Meta:
        abstract = True


def _jsonable(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or None
    return value


def snapshot(obj: models.Model) -> dict:
    """The row's concrete fields and many-to-many ids as JSON-ready values."""
    data = {}
    for field in obj._meta.concrete_fields:
        data[field.attname] = _jsonable(getattr(obj, field.attname))
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            data[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return data


def record(obj: models.Model, action: str, before: dict | None, after: dict | None, note: str = ""):
    from dieuhanh.core.models import AuditEvent

    actor = current_actor()
    AuditEvent.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        content_type=ContentType.objects.get_for_model(obj.__class__),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        action=action,
        before=before,
        after=after,
        note=(note or _note.get())[:300],
    )


def _changed(before: dict, after: dict) -> tuple[dict, dict]:
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def _pre_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._audit_before = None
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(old) if old is not None else None


def _post_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    after = snapshot(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        record(instance, "create", None, after)
        return
    old, new = _changed(before, after)
    if new:
        record(instance, "update", old, new)


def _post_delete(sender, instance, **kwargs):
    record(instance, "delete", snapshot_without_m2m(instance), None)


def snapshot_without_m2m(obj):
    return {f.attname: _jsonable(getattr(obj, f.attname)) for f in obj._meta.concrete_fields}


def _m2m_field(holder: type[models.Model], through):
    return next((f for f in holder._meta.many_to_many if f.remote_field.through is through), None)


def _m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """A many-to-many change, recorded on the audited row that holds the field, whichever side
    made it: `document.allowed_people.add(person)` and `person.confidential_documents.add(document)`
    are the same change to who may read the document. A clear is recorded with what it removed."""
    holder = model if reverse else type(instance)
    field = _m2m_field(holder, sender) if issubclass(holder, Audited) else None
    if field is None:
        return
    if action == "pre_clear":
        # post_clear does not tell what was removed: remember it now.
        related = getattr(instance, field.remote_field.get_accessor_name() if reverse else field.name)
        instance._audit_cleared = set(related.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        pk_set = getattr(instance, "_audit_cleared", set())
    verb = "thêm" if action == "post_add" else "bỏ"
    note = f"{verb} {field.verbose_name}"
    if reverse:
        for row in holder._default_manager.filter(pk__in=pk_set or []):
            record(row, "update", None, {field.name: [instance.pk]}, note=note)
    elif pk_set:
        record(instance, "update", None, {field.name: sorted(pk_set)}, note=note)


def connect_signals():
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, Audited):
            pre_save.connect(_pre_save, sender=model, dispatch_uid=f"audit-pre-{model._meta.label}")
            post_save.connect(_post_save, sender=model, dispatch_uid=f"audit-post-{model._meta.label}")
            post_delete.connect(_post_delete, sender=model, dispatch_uid=f"audit-del-{model._meta.label}")
    m2m_changed.connect(_m2m_changed, dispatch_uid="audit-m2m")
