"""Rankings: scored only on what fell due, with the explanation beside every score (issue 15, part 2).

The June fixture (tests/reports/conftest.py), judged on 14/06/2026:
Phòng Kinh tế — 1 done early, 2 done on time, 3 done late, 4 overdue at 60%: all counted,
(100 + 100 + 75 + 45) / 4 = 80,0.
Phòng Văn hóa - Xã hội — 5 due 18/6 and 6 due 30/9 (not yet due), 7 without a deadline: apart;
8 done late by its original deadline but within an objective extension: counted, waived, 100.
"""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from dieuhanh.reports.constants import NOTHING_DUE
from dieuhanh.reports.models import RankingFormula
from dieuhanh.reports.rankings import Formula, compute_rankings, formula_for
from dieuhanh.tasks.constants import ChangeStatus, TaskState
from dieuhanh.tasks.models import DeadlineChange, Task
from tests.factories import CommuneFactory, MembershipFactory, ProgressReportFactory, TaskFactory, UnitFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def rank(june, formula=None, as_of=D(2026, 6, 14)):
    qs = Task.objects.filter(owner=june.commune)
    return compute_rankings(qs, D(2026, 5, 15), D(2026, 6, 14), as_of, formula or formula_for(june.commune))


def by_name(rows):
    return {r.name: r for r in rows}


def test_it_scores_units_with_the_late_penalty(june):
    kt = by_name(rank(june).units)["Phòng Kinh tế"]
    assert (kt.score, kt.band, kt.counted, kt.late, kt.apart) == (
        Decimal("80.0"),
        "Hoàn thành tốt nhiệm vụ",
        4,
        2,
        0,
    )
    assert kt.explanation == (
        "Tính 4 nhiệm vụ đến hạn hoặc hoàn thành trong kỳ (3 hoàn thành); 2 trễ hạn, trừ 25% mỗi nhiệm vụ: "
        "“Nhiệm vụ số 3” (hoàn thành ngày 05/06/2026, sau hạn 01/06/2026; trừ 25% → 75,0 điểm); "
        "“Nhiệm vụ số 4” (quá hạn từ 10/06/2026, tiến độ 60%; trừ 25% → 45,0 điểm) "
        "→ 80,0 điểm → Hoàn thành tốt."
    )


def test_tasks_not_yet_due_are_listed_apart_and_never_lower_a_score(june):
    vhxh = by_name(rank(june).units)["Phòng Văn hóa - Xã hội"]
    assert (vhxh.score, vhxh.band, vhxh.counted, vhxh.apart) == (
        Decimal("100.0"),
        "Hoàn thành xuất sắc nhiệm vụ",
        1,
        3,
    )
    assert vhxh.explanation.endswith("Chưa tính 3 nhiệm vụ: 2 chưa đến hạn, 1 không có thời hạn.")
    apart = {t.summary: t.note for t in vhxh.tasks if not t.counted}
    assert apart == {
        "Nhiệm vụ số 5": "chưa đến hạn (hạn 18/06/2026)",
        "Nhiệm vụ số 6": "chưa đến hạn (hạn 30/09/2026)",
        "Nhiệm vụ số 7": "không có thời hạn",
    }


def test_the_explanation_names_the_approved_objective_cause(june):
    vhxh = by_name(rank(june).units)["Phòng Văn hóa - Xã hội"]
    assert (
        "1 trễ hạn có nguyên nhân khách quan đã được duyệt, không trừ: “Nhiệm vụ số 8” (gia hạn đến "
        "12/06/2026 do nguyên nhân khách quan: Chờ hướng dẫn của tỉnh, đã duyệt ngày 04/06/2026)"
    ) in vhxh.explanation
    [eight] = [t for t in vhxh.tasks if t.summary == "Nhiệm vụ số 8"]
    assert (eight.late, eight.waived, eight.points) == (True, True, Decimal(100))


