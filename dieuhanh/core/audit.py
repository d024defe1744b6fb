"""The audit trail, added to a model by inheriting `Audited` (as NetBox's change logging).

Every save and delete of an audited model writes an AuditEvent, attributed to the person in
`current_actor` — set by the middleware for web requests and by `acting_as()` in the CLI and
services: a creation with the row, an update with the fields that changed (before and after),
a deletion with the row as it was. Many-to-many changes (coordinators, the people named on a
confidential document) are events of their own, written when the relation changes, whichever
side changes it.

A save costs one INSERT more than the save itself: the "before" of an update is what the row
held when it was read (`from_db`), not a second read. Only JSON values, which code may change in
place, are read again before an update; models without them never are.
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
    """Attribute the changes made inside the block to `user` (None for the system). A block inside
    another keeps the outer note (the API token a service runs under), followed by its own."""
    outer = _note.get()
    token, note_token = _actor.set(user), _note.set(" — ".join(n for n in (outer, note) if n))
    try:
        yield
    finally:
        _actor.reset(token)
        _note.reset(note_token)


class Audited(models.Model):
    """Mixin: saves and deletes of this model are written to the audit log."""

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Kept as read, names and values side by side: a page of 20,000 rows builds no dictionary
        # for the rows it never saves.
        instance._audit_loaded = (field_names, values)
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        opts, deferred = self._meta, self.get_deferred_fields()
        if fields is None:
            names = [f.attname for f in opts.concrete_fields if f.attname not in deferred]
        else:
            names = [f.attname for f in map(opts.get_field, fields) if f.concrete]
        _remember(self, {name: getattr(self, name) for name in names})

    def changed_since_loaded(self, attname: str) -> bool:
        """Whether `attname` differs from the value last read or saved (True when not known)."""
        loaded = loaded_values(self)
        return attname not in loaded or loaded[attname] != getattr(self, attname)


def loaded_values(obj: models.Model) -> dict:
    """{attname: value} of the fields as last read from or written to the database, as far as known."""
    kept = getattr(obj, "_audit_loaded", None)
    if isinstance(kept, tuple):
        kept = obj._audit_loaded = dict(zip(*kept, strict=True))
    return kept or {}


def _remember(obj: models.Model, values: dict) -> None:
    obj._audit_loaded = {**loaded_values(obj), **values}


def _jsonable(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def _json_value(field: models.Field, value):
    """A field's value as the log writes it: a file by its name (None for no file)."""
    if isinstance(field, models.FileField):
        return (value.name if isinstance(value, FieldFile) else value) or None
    return _jsonable(value)


def _field_values(obj: models.Model, attnames, values: dict) -> dict:
    fields = {f.attname: f for f in obj._meta.concrete_fields}
    return {name: _json_value(fields[name], values[name]) for name in attnames}


def snapshot(obj: models.Model) -> dict:
    """The row's concrete fields as JSON-ready values (many-to-many changes are events of their own)."""
    return {f.attname: _json_value(f, getattr(obj, f.attname)) for f in obj._meta.concrete_fields}


def record(obj: models.Model, action: str, before: dict | None, after: dict | None, note: str = ""):
    from dieuhanh.core.models import AuditEvent

    AuditEvent.objects.create(**_event(obj, action, before, after, note))


def record_created(objects: list[models.Model]) -> None:
    """The creation of rows inserted together (bulk_create sends no signal), in one INSERT."""
    from dieuhanh.core.models import AuditEvent

    AuditEvent.objects.bulk_create(
        [AuditEvent(**_event(obj, "create", None, snapshot(obj))) for obj in objects]
    )
    for obj in objects:
        _remember(obj, {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields})


def _event(obj: models.Model, action: str, before: dict | None, after: dict | None, note: str = "") -> dict:
    actor = current_actor()
    return {
        "actor": actor if actor is not None and actor.pk else None,
        "content_type": ContentType.objects.get_for_model(obj.__class__),
        "object_id": str(obj.pk),
        "object_repr": str(obj)[:300],
        "action": action,
        "before": before,
        "after": after,
        "note": (note or _note.get())[:300],
    }


def _saved_attnames(model, update_fields) -> list[str]:
    if update_fields is None:
        return [f.attname for f in model._meta.concrete_fields]
    return [model._meta.get_field(name).attname for name in update_fields]


def _stored(model, instance, names: list[str]) -> dict | None:
    """The values of `names` in the database row, None when there is no row. Known values are
    not read again; JSON ones always are, since code may have changed them in place."""
    loaded = loaded_values(instance)
    json_names = {f.attname for f in model._meta.concrete_fields if isinstance(f, models.JSONField)}
    known = {name: loaded[name] for name in names if name in loaded and name not in json_names}
    missing = [name for name in names if name not in known]
    if missing:
        row = model._default_manager.filter(pk=instance.pk).values(*missing).first()
        if row is None:
            return None
        known.update(row)
    return known


def _pre_save(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._audit_before = None
    if raw or instance.pk is None:
        return
    stored = _stored(sender, instance, _saved_attnames(sender, update_fields))
    if stored is not None:
        instance._audit_before = _field_values(instance, stored, stored)


def _post_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    saved = {name: getattr(instance, name) for name in _saved_attnames(sender, update_fields)}
    before = instance._audit_before
    if created or before is None:
        record(instance, "create", None, snapshot(instance))
    else:
        after = _field_values(instance, saved, saved)
        changed = [name for name in after if before[name] != after[name]]
        if changed:
            record(instance, "update", {n: before[n] for n in changed}, {n: after[n] for n in changed})
    _remember(instance, saved)


def _post_delete(sender, instance, **kwargs):
    record(instance, "delete", snapshot(instance), None)


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
