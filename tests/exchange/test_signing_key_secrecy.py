"""A commune's private signing key never reaches the audit log (it did while SigningKey was Audited:
every administrator reading the log could sign as the commune); the log keeps the public half."""

import importlib
import json

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from dieuhanh.core.models import AuditEvent
from dieuhanh.exchange.models import SigningKey
from dieuhanh.exchange.package import build_package, new_signing_key

pytestmark = pytest.mark.django_db


def _log_text() -> str:
    return json.dumps(list(AuditEvent.objects.values("before", "after", "note")), ensure_ascii=False)


def test_making_and_replacing_a_key_logs_only_its_public_half(world):
    tracker, commune = world.people["tracker"], world.units["a"]
    build_package(commune, tracker, "2026-07")
    first = SigningKey.objects.get()
    new_signing_key(commune, tracker)
    second = SigningKey.objects.get()
    assert first.key_id != second.key_id
    log = _log_text()
    assert first.private_key not in log and second.private_key not in log
    events = AuditEvent.objects.filter(content_type=ContentType.objects.get_for_model(SigningKey))
    made, replaced = events.order_by("id")
    assert made.actor == tracker and made.after["public_key"] == first.public_key
    assert replaced.before["key_id"] == first.key_id and replaced.after["key_id"] == second.key_id


def test_the_migration_takes_private_keys_out_of_events_already_written(world):
    kind = ContentType.objects.get_for_model(SigningKey)
    old = AuditEvent.objects.create(
        content_type=kind,
        object_id="1",
        object_repr="x",
        action="create",
        after={"private_key": "BÍ-MẬT", "public_key": "CÔNG-KHAI"},
    )
    migration = importlib.import_module("dieuhanh.exchange.migrations.0003_signing_keys_out_of_the_audit_log")
    migration.redact(apps, None)
    old.refresh_from_db()
    assert old.after == {"public_key": "CÔNG-KHAI"}
