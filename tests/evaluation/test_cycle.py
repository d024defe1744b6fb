"""One monthly cycle as services: self-assessment → direct leader → approval, returns, rights, audit."""

import datetime
from decimal import Decimal as D

import pytest

from dieuhanh.core.models import AuditEvent
from dieuhanh.evaluation.constants import BAND_EXCELLENT, BAND_FAIL, BAND_GOOD, Discipline, Stage
from dieuhanh.evaluation.models import Sheet
from dieuhanh.evaluation.services import cycle
from dieuhanh.evaluation.services.errors import EvaluationError
from dieuhanh.evaluation.services.periods import open_period
from tests.factories import UserFactory

DAY = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def june(world):
    """Hoa's three June products: weight 2 on time, late, unfinished; the period opened."""
    world.on_time = world.task("hoa", DAY(2026, 6, 10), done_on=DAY(2026, 6, 9))
    world.late = world.task("hoa", DAY(2026, 6, 10), done_on=DAY(2026, 6, 15))
    world.unfinished = world.task("hoa", DAY(2026, 6, 20))
    period, _ = open_period(world.commune, world.people["clerk"], year=2026, number=6)
    world.period = period
    return world


def sheet_of(world, who) -> Sheet:
    return Sheet.objects.get(period=world.period, person=world.people[who])


def product(sheet, task):
    return sheet.products.get(task=task)


def submit(world, who, general=D(26), notes="Hoàn thành các báo cáo được giao.", entries=None):
    return cycle.self_assess(
        sheet_of(world, who),
        world.people[who],
        general=general,
        notes=notes,
        entries=entries or {},
        submit=True,
    )


def review(world, who, by, general=D(26), entries=None, discipline="", comment="Đạt yêu cầu."):
    return cycle.review(
        sheet_of(world, who),
        world.people[by],
        general=general,
        comment=comment,
        discipline=discipline,
        entries=entries or {},
        submit=True,
    )


def approve(world, who, by="leader", **kw):
    return cycle.approve(sheet_of(world, who), world.people[by], **kw)


def test_one_monthly_cycle_with_hand_worked_numbers(june):
    w = june
    sheet = sheet_of(w, "hoa")
    on_time = product(sheet, w.on_time)
    cycle.self_assess(
        sheet,
        w.people["hoa"],
        general=D(27),
        notes="Chấp hành tốt nội quy; còn chậm một báo cáo.",
        entries={on_time.pk: cycle.OfficialEntry("Đã gửi báo cáo số 12/BC", "")},
        submit=True,
    )
    sheet.refresh_from_db()
    assert sheet.stage == Stage.SUBMITTED
    assert product(sheet, w.on_time).result_note == "Đã gửi báo cáo số 12/BC"
    # Before the leader's scores, all weights 1: quantity 20 × 2/3 = 13,33; quality 30 × 2/3 = 20;
    # timeliness 20 × (1 + 0,75 + 0,75)/3 = 16,67; + 27 = 77,00.
    assert (sheet.quantity_points, sheet.quality_points, sheet.timeliness_points) == (
        D("13.33"),
        D("20.00"),
        D("16.67"),
    )
    assert sheet.total == D("77.00")

    # The head weighs the on-time product 2: W = 4. quantity 20 × 3/4 = 15; quality 30 × 3/4 = 22,5;
    # timeliness 20 × (2 + 0,75 + 0,75)/4 = 17,5 → 55; general 26 → 81 → Hoàn thành tốt.
    review(w, "hoa", "head", general=D(26), entries={on_time.pk: cycle.LeaderEntry(weight=D(2))})
    sheet.refresh_from_db()
    assert sheet.stage == Stage.REVIEWED and sheet.reviewed_by == w.people["head"]
    assert (sheet.quantity_points, sheet.quality_points, sheet.timeliness_points) == (
        D(15),
        D("22.5"),
        D("17.5"),
    )
    assert (sheet.task_points, sheet.total, sheet.band) == (D(55), D(81), BAND_GOOD)

    approve(w, "hoa", note="Đồng ý.")
    sheet.refresh_from_db()
    assert sheet.stage == Stage.APPROVED and sheet.approved_by == w.people["leader"]
    assert sheet.rules["late_percent"] == "25" and sheet.rules["quality_points"] == "30"

    notes = list(
        AuditEvent.objects.filter(object_id=str(sheet.pk), content_type__model="sheet")
        .order_by("id")
        .values_list("note", "actor__username")
    )
    assert ("Gửi tự đánh giá", w.people["hoa"].username) in notes
    assert ("Lãnh đạo trực tiếp đánh giá", w.people["head"].username) in notes
    assert ("Phê duyệt kết quả đánh giá", w.people["leader"].username) in notes


