"""Every rule of the Nghị định 335 score, with numbers worked out by hand (default rules unless said).

Default split of the 70 task points: quantity 20, quality 30, timeliness 20. With four products of
weight 1 each product's share is a quarter: 5 quantity points, 7,5 quality points, 5 timeliness
points; a 25% deduction takes 1,875 of quality or 1,25 of timeliness.
"""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from dieuhanh.evaluation.constants import (
    BAND_EXCELLENT,
    BAND_FAIL,
    BAND_GOOD,
    BAND_NONE,
    BAND_PASS,
    BAND_UNSCORED,
    Discipline,
    YearRule,
)
from dieuhanh.evaluation.scoring import (
    PeriodOutcome,
    ProductFacts,
    Rules,
    TaskPoints,
    product_points,
    quota,
    result,
    task_points,
    unit_factor,
    year_result,
)

pytestmark = pytest.mark.pure

RULES = Rules()
ON_TIME = ProductFacts(weight=D(1), done=True, late=False)
DONE_LATE = ProductFacts(weight=D(1), done=True, late=True)
FAILED_QUALITY = ProductFacts(weight=D(1), done=True, late=False, quality_failed=True)
UNFINISHED = ProductFacts(weight=D(1), done=False, late=True)


def test_a_perfect_period_earns_the_70_task_points():
    assert product_points([ON_TIME, ON_TIME], RULES) == TaskPoints(D("20.00"), D("30.00"), D("20.00"))


def test_the_four_products_example():
    # quantity 3 × 5 = 15; quality 7,5 + 7,5 + (7,5 − 1,875) + 0 = 20,625 → 20,63;
    # timeliness 5 + (5 − 1,25) + 5 + (5 − 1,25) = 17,5; task results 53,13.
    points = product_points([ON_TIME, DONE_LATE, FAILED_QUALITY, UNFINISHED], RULES)
    assert points == TaskPoints(D("15.00"), D("20.63"), D("17.50"))
    assert points.total == D("53.13")
    # general criteria 27 → 80,13 → Hoàn thành tốt.
    assert result(D(27), points, "", RULES).total == D("80.13")
    assert result(D(27), points, "", RULES).band == BAND_GOOD


def test_a_late_product_loses_a_quarter_of_its_timeliness_points():
    # One product, late: timeliness 20 − 5 = 15.
    assert product_points([DONE_LATE], RULES) == TaskPoints(D(20), D(30), D(15))


def test_a_product_failing_its_quality_check_loses_a_quarter_of_its_quality_points():
    # One product, failed quality: 30 − 7,5 = 22,5.
    assert product_points([FAILED_QUALITY], RULES) == TaskPoints(D(20), D("22.5"), D(20))


def test_an_unfinished_product_earns_neither_quantity_nor_quality_and_is_late():
    assert product_points([UNFINISHED], RULES) == TaskPoints(D(0), D(0), D(15))


def test_an_approved_objective_cause_waives_both_deductions():
    waived_late = replace(DONE_LATE, waived=True)
    waived_quality = replace(FAILED_QUALITY, waived=True)
    # As the four products example, with the late and the failed product waived:
    # quality 7,5 × 3 = 22,5; timeliness 5 + 5 + 5 + 3,75 = 18,75 (the unfinished one is still late).
    points = product_points([ON_TIME, waived_late, waived_quality, UNFINISHED], RULES)
    assert points == TaskPoints(D(15), D("22.5"), D("18.75"))
    assert points.total == D("56.25")


def test_waivers_do_nothing_when_the_organisation_does_not_forgive_objective_causes():
    strict = replace(RULES, waive_objective=False)
    products = [ON_TIME, replace(DONE_LATE, waived=True), replace(FAILED_QUALITY, waived=True), UNFINISHED]
    assert product_points(products, strict).total == D("53.13")


def test_weights_share_the_points():
    # Weight 3 done on time, weight 1 unfinished: W = 4.
    # quantity 20 × 3/4 = 15; quality 30 × 3/4 = 22,5; timeliness 20 × (3/4 + 1/4 × 0,75) = 18,75.
    heavy = replace(ON_TIME, weight=D(3))
    assert product_points([heavy, UNFINISHED], RULES) == TaskPoints(D(15), D("22.5"), D("18.75"))


