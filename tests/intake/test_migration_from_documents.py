"""A database made before the move (drafts in `documents`) migrates to `intake` with its rows.

The database is taken back to the migrations main had (documents 0003, tasks 0003, no intake),
filled the way that code filled it — drafts, proposed tasks with coordinators, their audit
events and an admin history entry — and migrated forward again.
"""

import datetime

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from dieuhanh.core.models import AuditEvent
from dieuhanh.intake.models import ImportDraft, ProposedTask

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("documents", "0003_import_draft"), ("tasks", "0003_decided_fields"), ("intake", None)]
# The other apps whose models the old rows are written with (unchanged by the move).
ALSO = [("core", "0002_initial"), ("admin", "0003_logentry_add_action_flag_choices")]


def migrate_back():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    return executor.loader.project_state([t for t in BEFORE + ALSO if t[1]]).apps


def fill_as_before(old) -> dict:
    Unit = old.get_model("org", "Unit")
    User = old.get_model("org", "User")
    Document = old.get_model("documents", "Document")
    OldDraft = old.get_model("documents", "ImportDraft")
    OldTask = old.get_model("documents", "DraftTask")
    OldContentType = old.get_model("contenttypes", "ContentType")
    OldEvent = old.get_model("core", "AuditEvent")
    OldLogEntry = old.get_model("admin", "LogEntry")

    commune = Unit.objects.create(kind="commune", name="UBND xã Cũ", code="xa-cu", path="/1/")
    police = Unit.objects.create(
        kind="police", name="Công an xã", code="xa-cu-ca", parent=commune, path="/1/2/"
    )
    clerk = User.objects.create(username="vanthu")
    document = Document.objects.create(
        owner=commune, number="12", symbol="KH-UBND", content_hash="abc", text="…"
    )
    draft = OldDraft.objects.create(document=document, organisation=commune, warnings=["lưu ý"])
    first = OldTask.objects.create(
        draft=draft, position=1, text="Rà soát hồ sơ", lead_unit=commune, deadline=datetime.date(2026, 7, 1)
    )
    first.coordinators.add(police)
    second = OldTask.objects.create(draft=draft, position=2, text="Báo cáo", merged_into=first, dropped=True)
    task_type = OldContentType.objects.get_or_create(app_label="documents", model="drafttask")[0]
    draft_type = OldContentType.objects.get_or_create(app_label="documents", model="importdraft")[0]
    OldEvent.objects.create(
        content_type=task_type,
        object_id=str(first.pk),
        object_repr="Rà soát hồ sơ",
        action="create",
        actor=clerk,
    )
    OldLogEntry.objects.create(
        user=clerk,
        content_type=draft_type,
        object_id=str(draft.pk),
        object_repr="Bản nháp",
        action_flag=ADDITION,
    )
    return {"draft": draft.pk, "first": first.pk, "second": second.pk, "police": police.pk, "clerk": clerk.pk}


@pytest.fixture
def before():
    ContentType.objects.clear_cache()
    made = fill_as_before(migrate_back())
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()
    yield made
    ContentType.objects.clear_cache()


def test_the_drafts_and_their_proposed_tasks_keep_their_rows(before):
    draft = ImportDraft.objects.get(pk=before["draft"])
    first, second = ProposedTask.objects.filter(draft=draft).order_by("position")
    assert (draft.warnings, draft.document.number) == (["lưu ý"], "12")
    assert (first.pk, first.text, first.deadline) == (
        before["first"],
        "Rà soát hồ sơ",
        datetime.date(2026, 7, 1),
    )
    assert [u.pk for u in first.coordinators.all()] == [before["police"]]
    assert (second.pk, second.merged_into, second.dropped) == (before["second"], first, True)


def test_the_moved_models_work_as_before(before):
    draft = ImportDraft.objects.get(pk=before["draft"])
    added = ProposedTask.objects.create(draft=draft, position=3, text="Thêm tay")
    added.coordinators.add(before["police"])
    assert draft.tasks.count() == 3


def test_the_audit_log_and_the_admin_history_point_at_the_moved_models(before):
    events = AuditEvent.objects.filter(object_id=str(before["first"]), action="create")
    assert [e.content_type.model_class() for e in events] == [ProposedTask]
    entry = LogEntry.objects.get(object_id=str(before["draft"]))
    assert entry.get_edited_object() == ImportDraft.objects.get(pk=before["draft"])
    assert entry.get_admin_url() == f"/admin/intake/importdraft/{before['draft']}/change/"
    assert not ContentType.objects.filter(
        app_label="documents", model__in=["importdraft", "drafttask"]
    ).exists()
    codenames = set(
        Permission.objects.filter(content_type__app_label="intake").values_list("codename", flat=True)
    )
    assert {"change_proposedtask", "change_importdraft"} <= codenames
    assert not any("drafttask" in name for name in codenames)