def test_it_scores_people_in_charge(june):
    people = by_name(rank(june).people)
    assert people["Nguyễn Văn An"].score == Decimal("73.3")  # (100 + 75 + 45) / 3
    assert people["Nguyễn Văn An"].detail == "Phòng Kinh tế"
    b = people["Trần Thị Bình"]  # task 5 not yet due; task 8 waived
    assert (b.score, b.band, b.counted, b.apart) == (Decimal("100.0"), "Hoàn thành xuất sắc nhiệm vụ", 1, 1)


def test_a_province_can_stop_forgiving_objective_delays(june):
    RankingFormula.objects.create(organisation=june.province, forgive_objective=False, good_min=Decimal("80"))
    formula = formula_for(june.commune)
    assert formula.forgive_objective is False
    ranked = rank(june, formula)
    assert by_name(ranked.people)["Trần Thị Bình"].score == Decimal("75.0")
    vhxh = by_name(ranked.units)["Phòng Văn hóa - Xã hội"]
    assert vhxh.score == Decimal("75.0")
    assert "nguyên nhân khách quan đã được duyệt, vẫn trừ theo công thức xếp loại" in vhxh.explanation
    assert (
        by_name(ranked.units)["Phòng Kinh tế"].band == "Hoàn thành tốt nhiệm vụ"
    )  # 80 reaches the raised band


@pytest.fixture
def commune_in_december():
    """Issue 15: the year ranking run on 07/12/2026, before the year's cut-off."""
    with time_machine.travel("2026-03-02 09:00 +0700", tick=False):
        commune = CommuneFactory(name="Ủy ban nhân dân xã Gia Lộc")
        police = UnitFactory(parent=commune, name="Công an xã")
        economy = UnitFactory(parent=commune, name="Phòng Kinh tế")
        office = UnitFactory(parent=commune, name="Văn phòng HĐND và UBND")
        TaskFactory(owner=commune, lead_unit=police, summary="Tuần tra", deadline=D(2026, 12, 31))
        TaskFactory(owner=commune, lead_unit=police, summary="Phòng cháy")
        TaskFactory(owner=commune, lead_unit=economy, summary="Quy hoạch", deadline=D(2027, 1, 15))
        TaskFactory(
            owner=commune,
            lead_unit=office,
            summary="Báo cáo quý",
            deadline=D(2026, 10, 1),
            state=TaskState.DONE,
            completed_on=D(2026, 9, 28),
        )
        TaskFactory(owner=commune, lead_unit=office, summary="Tổng kết", deadline=D(2026, 12, 30))
    return commune


def test_a_unit_with_nothing_due_gets_no_band(commune_in_december):
    ranked = compute_rankings(
        Task.objects.filter(owner=commune_in_december), D(2025, 12, 15), D(2026, 12, 14), D(2026, 12, 7)
    )
    units = by_name(ranked.units)
    for name in ("Công an xã", "Phòng Kinh tế"):
        row = units[name]
        assert (row.score, row.band, row.counted) == (None, NOTHING_DUE, 0)
    assert units["Công an xã"].explanation == (
        "Không có nhiệm vụ đến hạn hoặc hoàn thành trong kỳ → không xếp loại. "
        "Chưa tính 2 nhiệm vụ: 1 chưa đến hạn, 1 không có thời hạn."
    )
    office = units["Văn phòng HĐND và UBND"]  # one done on time, one due 30/12: the latter never counts
    assert (office.score, office.band, office.counted, office.apart) == (
        Decimal("100.0"),
        "Hoàn thành xuất sắc nhiệm vụ",
        1,
        1,
    )
    assert [r.name for r in ranked.units][-1] in ("Công an xã", "Phòng Kinh tế")  # unscored rows come last


