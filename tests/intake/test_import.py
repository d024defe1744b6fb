import pytest

from dieuhanh.core.models import AuditEvent
from dieuhanh.documents.models import Document
from dieuhanh.documents.services.registry import DocumentError, read_document
from dieuhanh.intake.models import ImportDraft, ProposedTask
from dieuhanh.intake.services.errors import DraftError
from dieuhanh.intake.services.importing import import_document
from dieuhanh.tasks.constants import DeadlineKind
from tests.intake.factories import build_org
from tests.intake.texts import COMMUNE_DIRECTIVE, PROVINCE_DIRECTIVE, data

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return build_org()


def import_commune(org, text=COMMUNE_DIRECTIVE, filename="215.txt"):
    return import_document(org=org.commune, data=data(text), filename=filename, actor=org.tracker)


def task_led_by(draft, lead_name) -> ProposedTask:
    return draft.tasks.get(lead_name=lead_name)


def test_it_registers_the_document_with_its_file_and_extraction(org):
    draft = import_commune(org)
    doc = draft.document
    assert (doc.owner, doc.number, doc.symbol) == (org.commune, "215", "UBND-VP")
    assert doc.original_file.read().decode("utf-8") == COMMUNE_DIRECTIVE
    assert doc.original_name == "215.txt"
    assert doc.created_by == org.tracker
    assert len(doc.extraction["tasks"]) == draft.tasks.count()
    assert doc.extraction["document"]["number"] == "215/UBND-VP"


def test_it_keeps_the_proposed_tasks_as_a_pending_draft(org):
    draft = import_commune(org)
    assert draft.status == ImportDraft.Status.PENDING
    assert (draft.organisation, draft.created_by) == (org.commune, org.tracker)
    assert draft.tasks.count() >= 4
    assert list(draft.tasks.values_list("position", flat=True)) == list(range(1, draft.tasks.count() + 1))
    assert set(draft.tasks.values_list("origin", flat=True)) == {ProposedTask.Origin.EXTRACTED}


def test_each_draft_task_points_at_its_source_in_the_text(org):
    draft = import_commune(org)
    text = draft.document.text
    for dt in draft.tasks.all():
        source = text[dt.span_start : dt.span_end]
        assert dt.lead_name in source or dt.text[:30] in source
    culture = task_led_by(draft, "Phòng Văn hóa - Xã hội")
    assert "làm sạch dữ liệu dân cư" in text[culture.span_start : culture.span_end]


def test_it_resolves_units_and_reads_deadlines_budget_and_reasons(org):
    draft = import_commune(org)
    culture = task_led_by(draft, "Phòng Văn hóa - Xã hội")
    assert culture.lead_unit == org.culture
    assert list(culture.coordinators.all()) == [org.police]
    assert culture.coordinator_names == ["Công an xã"]
    assert culture.deadline_kind == DeadlineKind.DATE
    assert culture.deadline.isoformat() == "2026-07-20"
    assert "lead_unit" in culture.reasons and "deadline" in culture.reasons
    economy = task_led_by(draft, "Phòng Kinh tế")
    assert economy.budget == 120
    assert economy.deadline_kind == DeadlineKind.PERIOD
    assert economy.deadline.isoformat() == "2026-09-30"
    monthly = draft.tasks.get(deadline_kind=DeadlineKind.RECURRING)
    assert monthly.recurrence == "monthly:18"
    assert monthly.lead_unit == org.police


def test_a_unit_missing_from_the_directory_stays_unresolved_as_written(org):
    draft = import_commune(org)
    market = task_led_by(draft, "Đội Quản lý trật tự đô thị")
    assert market.lead_unit is None
    assert market.proposed["lead_unit"] is None