def test_the_leader_s_quality_check_and_waiver(june):
    w = june
    submit(w, "hoa")
    sheet = sheet_of(w, "hoa")
    on_time, late = product(sheet, w.on_time), product(sheet, w.late)
    # The on-time product fails its check: quality 7,5 + 10 + 0 = 17,5 (was 20);
    # the late one's cause is approved: timeliness 20 × (1 + 1 + 0,75)/3 = 18,33.
    review(
        w,
        "hoa",
        "head",
        general=D(25),
        entries={
            on_time.pk: cycle.LeaderEntry(quality_failed=True),
            late.pk: cycle.LeaderEntry(waived=True),
        },
    )
    sheet.refresh_from_db()
    assert (sheet.quality_points, sheet.timeliness_points) == (D("17.50"), D("18.33"))
    assert sheet.total == D(25) + D("13.33") + D("17.50") + D("18.33")


def test_a_disciplinary_measure_gives_the_lowest_band(june):
    w = june
    submit(w, "hoa")
    review(w, "hoa", "head", general=D(30), discipline=Discipline.REPRIMAND)
    sheet = sheet_of(w, "hoa")
    assert sheet.total == D(30) + D("13.33") + D(20) + D("16.67")
    assert (sheet.band, sheet.band_reason) == (BAND_FAIL, "bị kỷ luật khiển trách")


def test_who_may_do_each_step(june):
    w = june
    refused = pytest.raises(EvaluationError)
    with refused:
        cycle.self_assess(
            sheet_of(w, "hoa"), w.people["tuan"], general=D(20), notes="x", entries={}, submit=True
        )
    with pytest.raises(EvaluationError):
        review(w, "hoa", "head")  # not submitted yet
    submit(w, "hoa")
    for who in ("hoa", "tuan", "police_head", "clerk", "viewer"):
        with pytest.raises(EvaluationError):
            review(w, "hoa", who)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(EvaluationError):
        cycle.review(
            sheet_of(w, "hoa"), superuser, general=D(20), comment="x", discipline="", entries={}, submit=True
        )
    review(w, "hoa", "head")
    for who in ("head", "hoa", "clerk", "viewer"):
        with pytest.raises(EvaluationError):
            approve(w, "hoa", by=who)
    with pytest.raises(EvaluationError):
        cycle.approve(sheet_of(w, "hoa"), superuser)
    approve(w, "hoa")
    assert sheet_of(w, "hoa").stage == Stage.APPROVED


def test_a_unit_head_is_reviewed_by_the_commune_leader_not_by_himself(june):
    w = june
    w.task("head", DAY(2026, 6, 12), done_on=DAY(2026, 6, 12))
    cycle.refresh_products(sheet_of(w, "head"), w.people["head"])
    submit(w, "head")
    with pytest.raises(EvaluationError):
        review(w, "head", "head")
    review(w, "head", "leader")
    assert sheet_of(w, "head").stage == Stage.REVIEWED


def test_the_commune_leader_may_review_in_the_head_s_place(june):
    submit(june, "hoa")
    review(june, "hoa", "leader")
    assert sheet_of(june, "hoa").stage == Stage.REVIEWED


