import datetime

import pytest

from dieuhanh.intake.models import ImportDraft
from dieuhanh.intake.services.problems import draft_problems
from dieuhanh.tasks.constants import DeadlineKind
from tests.factories import DocumentFactory
from tests.intake.factories import ImportDraftFactory, ProposedTaskFactory, build_org

pytestmark = pytest.mark.django_db

DUE = {"deadline_kind": DeadlineKind.DATE, "deadline": datetime.date(2026, 7, 20)}


@pytest.fixture
def org():
    return build_org()


@pytest.fixture
def draft(org):
    return ImportDraftFactory(document=DocumentFactory(owner=org.commune))


def codes(draft) -> list[tuple[str, bool]]:
    return [(p.code, p.blocking) for p in draft_problems(draft)]


def test_a_clean_draft_has_no_problem(draft, org):
    ProposedTaskFactory(draft=draft, lead_unit=org.culture, **DUE)
    assert codes(draft) == []


def test_an_unknown_lead_blocks_and_is_named(draft):
    dt = ProposedTaskFactory(draft=draft, lead_name="Ban Quản lý chợ", **DUE)
    [problem] = draft_problems(draft)
    assert (problem.proposal_id, problem.code, problem.blocking) == (dt.pk, "unknown_lead", True)
    assert problem.message_vi == (
        "Nhiệm vụ 1: chưa xác định được đơn vị chủ trì “Ban Quản lý chợ” trong danh mục đơn vị."
    )


def test_a_lead_outside_the_organisation_blocks(draft, org):
    ProposedTaskFactory(draft=draft, lead_unit=org.other_police, **DUE)
    assert codes(draft) == [("lead_outside", True)]


def test_a_guessed_lead_is_flagged_until_the_reviewer_changes_it(draft, org):
    ProposedTaskFactory(draft=draft, lead_unit=org.culture, lead_confidence=0.6, **DUE)
    assert codes(draft) == [("uncertain_lead", False)]


def test_unknown_coordinators_and_a_missing_deadline_are_warnings(draft, org):
    dt = ProposedTaskFactory(draft=draft, lead_unit=org.culture, coordinator_names=["Công an xã", "các thôn"])
    dt.proposed.update(
        coordinator_names=["Công an xã", "các thôn"], coordinator_unit_ids=[org.police.pk, None]
    )
    dt.save()
    assert codes(draft) == [("unknown_coordinator", False), ("no_deadline", False)]
    assert "“các thôn”" in draft_problems(draft)[0].message_vi


def test_a_recurring_duty_without_a_cycle_is_a_warning(draft, org):
    ProposedTaskFactory(
        draft=draft, lead_unit=org.culture, deadline_kind=DeadlineKind.RECURRING, recurrence="periodic"
    )
    assert codes(draft) == [("unknown_cycle", False)]


def test_fanning_out_in_a_commune_without_communes_blocks(draft, org):
    ProposedTaskFactory(draft=draft, lead_unit=org.culture, fan_out=True, **DUE)
    assert codes(draft) == [("fan_out_without_communes", True)]


def test_fanning_out_in_a_province_is_fine(org):
    draft = ImportDraftFactory(document=DocumentFactory(owner=org.province))
    ProposedTaskFactory(draft=draft, lead_unit=org.province, fan_out=True, **DUE)
    assert codes(draft) == []


def test_dropped_tasks_are_not_checked(draft):
    ProposedTaskFactory(draft=draft, lead_name="Ban Quản lý chợ", dropped=True, **DUE)
    assert codes(draft) == [("no_tasks", False)]


def test_the_document_is_checked_too(org):
    doc = DocumentFactory(owner=org.commune, number="", issued_date=None)
    draft = ImportDraftFactory(document=doc)
    ProposedTaskFactory(draft=draft, lead_unit=org.culture, **DUE)
    assert codes(draft) == [("no_number", False), ("no_date", False)]


def test_a_draft_no_longer_pending_blocks(draft, org):
    ProposedTaskFactory(draft=draft, lead_unit=org.culture, **DUE)
    draft.status = ImportDraft.Status.DISCARDED
    assert codes(draft) == [("not_pending", True)]


def test_a_task_keeps_its_number_whatever_happens_to_the_others(draft, org):
    """Numbers follow the order proposals were made: a drop, a merge or a move shifts none."""
    first = ProposedTaskFactory(draft=draft, position=5, lead_name="Ban B", **DUE)
    ProposedTaskFactory(draft=draft, position=2, lead_name="Ban A", **DUE)
    messages = [p.message_vi for p in draft_problems(draft)]
    assert messages[0].startswith("Nhiệm vụ 2:") and "Ban A" in messages[0]
    assert messages[1].startswith("Nhiệm vụ 1:") and "Ban B" in messages[1]
    first.dropped = True
    first.save()
    assert [p.message_vi[:12] for p in draft_problems(draft)] == ["Nhiệm vụ 2: "]