def test_no_total_before_the_general_criteria_are_scored():
    outcome = result(None, product_points([ON_TIME], RULES), "", RULES)
    assert (outcome.total, outcome.band) == (None, BAND_UNSCORED)


def test_a_period_without_products_is_not_scored():
    assert product_points([], RULES) is None
    assert result(D(30), None, "", RULES).band == BAND_NONE
    assert result(D(30), None, "", RULES).total is None


@pytest.mark.parametrize(
    ("general", "band"),
    [
        (D(20), BAND_EXCELLENT),  # 90,00
        (D("19.99"), BAND_GOOD),  # 89,99
        (D(0), BAND_GOOD),  # 70,00
    ],
)
def test_bands_at_their_edges_on_a_perfect_task_record(general, band):
    points = product_points([ON_TIME], RULES)
    assert result(general, points, "", RULES).band == band


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (D(100), BAND_EXCELLENT),
        (D(90), BAND_EXCELLENT),
        (D("89.99"), BAND_GOOD),
        (D(70), BAND_GOOD),
        (D("69.99"), BAND_PASS),
        (D(50), BAND_PASS),
        (D("49.99"), BAND_FAIL),
        (D(0), BAND_FAIL),
    ],
)
def test_bands(score, band):
    assert RULES.band(score) == band


def test_pass_and_fail_edges_through_the_score():
    # Weight 1 on time, weight 3 unfinished: quantity 5; quality 7,5;
    # timeliness 20 × (1/4 + 3/4 × 0,75) = 16,25; task results 28,75.
    points = product_points([ON_TIME, replace(UNFINISHED, weight=D(3))], RULES)
    assert points.total == D("28.75")
    assert result(D("21.25"), points, "", RULES).band == BAND_PASS  # 50,00
    assert result(D("21.24"), points, "", RULES).band == BAND_FAIL  # 49,99


def test_any_disciplinary_measure_from_khien_trach_up_gives_the_lowest_band():
    perfect = product_points([ON_TIME], RULES)
    for measure in Discipline.values[1:]:
        outcome = result(D(30), perfect, measure, RULES)
        assert outcome.total == D(100)
        assert outcome.band == BAND_FAIL
    assert result(D(30), perfect, Discipline.REPRIMAND, RULES).reason == "bị kỷ luật khiển trách"
    assert result(D(30), perfect, Discipline.NONE, RULES).band == BAND_EXCELLENT


def test_the_discipline_floor_is_a_setting():
    perfect = product_points([ON_TIME], RULES)
    from_warning = replace(RULES, discipline_floor=Discipline.WARNING)
    assert result(D(30), perfect, Discipline.REPRIMAND, from_warning).band == BAND_EXCELLENT
    assert result(D(30), perfect, Discipline.WARNING, from_warning).band == BAND_FAIL
    never = replace(RULES, discipline_floor="")
    assert result(D(30), perfect, Discipline.DISMISSAL, never).band == BAND_EXCELLENT


def test_a_disciplined_official_without_products_is_still_banded_lowest():
    assert result(D(30), None, Discipline.REPRIMAND, RULES).band == BAND_FAIL


def test_a_unit_head_earns_the_full_unit_component_when_nobody_failed():
    assert unit_factor([BAND_PASS, BAND_GOOD, BAND_EXCELLENT, BAND_NONE], RULES) == D(100)
    assert unit_factor([], RULES) == D(100)


def test_a_unit_head_earns_half_the_unit_component_when_a_subordinate_failed():
    assert unit_factor([BAND_GOOD, BAND_FAIL], RULES) == D(50)


def test_a_unit_head_s_task_points():
    # Unit component 50% of 70 = 35 points; the criteria share the other 35: 10/15/10.
    # Two products, one on time, one late: quantity 10; quality 15; timeliness 10 × (1 + 0,75)/2 = 8,75.
    products = [ON_TIME, DONE_LATE]
    all_pass = task_points(products, RULES, unit_percent=D(100))
    assert all_pass == TaskPoints(D(10), D(15), D("8.75"), D(35))
    assert result(D(25), all_pass, "", RULES).total == D("93.75")
    assert result(D(25), all_pass, "", RULES).band == BAND_EXCELLENT
    # A subordinate failed: the unit component is 35 × 50% = 17,5 → 51,25 + 25 = 76,25.
    one_failed = task_points(products, RULES, unit_percent=D(50))
    assert one_failed.unit == D("17.5")
    assert result(D(25), one_failed, "", RULES).total == D("76.25")
    assert result(D(25), one_failed, "", RULES).band == BAND_GOOD


