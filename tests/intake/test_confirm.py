import datetime

import pytest
import time_machine

from dieuhanh.intake.models import ImportDraft
from dieuhanh.intake.services import confirm as confirming
from dieuhanh.intake.services.confirm import confirm_draft, discard_draft
from dieuhanh.intake.services.corrections import correction_stats
from dieuhanh.intake.services.errors import DraftError
from dieuhanh.intake.services.importing import import_document
from dieuhanh.intake.services.review import add_proposal, drop_proposal, update_proposal
from dieuhanh.tasks.constants import DeadlineKind
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services.errors import ServiceError
from tests.intake.factories import build_org
from tests.intake.texts import COMMUNE_DIRECTIVE, PROVINCE_DIRECTIVE, data

pytestmark = pytest.mark.django_db

UNKNOWN = "Đội Quản lý trật tự đô thị"


@pytest.fixture
def org():
    return build_org()


@pytest.fixture
def draft(org):
    with time_machine.travel(datetime.datetime(2026, 7, 2, 9, 0), tick=False):
        return import_document(
            org=org.commune, data=data(COMMUNE_DIRECTIVE), filename="215.txt", actor=org.tracker
        )


def led_by(draft, name):
    return draft.tasks.get(lead_name=name)


@pytest.fixture
def reviewed(draft, org):
    update_proposal(led_by(draft, UNKNOWN), lead_unit=org.office)
    return draft


def confirm(draft, actor):
    with time_machine.travel(datetime.datetime(2026, 7, 2, 10, 0), tick=False):
        return confirm_draft(draft, actor)


def test_an_unknown_lead_refuses_the_whole_confirm_and_names_it(draft, org):
    with pytest.raises(DraftError) as refused:
        confirm(draft, org.tracker)
    assert UNKNOWN in str(refused.value)
    assert [p.code for p in refused.value.problems] == ["unknown_lead"]
    assert Task.objects.count() == 0
    draft.refresh_from_db()
    assert draft.status == ImportDraft.Status.PENDING


def test_it_creates_one_task_per_kept_draft_task_with_its_fields(reviewed, org):
    tasks = confirm(reviewed, org.tracker)
    assert len(tasks) == reviewed.tasks.count()
    culture = next(t for t in tasks if t.lead_unit == org.culture)
    source = led_by(reviewed, "Phòng Văn hóa - Xã hội")
    assert (culture.owner, culture.document, culture.created_by) == (
        org.commune,
        reviewed.document,
        org.tracker,
    )
    assert (culture.span_start, culture.span_end) == (source.span_start, source.span_end)
    assert (culture.text, culture.summary) == (source.text, source.summary)
    assert list(culture.coordinators.all()) == [org.police]
    assert (culture.deadline_kind, culture.deadline) == (DeadlineKind.DATE, datetime.date(2026, 7, 20))
    assert culture.original_deadline == datetime.date(2026, 7, 20)
    assert culture.deadline_text == source.deadline_text
    economy = next(t for t in tasks if t.lead_unit == org.economy)
    assert economy.budget == 120 and economy.funding_source
    office = next(t for t in tasks if t.lead_unit == org.office)
    assert office.text.startswith(UNKNOWN)


def test_the_draft_is_marked_confirmed_by_whom_and_when(reviewed, org):
    confirm(reviewed, org.tracker)
    reviewed.refresh_from_db()
    assert reviewed.status == ImportDraft.Status.CONFIRMED
    assert reviewed.confirmed_by == org.tracker
    assert reviewed.confirmed_at.date() == datetime.date(2026, 7, 2)


def test_a_recurring_duty_gets_its_occurrences_to_the_end_of_the_year(reviewed, org):
    tasks = confirm(reviewed, org.tracker)
    series = next(t for t in tasks if t.deadline_kind == DeadlineKind.RECURRING)
    series.refresh_from_db()
    assert series.is_series and series.recurrence == "monthly:18"
    deadlines = list(series.occurrences.order_by("deadline").values_list("deadline", flat=True))
    assert deadlines == [datetime.date(2026, m, 18) for m in range(7, 13)]


def test_the_lead_is_never_its_own_coordinator(reviewed, org):
    culture = led_by(reviewed, "Phòng Văn hóa - Xã hội")
    update_proposal(culture, coordinators=[org.police, org.culture])
    task = next(t for t in confirm(reviewed, org.tracker) if t.lead_unit == org.culture)
    assert list(task.coordinators.all()) == [org.police]


def test_dropped_tasks_are_not_created(reviewed, org):
    drop_proposal(led_by(reviewed, "Phòng Kinh tế"))
    tasks = confirm(reviewed, org.tracker)
    assert org.economy not in {t.lead_unit for t in tasks}
    assert len(tasks) == reviewed.tasks.filter(dropped=False).count()


def test_a_failure_mid_way_leaves_no_task_at_all(reviewed, org, monkeypatch):
    made = []

    def fail_on_second(task, *args, **kwargs):
        made.append(task)
        if len(made) == 2:
            raise RuntimeError("mất kết nối cơ sở dữ liệu")

    monkeypatch.setattr(confirming, "task_from", _counting(confirming.task_from, fail_on_second))
    with pytest.raises(RuntimeError):
        confirm(reviewed, org.tracker)
    assert len(made) == 2
    assert Task.objects.count() == 0
    reviewed.refresh_from_db()
    assert reviewed.status == ImportDraft.Status.PENDING and reviewed.corrections == {}


