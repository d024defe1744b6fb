import datetime
from decimal import Decimal

import pytest

from dieuhanh.reports.models import RankingFormula
from dieuhanh.reports.rankings import Formula, compute_rankings, formula_for
from dieuhanh.tasks.models import Task

pytestmark = pytest.mark.django_db
D = datetime.date


def rank(june, formula=None):
    qs = Task.objects.filter(owner=june.commune)
    return compute_rankings(
        qs, D(2026, 5, 15), D(2026, 6, 14), D(2026, 6, 14), formula or formula_for(june.commune)
    )


def test_it_scores_units_with_the_late_penalty(june):
    units = {r.name: r for r in rank(june).units}
    kt = units["Phòng Kinh tế"]
    assert (kt.score, kt.band) == (Decimal("80.0"), "Hoàn thành tốt nhiệm vụ")
    assert (
        kt.explanation
        == "4 nhiệm vụ (3 hoàn thành); 2 trễ hạn (trừ 25% mỗi nhiệm vụ) → 80,0 điểm → Hoàn thành tốt"
    )
    vhxh = units["Phòng Văn hóa - Xã hội"]
    assert (vhxh.score, vhxh.band) == (Decimal("32.5"), "Không hoàn thành nhiệm vụ")
    assert "1 do nguyên nhân khách quan (không trừ), 0 trừ 25% mỗi nhiệm vụ" in vhxh.explanation


def test_it_scores_people_in_charge(june):
    people = {r.name: r for r in rank(june).people}
    assert people["Nguyễn Văn An"].score == Decimal("73.3")
    assert people["Nguyễn Văn An"].detail == "Phòng Kinh tế"
    assert (people["Trần Thị Bình"].score, people["Trần Thị Bình"].band) == (
        Decimal("65.0"),
        "Hoàn thành nhiệm vụ",
    )


def test_a_province_can_stop_forgiving_objective_delays(june):
    RankingFormula.objects.create(organisation=june.province, forgive_objective=False, good_min=Decimal("80"))
    formula = formula_for(june.commune)
    assert formula.forgive_objective is False
    people = {r.name: r for r in rank(june, formula).people}
    assert people["Trần Thị Bình"].score == Decimal("52.5")  # (30 + 75) / 2
    units = {r.name: r for r in rank(june, formula).units}
    assert units["Phòng Văn hóa - Xã hội"].score == Decimal("26.3")  # (30 + 0 + 0 + 75) / 4
    assert units["Phòng Kinh tế"].band == "Hoàn thành tốt nhiệm vụ"  # 80 reaches the raised band


def test_the_formula_is_described_in_vietnamese():
    text = Formula().describe()
    assert "mỗi nhiệm vụ trễ hạn bị trừ 25% điểm" in text
    assert "từ 90 điểm: Hoàn thành xuất sắc nhiệm vụ" in text


@pytest.mark.parametrize(
    "score, band",
    [
        ("90", "Hoàn thành xuất sắc nhiệm vụ"),
        ("89.9", "Hoàn thành tốt nhiệm vụ"),
        ("70", "Hoàn thành tốt nhiệm vụ"),
        ("50", "Hoàn thành nhiệm vụ"),
        ("49.9", "Không hoàn thành nhiệm vụ"),
    ],
)
def test_the_bands(score, band):
    assert Formula().band(Decimal(score)) == band


def test_it_ranks_in_two_grouped_queries_plus_names(june, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        rank(june, Formula())