def test_proposed_holds_exactly_what_extraction_proposed(org):
    draft = import_commune(org)
    culture = task_led_by(draft, "Phòng Văn hóa - Xã hội")
    assert culture.proposed["lead_unit"] == org.culture.pk
    assert culture.proposed["coordinators"] == [org.police.pk]
    assert culture.proposed["coordinator_unit_ids"] == [org.police.pk]
    assert culture.proposed["deadline"] == "2026-07-20"
    assert culture.proposed["span"] == [culture.span_start, culture.span_end]
    assert task_led_by(draft, "Phòng Kinh tế").proposed["budget"] == "120"


def test_the_import_is_audited_as_the_person_who_made_it(org):
    draft = import_commune(org)
    for obj in (draft, draft.document, draft.tasks.first()):
        event = AuditEvent.objects.get(object_id=str(obj.pk), action="create", object_repr=str(obj)[:300])
        assert event.actor == org.tracker


def test_the_same_content_is_refused_naming_the_existing_document(org):
    first = import_commune(org)
    with pytest.raises(DocumentError) as refused:
        import_commune(org, text=COMMUNE_DIRECTIVE.replace("\n\n", "\n\n\n"), filename="lai.txt")
    assert refused.value.existing == first.document
    assert "215/UBND-VP" in str(refused.value)
    assert "đã có trong sổ văn bản" in str(refused.value)
    assert (Document.objects.count(), ImportDraft.objects.count()) == (1, 1)


def test_the_same_number_symbol_issuer_and_date_is_refused(org):
    first = import_commune(org)
    retyped = COMMUNE_DIRECTIVE.replace("tại chợ", "tại chợ Hòa An và các điểm kinh doanh")
    with pytest.raises(DocumentError) as refused:
        import_commune(org, text=retyped, filename="215-ban-sua.txt")
    assert refused.value.existing == first.document
    assert f"mã {first.document.pk}" in str(refused.value)
    assert ProposedTask.objects.filter(draft__document__original_name="215-ban-sua.txt").count() == 0


def test_an_unreadable_file_is_refused_and_nothing_is_written(org):
    with pytest.raises(DocumentError, match="không mở được"):
        import_document(org=org.commune, data=b"%PDF-1.4 hong", filename="hong.pdf", actor=org.tracker)
    assert (Document.objects.count(), ImportDraft.objects.count()) == (0, 0)


def test_a_unit_member_may_not_import(org):
    with pytest.raises(DraftError, match="không có quyền nhập văn bản"):
        import_document(org=org.commune, data=data(COMMUNE_DIRECTIVE), filename="215.txt", actor=org.member)
    assert Document.objects.count() == 0


def test_a_tracker_of_another_organisation_may_not_import(org):
    with pytest.raises(DraftError):
        import_document(
            org=org.other_commune, data=data(COMMUNE_DIRECTIVE), filename="215.txt", actor=org.tracker
        )


def test_the_person_importing_a_confidential_document_is_named_on_it(org):
    secret = COMMUNE_DIRECTIVE.replace("Số: 215/UBND-VP", "MẬT\n\nSố: 215/UBND-VP")
    draft = import_commune(org, text=secret)
    assert draft.document.is_confidential
    assert list(draft.document.allowed_people.all()) == [org.tracker]


def test_a_document_without_tasks_gives_an_empty_draft_with_a_warning(org):
    draft = import_commune(org, text="Thông báo lịch họp giao ban tuần.\n")
    assert draft.tasks.count() == 0
    assert draft.warnings


def test_a_file_half_written_by_a_killed_import_is_replaced_not_left_beside(org, settings):
    raw = data(PROVINCE_DIRECTIVE)
    content_hash = read_document(raw, "977.txt").content_hash
    folder = settings.MEDIA_ROOT / "documents" / content_hash[:2] / content_hash
    folder.mkdir(parents=True)
    (folder / "977.txt").write_bytes(raw[:40])  # what a kill -9 in the middle of the write leaves
    draft = import_document(org=org.commune, data=raw, filename="977.txt", actor=org.tracker)
    assert draft.document.original_file.name.endswith(f"{content_hash}/977.txt")
    assert sorted(p.name for p in folder.iterdir()) == ["977.txt"]
    assert (folder / "977.txt").read_bytes() == raw
