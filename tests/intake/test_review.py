import datetime

import pytest

from dieuhanh.intake.models import ImportDraft, ProposedTask
from dieuhanh.intake.services.errors import DraftError
from dieuhanh.intake.services.review import (
    add_proposal,
    drop_proposal,
    merge_proposals,
    split_proposal,
    update_proposal,
)
from dieuhanh.tasks.constants import DeadlineKind
from tests.factories import DocumentFactory
from tests.intake.factories import ImportDraftFactory, ProposedTaskFactory, build_org

pytestmark = pytest.mark.django_db

FIRST = "Phòng Văn hóa - Xã hội rà soát dữ liệu dân cư."
SECOND = "Công an xã tổng hợp kết quả Đề án 06."
THIRD = "Báo cáo Ủy ban nhân dân xã trước ngày 18 hằng tháng."
TEXT = f"UBND xã yêu cầu:\n1. {FIRST}\n2. {SECOND} {THIRD}\n"


@pytest.fixture
def org():
    return build_org()


@pytest.fixture
def draft(org):
    return ImportDraftFactory(document=DocumentFactory(owner=org.commune, text=TEXT))


def at(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


def proposed_task(draft, text, lead, position, **kw) -> ProposedTask:
    start, end = at(text)
    return ProposedTaskFactory(
        draft=draft, text=text, lead_unit=lead, position=position, span_start=start, span_end=end, **kw
    )


@pytest.fixture
def tasks(draft, org):
    return (
        proposed_task(draft, FIRST, org.culture, 1),
        proposed_task(draft, SECOND, org.police, 2),
        proposed_task(
            draft,
            THIRD,
            org.police,
            3,
            deadline_kind=DeadlineKind.RECURRING,
            recurrence="monthly:18",
            deadline_text="trước ngày 18 hằng tháng",
        ),
    )


def test_it_updates_fields_and_keeps_the_proposal(tasks, org):
    first = tasks[0]
    before = dict(first.proposed)
    update_proposal(
        first, lead_unit=org.economy, coordinators=[org.police], deadline=datetime.date(2026, 8, 1)
    )
    first.refresh_from_db()
    assert first.lead_unit == org.economy
    assert list(first.coordinators.all()) == [org.police]
    assert first.deadline == datetime.date(2026, 8, 1)
    assert first.origin == ProposedTask.Origin.EDITED
    assert first.proposed == before


def test_editing_the_text_refreshes_the_summary(tasks):
    update_proposal(tasks[0], text="Rà soát, làm sạch dữ liệu dân cư toàn xã.")
    assert tasks[0].summary == "Rà soát, làm sạch dữ liệu dân cư toàn xã."


def test_it_refuses_a_field_that_is_not_editable(tasks):
    with pytest.raises(TypeError):
        update_proposal(tasks[0], proposed={})


def test_merging_joins_texts_in_document_order_and_spans_the_union(tasks):
    first, second, third = tasks
    merged = merge_proposals(first.draft, [third.pk, second.pk])
    assert merged == second
    assert merged.text == f"{SECOND}\n{THIRD}"
    assert (merged.span_start, merged.span_end) == (at(SECOND)[0], at(THIRD)[1])
    assert merged.origin == ProposedTask.Origin.MERGED
    # the merged task takes the deadline it lacked from the other part
    assert (merged.deadline_kind, merged.recurrence) == (DeadlineKind.RECURRING, "monthly:18")
    third.refresh_from_db()
    assert third.dropped and third.merged_into == merged
    assert third.proposed["text"] == THIRD


def test_merging_needs_two_tasks_of_the_same_draft(tasks):
    other = ProposedTaskFactory()
    with pytest.raises(DraftError):
        merge_proposals(tasks[0].draft, [tasks[0].pk])
    with pytest.raises(DraftError):
        merge_proposals(tasks[0].draft, [tasks[0].pk, other.pk])


def test_splitting_cuts_the_text_and_the_span_at_the_offset(tasks):
    first, second, third = tasks
    merged = merge_proposals(first.draft, [second.pk, third.pk])
    cut = merged.text.index(THIRD)
    left, right = split_proposal(merged, cut)
    assert (left.text, right.text) == (SECOND, THIRD)
    assert right.lead_unit == left.lead_unit
    assert right.origin == ProposedTask.Origin.SPLIT and right.proposed == {}
    assert right.position == left.position + 1
    assert right.span_end == at(THIRD)[1]
    assert left.span_start == at(SECOND)[0]


def test_splitting_a_task_whose_text_is_the_source_splits_the_span_exactly(tasks, draft):
    first = tasks[0]
    cut = FIRST.index("dữ liệu")
    left, right = split_proposal(first, cut)
    assert TEXT[left.span_start : left.span_end] == FIRST[:cut]
    assert TEXT[right.span_start : right.span_end] == FIRST[cut:]
    positions = list(draft.tasks.order_by("position").values_list("text", flat=True))
    assert positions == [FIRST[:cut].strip(), FIRST[cut:], SECOND, THIRD]


@pytest.mark.parametrize("offset", [0, -1, 10_000])
def test_splitting_outside_the_text_is_refused(tasks, offset):
    with pytest.raises(DraftError, match="Vị trí tách"):
        split_proposal(tasks[0], offset if offset >= 0 else len(tasks[0].text))


def test_dropping_leaves_a_task_out_and_can_be_undone(tasks):
    drop_proposal(tasks[1])
    assert ProposedTask.objects.get(pk=tasks[1].pk).dropped
    drop_proposal(tasks[1], dropped=False)
    assert not ProposedTask.objects.get(pk=tasks[1].pk).dropped


def test_adding_puts_a_missed_task_at_the_end(tasks, org):
    added = add_proposal(tasks[0].draft, text="  Trạm Y tế cập nhật hồ sơ sức khỏe.  ", lead_unit=org.police)
    assert added.position == 4
    assert added.text == "Trạm Y tế cập nhật hồ sơ sức khỏe."
    assert (added.origin, added.proposed, added.lead_name) == (ProposedTask.Origin.ADDED, {}, "Công an xã")


def test_a_confirmed_draft_cannot_be_reviewed_any_more(tasks, org):
    draft = tasks[0].draft
    ImportDraft.objects.filter(pk=draft.pk).update(status=ImportDraft.Status.CONFIRMED)
    tasks[0].draft.refresh_from_db()
    with pytest.raises(DraftError, match="Đã xác nhận"):
        update_proposal(tasks[0], text="Khác")
    with pytest.raises(DraftError):
        add_proposal(tasks[0].draft, text="Khác")
    with pytest.raises(DraftError):
        drop_proposal(tasks[0])