def test_a_waiver_covers_lateness_only_up_to_the_date_it_granted(june):
    kt, approver = june.kt, june.province_leader
    with time_machine.travel("2026-05-01 09:00 +0700", tick=False):
        within = TaskFactory(
            owner=june.commune, lead_unit=kt, summary="Trong hạn gia hạn", deadline=D(2026, 5, 20)
        )
        beyond = TaskFactory(
            owner=june.commune, lead_unit=kt, summary="Quá cả hạn gia hạn", deadline=D(2026, 5, 20)
        )
    for task in (within, beyond):
        DeadlineChange.objects.create(
            task=task,
            status=ChangeStatus.APPROVED,
            old_date=D(2026, 5, 20),
            new_date=D(2026, 5, 30),
            reason="Mưa lũ",
            objective=True,
            decided_by=approver,
            decided_at=timezone.make_aware(datetime.datetime(2026, 5, 19, 9)),
        )
        task.deadline = D(2026, 5, 30)
        task.state = TaskState.DONE
    within.completed_on, beyond.completed_on = D(2026, 5, 29), D(2026, 6, 2)
    within.save()
    beyond.save()
    tasks = {t.summary: t for t in by_name(rank(june).units)["Phòng Kinh tế"].tasks}
    assert (tasks["Trong hạn gia hạn"].waived, tasks["Trong hạn gia hạn"].points) == (True, Decimal(100))
    assert (tasks["Quá cả hạn gia hạn"].waived, tasks["Quá cả hạn gia hạn"].points) == (False, Decimal(75))
    assert approver.full_name and tasks["Trong hạn gia hạn"].waiver.endswith(
        f"Mưa lũ, {approver} duyệt ngày 19/05/2026"
    )


def test_a_waiver_decided_after_the_day_judged_does_not_count(june):
    change = DeadlineChange.objects.get(task=june.tasks[8])
    change.decided_at = timezone.make_aware(datetime.datetime(2026, 6, 20, 9))
    change.save()
    eight = next(
        t for t in by_name(rank(june).units)["Phòng Văn hóa - Xã hội"].tasks if t.task_id == june.tasks[8].pk
    )
    assert (eight.late, eight.waived, eight.points) == (True, False, Decimal(75))


def test_a_completion_awaiting_approval_is_listed_apart(june):
    four = june.tasks[4]
    four.state, four.completed_on = TaskState.AWAITING_APPROVAL, D(2026, 6, 12)
    four.save()
    kt = by_name(rank(june).units)["Phòng Kinh tế"]
    assert (kt.counted, kt.apart, kt.score) == (3, 1, Decimal("91.7"))  # (100 + 100 + 75) / 3
    assert "1 chờ lãnh đạo xác nhận hoàn thành" in kt.explanation


def test_work_overdue_since_before_the_period_still_counts(june):
    with time_machine.travel("2026-03-01 09:00 +0700", tick=False):
        TaskFactory(owner=june.commune, lead_unit=june.kt, summary="Tồn từ quý I", deadline=D(2026, 3, 31))
    kt = by_name(rank(june).units)["Phòng Kinh tế"]
    assert (kt.counted, kt.late, kt.score) == (5, 3, Decimal("64.0"))  # (100 + 100 + 75 + 45 + 0) / 5


def test_the_formula_is_described_in_vietnamese():
    text = Formula().describe()
    assert "Chỉ tính các nhiệm vụ đã đến hạn" in text
    assert "mỗi nhiệm vụ trễ hạn bị trừ 25% điểm" in text
    assert "Từ 90 điểm: Hoàn thành xuất sắc nhiệm vụ" in text


@pytest.mark.parametrize(
    "score, band",
    [
        ("90", "Hoàn thành xuất sắc nhiệm vụ"),
        ("89.9", "Hoàn thành tốt nhiệm vụ"),
        ("70", "Hoàn thành tốt nhiệm vụ"),
        ("50", "Hoàn thành nhiệm vụ"),
        ("49.9", "Không hoàn thành nhiệm vụ"),
        (None, NOTHING_DUE),
    ],
)
def test_the_bands(score, band):
    assert Formula().band(Decimal(score) if score else None) == band


def test_the_number_of_queries_does_not_grow_with_the_tasks(june, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        rank(june, Formula())
    person = MembershipFactory(unit=june.kt).user
    for n in range(30):
        task = TaskFactory(owner=june.commune, lead_unit=june.kt, deadline=D(2026, 6, 1))
        task.assignees.add(person)
        ProgressReportFactory(task=task, reported_on=D(2026, 6, 2), percent=n)
    with django_assert_max_num_queries(6):
        rank(june, Formula())