def _counting(real, after):
    def wrapped(dt, draft, actor):
        task = real(dt, draft, actor)
        after(task)
        return task

    return wrapped


def test_a_service_refusal_while_confirming_becomes_a_vietnamese_error(reviewed, org, monkeypatch):
    def refuse(task, **kwargs):
        raise ServiceError("Không tạo được các kỳ báo cáo.")

    monkeypatch.setattr(confirming, "create_occurrences", refuse)
    with pytest.raises(DraftError, match="Không tạo được các kỳ báo cáo"):
        confirm(reviewed, org.tracker)
    assert Task.objects.count() == 0


def test_a_province_task_for_every_commune_fans_out_on_confirm(org):
    draft = import_document(
        org=org.province, data=data(PROVINCE_DIRECTIVE), filename="977.txt", actor=org.province_tracker
    )
    shared = draft.tasks.get(fan_out=True)
    assert shared.lead_unit == org.province
    tasks = confirm(draft, org.province_tracker)
    parent = next(t for t in tasks if t.fan_out)
    assert {c.owner for c in parent.children.all()} == {org.commune, org.other_commune}
    assert all(c.lead_unit == c.owner for c in parent.children.all())


def test_a_unit_member_may_not_confirm(reviewed, org):
    with pytest.raises(DraftError, match="không có quyền"):
        confirm(reviewed, org.member)
    assert Task.objects.count() == 0


def test_a_draft_is_confirmed_only_once(reviewed, org):
    confirm(reviewed, org.tracker)
    count = Task.objects.count()
    with pytest.raises(DraftError, match="Đã xác nhận"):
        confirm(reviewed, org.tracker)
    assert Task.objects.count() == count


def test_discarding_creates_nothing_and_ends_the_review(reviewed, org):
    discard_draft(reviewed, org.tracker)
    reviewed.refresh_from_db()
    assert reviewed.status == ImportDraft.Status.DISCARDED and reviewed.discarded_at
    with pytest.raises(DraftError):
        confirm(reviewed, org.tracker)
    assert Task.objects.count() == 0
    assert reviewed.document.pk  # the document stays in the registry


def test_what_the_reviewer_corrected_is_kept_on_the_draft(reviewed, org):
    culture = led_by(reviewed, "Phòng Văn hóa - Xã hội")
    update_proposal(culture, deadline=datetime.date(2026, 7, 31))
    drop_proposal(led_by(reviewed, "Phòng Kinh tế"))
    added = add_proposal(reviewed, text="Trạm Y tế cập nhật hồ sơ sức khỏe điện tử.", lead_unit=org.office)
    confirm(reviewed, org.tracker)
    reviewed.refresh_from_db()
    entries = {e["draft_task"]: e for e in reviewed.corrections["tasks"]}
    assert entries[culture.pk]["fields"] == {
        "deadline": {"proposed": "2026-07-20", "confirmed": "2026-07-31"}
    }
    unknown = led_by(reviewed, UNKNOWN)
    assert entries[unknown.pk]["fields"]["lead_unit"] == {"proposed": None, "confirmed": org.office.pk}
    assert entries[led_by(reviewed, "Phòng Kinh tế").pk]["outcome"] == "dropped"
    assert entries[added.pk]["outcome"] == "added"
    untouched = [e for e in entries.values() if e["outcome"] == "confirmed" and not e["fields"]]
    assert len(untouched) == reviewed.tasks.count() - 4


def test_correction_stats_gives_per_field_rates(reviewed, org):
    update_proposal(led_by(reviewed, "Phòng Văn hóa - Xã hội"), deadline=datetime.date(2026, 7, 31))
    drop_proposal(led_by(reviewed, "Phòng Kinh tế"))
    proposed = reviewed.tasks.count()
    confirm(reviewed, org.tracker)
    pending = import_document(
        org=org.province, data=data(PROVINCE_DIRECTIVE), filename="977.txt", actor=org.province_tracker
    )
    stats = correction_stats(ImportDraft.objects.all())
    assert pending.status == ImportDraft.Status.PENDING  # not counted until confirmed
    assert stats["proposed"] == proposed
    assert stats["confirmed"] == proposed - 1
    assert stats["dropped"] == {"count": 1, "rate": round(1 / proposed, 4)}
    assert stats["fields"]["lead_unit"] == {"count": 1, "rate": round(1 / (proposed - 1), 4)}
    assert stats["fields"]["deadline"]["count"] == 1
    assert stats["fields"]["budget"] == {"count": 0, "rate": 0.0}


def test_the_lead_unit_is_told_of_each_new_task_at_once(reviewed, org):
    from dieuhanh.notify.models import Notification

    tasks = confirm(reviewed, org.tracker)
    culture = next(t for t in tasks if t.lead_unit == org.culture)
    [told] = Notification.objects.filter(person=org.member, kind="task_assigned")
    assert told.task == culture and told.message.startswith("Được giao nhiệm vụ: ")
    assert not Notification.objects.filter(person=org.tracker).exists()  # who confirmed