def test_the_leader_rule_s_numbers_are_settings():
    rules = replace(RULES, leader_unit_percent=D(30), unit_any_fail_percent=D(0))
    # Unit component 70 × 30% = 21 at 0% → 0; criteria at 70%: 14/21/14.
    assert task_points([ON_TIME], rules, unit_percent=unit_factor([BAND_FAIL], rules)) == TaskPoints(
        D(14), D(21), D(14), D(0)
    )


def test_the_split_of_the_70_points_is_a_setting():
    rules = replace(RULES, quantity_points=D(30), quality_points=D(25), timeliness_points=D(15))
    # One late product, failed quality: 30; 25 × 0,75 = 18,75; 15 × 0,75 = 11,25.
    assert product_points([replace(DONE_LATE, quality_failed=True)], rules) == TaskPoints(
        D(30), D("18.75"), D("11.25")
    )


@pytest.mark.parametrize(
    ("bands", "exceeded"),
    [
        ([BAND_EXCELLENT] + [BAND_GOOD] * 4, False),  # 1 of 5: 20%
        ([BAND_EXCELLENT] * 2 + [BAND_GOOD] * 8, False),  # 2 of 10: 20%
        ([BAND_EXCELLENT] * 2 + [BAND_GOOD] * 3, True),  # 2 of 5: 40%
        ([BAND_EXCELLENT] + [BAND_GOOD] * 3, True),  # 1 of 4: 25%
        ([BAND_EXCELLENT] + [BAND_GOOD] * 3 + [BAND_PASS] * 6, True),  # "Hoàn thành" does not count
        ([BAND_EXCELLENT], True),  # 1 of 1
        ([BAND_GOOD, BAND_PASS, BAND_FAIL, BAND_NONE], False),
        ([], False),
    ],
)
def test_the_20_percent_quota(bands, exceeded):
    assert quota(bands, RULES).exceeded is exceeded


def test_the_quota_percent_is_a_setting():
    bands = [BAND_EXCELLENT] + [BAND_GOOD] * 3  # 25%
    assert quota(bands, replace(RULES, excellent_quota_percent=D(30))).exceeded is False
    assert quota(bands, RULES).percent == D("25.0")


def outcome(total, band=None, disciplined=False):
    total = None if total is None else D(total)
    return PeriodOutcome(total, band or (BAND_NONE if total is None else RULES.band(total)), disciplined)


def test_the_year_is_the_mean_of_its_approved_periods():
    # (80 + 92 + 88) / 3 = 86,666… → 86,67 → Hoàn thành tốt; 3 of 12 months: provisional.
    year = year_result([outcome(80), outcome(92), outcome(88)], RULES)
    assert (year.score, year.band, year.counted, year.expected, year.complete) == (
        D("86.67"),
        BAND_GOOD,
        3,
        12,
        False,
    )
    assert year_result([outcome(95), outcome(90), outcome(85)], RULES).band == BAND_EXCELLENT


def test_periods_without_products_are_left_out_of_the_year_mean():
    year = year_result([outcome(80), outcome(None)], RULES)
    assert (year.score, year.rated, year.counted) == (D(80), 1, 2)


def test_a_disciplinary_measure_in_any_period_gives_the_year_the_lowest_band():
    year = year_result([outcome(95), outcome(95, BAND_FAIL, disciplined=True)], RULES)
    assert year.score == D(95)
    assert year.band == BAND_FAIL
    assert year.reason == "bị kỷ luật trong năm"


def test_the_capped_year_rule_keeps_a_year_with_a_failed_period_at_hoan_thanh():
    periods = [outcome(95), outcome(95), outcome(40)]  # mean 76,67
    assert year_result(periods, RULES).band == BAND_GOOD
    capped = year_result(periods, replace(RULES, year_rule=YearRule.MEAN_CAPPED))
    assert (capped.score, capped.band) == (D("76.67"), BAND_PASS)


def test_a_quarterly_organisation_expects_four_periods():
    year = year_result([outcome(90)] * 4, replace(RULES, cycle="quarter"))
    assert year.complete and year.band == BAND_EXCELLENT


def test_a_year_without_any_scored_period_is_not_banded():
    assert year_result([], RULES).band == BAND_NONE