def test_returned_for_revision_at_each_step(june):
    w = june
    submit(w, "hoa")
    with pytest.raises(EvaluationError, match="lý do"):
        cycle.return_sheet(sheet_of(w, "hoa"), w.people["head"], reason=" ")
    cycle.return_sheet(sheet_of(w, "hoa"), w.people["head"], reason="Bổ sung minh chứng báo cáo số 12.")
    sheet = sheet_of(w, "hoa")
    assert (sheet.stage, sheet.returned_by) == (Stage.DRAFT, w.people["head"])
    submit(w, "hoa")
    review(w, "hoa", "head")
    cycle.return_sheet(sheet_of(w, "hoa"), w.people["leader"], reason="Xem lại điểm tiêu chí chung.")
    assert sheet_of(w, "hoa").stage == Stage.SUBMITTED
    with pytest.raises(EvaluationError):
        cycle.return_sheet(sheet_of(w, "hoa"), w.people["tuan"], reason="Không đồng ý")
    review(w, "hoa", "head")
    sheet = sheet_of(w, "hoa")
    assert (sheet.stage, sheet.returned_note) == (Stage.REVIEWED, "")
    events = AuditEvent.objects.filter(
        object_id=str(sheet.pk), content_type__model="sheet", note="Trả lại phiếu đánh giá"
    )
    assert events.count() == 2


def test_bad_values_are_refused_and_nothing_is_half_written(june):
    w = june
    sheet = sheet_of(w, "hoa")
    on_time = product(sheet, w.on_time)
    entries = {on_time.pk: cycle.OfficialEntry("Ghi chú", "")}
    with pytest.raises(EvaluationError, match="từ 0 đến 30"):
        submit(w, "hoa", general=D(31), entries=entries)
    with pytest.raises(EvaluationError, match="tự nhận xét"):
        submit(w, "hoa", notes=" ", entries=entries)
    with pytest.raises(EvaluationError, match="tiêu chí chung"):
        submit(w, "hoa", general=None, entries=entries)
    assert product(sheet, w.on_time).result_note == ""
    assert sheet_of(w, "hoa").stage == Stage.DRAFT
    submit(w, "hoa")
    with pytest.raises(EvaluationError, match="quy đổi"):
        review(w, "hoa", "head", entries={on_time.pk: cycle.LeaderEntry(weight=D(0))})
    with pytest.raises(EvaluationError, match="tải lại"):
        review(w, "hoa", "head", entries={10**9: cycle.LeaderEntry()})
    assert product(sheet, w.on_time).weight == D(1)


def test_a_draft_can_be_saved_without_sending(june):
    w = june
    cycle.self_assess(
        sheet_of(w, "hoa"), w.people["hoa"], general=None, notes="Nháp", entries={}, submit=False
    )
    sheet = sheet_of(w, "hoa")
    assert (sheet.stage, sheet.self_notes, sheet.self_general) == (Stage.DRAFT, "Nháp", None)


def test_an_approved_sheet_is_frozen(june):
    w = june
    submit(w, "hoa")
    review(w, "hoa", "head")
    approve(w, "hoa")
    total = sheet_of(w, "hoa").total
    w.unfinished.state, w.unfinished.completed_on = "done", DAY(2026, 6, 20)
    w.unfinished.save()
    with pytest.raises(EvaluationError):
        cycle.refresh_products(sheet_of(w, "hoa"), w.people["hoa"])
    with pytest.raises(EvaluationError):
        submit(w, "hoa")
    assert sheet_of(w, "hoa").total == total
    assert not sheet_of(w, "hoa").products.get(task=w.unfinished).done


def test_the_product_list_is_brought_up_to_date_before_sending(june):
    w = june
    late_comer = w.task("hoa", DAY(2026, 6, 28), done_on=DAY(2026, 6, 28))
    submit(w, "hoa")
    assert sheet_of(w, "hoa").products.filter(task=late_comer).exists()


def perfect(world, who, general=D(30)):
    """A sheet with one product done on time: 70 task points."""
    world.task(who, DAY(2026, 6, 15), done_on=DAY(2026, 6, 15))
    cycle.refresh_products(sheet_of(world, who), world.people[who])
    submit(world, who, general=general)


def test_the_20_percent_quota_warns_before_approval(june):
    w = june
    # Tuấn: 100 → excellent; the head: 93,75 + … → scored by the leader at 10 → good; Hoa: excellent.
    perfect(w, "tuan")
    review(w, "tuan", "head", general=D(30))
    perfect(w, "head")
    review(w, "head", "leader", general=D(5))
    submit(w, "hoa")
    hoa = sheet_of(w, "hoa")
    for p in hoa.products.all():  # the head forgives everything and finds it all done well
        p.waived = True
        p.save()
    review(
        w,
        "hoa",
        "head",
        general=D(30),
        entries={product(hoa, w.unfinished).pk: cycle.LeaderEntry(weight=D("0.1"))},
    )
    assert sheet_of(w, "tuan").band == BAND_EXCELLENT
    assert sheet_of(w, "head").band == BAND_GOOD
    assert sheet_of(w, "hoa").band == BAND_EXCELLENT
    # Approving Tuấn: with Hoa and the head scored, 2 of 3 "tốt" and above are "xuất sắc" (66,7%).
    with pytest.raises(EvaluationError, match=r"2/3 .*66,7%.*vượt tỷ lệ tối đa 20%"):
        approve(w, "tuan")
    assert sheet_of(w, "tuan").stage == Stage.REVIEWED
    approve(w, "tuan", confirm_quota=True)
    assert "66,7%" in sheet_of(w, "tuan").quota_warning


def test_no_quota_warning_within_the_quota(world):
    # Six officials rated "tốt" and above in one unit, one of them "xuất sắc": 1/6 ≤ 20%.
    from dieuhanh.org.constants import Role
    from tests.factories import MembershipFactory

    for i in range(3):
        world.people[f"extra{i}"] = MembershipFactory(unit=world.culture, role=Role.MEMBER).user
    world.period, _ = open_period(world.commune, world.people["clerk"], year=2026, number=6)
    for who in ("hoa", "extra0", "extra1", "extra2", "tuan"):
        perfect(world, who, general=D(10))  # 80 → good
        review(world, who, "head", general=D(10))
    perfect(world, "head")
    review(world, "head", "leader", general=D(30))  # the head's unit component is full: 100 → excellent
    head = sheet_of(world, "head")
    assert head.band == BAND_EXCELLENT
    approve(world, "head")
    assert sheet_of(world, "head").quota_warning == ""


def test_the_head_s_unit_component_follows_the_subordinates(june):
    w = june
    perfect(w, "head")
    review(w, "head", "leader", general=D(25))
    head = sheet_of(w, "head")
    # Nobody of the unit scored yet: unit component in full. 10 + 15 + 10 + 35 = 70; + 25 = 95.
    assert (head.unit_percent, head.unit_points, head.total) == (D(100), D(35), D(95))
    # Tuấn has nothing done and is scored 0 for the general criteria: 15 → "Không hoàn thành".
    w.task("tuan", DAY(2026, 6, 5))
    cycle.refresh_products(sheet_of(w, "tuan"), w.people["tuan"])
    submit(w, "tuan", general=D(0))
    review(w, "tuan", "head", general=D(0))
    assert sheet_of(w, "tuan").band == BAND_FAIL
    head = sheet_of(w, "head")
    # The unit component falls to 50%: 17,5 → 10 + 15 + 10 + 17,5 + 25 = 77,5.
    assert (head.unit_percent, head.unit_points, head.total, head.band) == (
        D(50),
        D("17.5"),
        D("77.5"),
        BAND_GOOD,
    )
