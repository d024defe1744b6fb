"""Which assigned tasks are products of a period, and how each is judged (June 2026, today 06/07/2026)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from dieuhanh.evaluation.models import Sheet
from dieuhanh.evaluation.services.periods import open_period, previous_period
from dieuhanh.evaluation.services.products import not_yet_due
from dieuhanh.tasks.constants import ChangeStatus, DeadlineKind, TaskState
from dieuhanh.tasks.models import DeadlineChange
from dieuhanh.tasks.services.recurrence import create_occurrences

D = datetime.date
pytestmark = pytest.mark.django_db


def products_of(world, who, year=2026, month=6):
    period, _ = open_period(world.commune, world.people["clerk"], year=year, number=month)
    sheet = Sheet.objects.get(period=period, person=world.people[who])
    return sheet, {p.task_id: p for p in sheet.products.all()}


def test_opening_a_period_gives_every_official_a_sheet(world):
    period, made = open_period(world.commune, world.people["leader"], year=2026, number=6)
    assert (period.start, period.end, period.label) == (D(2026, 6, 1), D(2026, 6, 30), "Tháng 6/2026")
    people = {s.person.username: s for s in made}
    names = {world.people[k].username for k in ("clerk", "head", "hoa", "tuan", "police_head")}
    assert set(people) == names  # not the leader, not the viewer
    head = Sheet.objects.get(period=period, person=world.people["head"])
    assert (head.unit, head.is_head, head.title) == (world.culture, True, "Trưởng phòng")
    assert Sheet.objects.get(period=period, person=world.people["clerk"]).unit == world.commune


def test_opening_again_adds_only_newcomers(world):
    open_period(world.commune, world.people["leader"], year=2026, number=6)
    from tests.factories import MembershipFactory

    MembershipFactory(unit=world.culture)
    _, made = open_period(world.commune, world.people["leader"], year=2026, number=6)
    assert len(made) == 1


def test_the_period_being_evaluated_is_the_one_before_today(today):
    assert previous_period("month", today) == (2026, 6)
    assert previous_period("month", D(2026, 1, 5)) == (2025, 12)
    assert previous_period("quarter", today) == (2026, 2)
    assert previous_period("quarter", D(2026, 2, 1)) == (2025, 4)


def test_a_task_due_in_the_period_and_not_done_is_an_unfinished_late_product(world):
    task = world.task("hoa", D(2026, 6, 10))
    _, products = products_of(world, "hoa")
    p = products[task.pk]
    assert (p.done, p.late, p.completed_on) == (False, True, None)


def test_done_on_time_and_done_late(world):
    on_time = world.task("hoa", D(2026, 6, 10), done_on=D(2026, 6, 10))
    late = world.task("hoa", D(2026, 6, 10), done_on=D(2026, 6, 11))
    _, products = products_of(world, "hoa")
    assert (products[on_time.pk].done, products[on_time.pk].late) == (True, False)
    assert (products[late.pk].done, products[late.pk].late) == (True, True)


def test_a_task_not_yet_due_is_no_product(world):
    task = world.task("hoa", D(2026, 7, 20))
    _, products = products_of(world, "hoa")
    assert task.pk not in products
    sheet, products = products_of(world, "hoa", month=7)
    assert task.pk not in products  # due 20/07, today 06/07
    assert not_yet_due(sheet, timezone.localdate()) == 1


def test_a_task_due_today_is_not_yet_due(world):
    with time_machine.travel(datetime.datetime(2026, 6, 20, 9, 0, tzinfo=datetime.UTC), tick=False):
        task = world.task("hoa", D(2026, 6, 20))
        _, products = products_of(world, "hoa")
        assert task.pk not in products


def test_a_task_finished_early_counts_in_the_period_it_was_finished(world):
    task = world.task("hoa", D(2026, 7, 20), done_on=D(2026, 6, 25))
    _, june = products_of(world, "hoa")
    _, july = products_of(world, "hoa", month=7)
    assert june[task.pk].done and not june[task.pk].late
    assert task.pk not in july


def test_a_task_due_in_june_delivered_in_july_counts_in_both(world):
    task = world.task("hoa", D(2026, 6, 25), done_on=D(2026, 7, 3))
    _, june = products_of(world, "hoa")
    _, july = products_of(world, "hoa", month=7)
    assert (june[task.pk].done, june[task.pk].late) == (False, True)
    assert (july[task.pk].done, july[task.pk].late) == (True, True)


def test_a_task_due_in_may_finished_in_june_is_a_late_june_product(world):
    task = world.task("hoa", D(2026, 5, 20), done_on=D(2026, 6, 5))
    _, products = products_of(world, "hoa")
    assert (products[task.pk].done, products[task.pk].late) == (True, True)


def test_tasks_without_deadline_count_when_finished(world):
    done = world.task("hoa", done_on=D(2026, 6, 15))
    open_ = world.task("hoa")
    _, products = products_of(world, "hoa")
    assert (products[done.pk].done, products[done.pk].late) == (True, False)
    assert open_.pk not in products


def test_cancelled_and_paused_tasks_and_other_people_s_tasks_are_no_product(world):
    cancelled = world.task("hoa", D(2026, 6, 10))
    cancelled.state = TaskState.CANCELLED
    cancelled.save()
    paused = world.task("hoa", D(2026, 6, 10))
    paused.state = TaskState.PAUSED
    paused.save()
    someone_else = world.task("tuan", D(2026, 6, 10))
    _, products = products_of(world, "hoa")
    assert not {cancelled.pk, paused.pk, someone_else.pk} & set(products)


def test_a_completion_awaiting_approval_counts_as_done_on_the_day_claimed(world):
    task = world.task("hoa", D(2026, 6, 25), awaiting_on=D(2026, 6, 20))
    _, products = products_of(world, "hoa")
    p = products[task.pk]
    assert (p.done, p.late, p.awaiting_approval, p.completed_on) == (True, False, True, D(2026, 6, 20))


def test_each_occurrence_of_a_recurring_duty_is_a_product(world):
    series = world.task("hoa", deadline_kind=DeadlineKind.RECURRING, recurrence="monthly:18")
    occurrences = create_occurrences(series, until=D(2026, 12, 31), start=D(2026, 5, 1))
    for occ in occurrences:
        occ.assignees.add(world.people["hoa"])
    june = next(o for o in occurrences if o.deadline == D(2026, 6, 18))
    _, products = products_of(world, "hoa")
    assert set(products) == {june.pk}  # the May one is May's, the series head is never a product
    assert products[june.pk].title.endswith("Tháng 6/2026")


def test_an_extension_moves_the_deadline_out_of_the_period(world):
    task = world.task("hoa", D(2026, 6, 10))
    task.deadline = D(2026, 7, 20)
    task.save()
    _, products = products_of(world, "hoa")
    assert task.pk not in products


def extend(task, *, objective=True, to=D(2026, 6, 28), decided=D(2026, 6, 9), done_on=None):
    DeadlineChange.objects.create(
        task=task,
        old_date=task.deadline,
        new_date=to,
        reason="Chờ số liệu của tỉnh",
        status=ChangeStatus.APPROVED,
        objective=objective,
        decided_at=timezone.make_aware(datetime.datetime.combine(decided, datetime.time(10))),
    )
    task.original_deadline, task.deadline = task.original_deadline or task.deadline, to
    if done_on:
        task.state, task.completed_on = TaskState.DONE, done_on
    task.save()


def test_an_objective_extension_forgives_the_late_delivery(world):
    objective = world.task("hoa", D(2026, 6, 10))
    plain = world.task("hoa", D(2026, 6, 10))
    extend(objective, done_on=D(2026, 6, 20))
    extend(plain, objective=False, done_on=D(2026, 6, 20))
    _, products = products_of(world, "hoa")
    assert products[objective.pk].late and products[objective.pk].forgiven
    assert products[plain.pk].late and not products[plain.pk].forgiven
    assert products[plain.pk].judged_deadline == D(2026, 6, 10)


def test_the_waiver_is_the_rankings_rule_only_up_to_the_granted_date(world):
    """The same rule as reports/waivers.py: late even against the extended date stays late, and an
    approval decided after the period does not change it."""
    past_the_new_date = world.task("hoa", D(2026, 6, 10))
    extend(past_the_new_date, to=D(2026, 6, 15), done_on=D(2026, 6, 20))
    approved_in_july = world.task("hoa", D(2026, 6, 10))
    extend(approved_in_july, decided=D(2026, 7, 2), done_on=D(2026, 6, 20))
    open_past_it = world.task("hoa", D(2026, 6, 10))
    extend(open_past_it)
    _, products = products_of(world, "hoa")
    for task in (past_the_new_date, approved_in_july, open_past_it):
        assert products[task.pk].late and not products[task.pk].forgiven


def test_tasks_of_another_organisation_are_no_product(world):
    from tests.factories import CommuneFactory, TaskFactory

    other = CommuneFactory()
    task = TaskFactory(owner=other, lead_unit=other, deadline=D(2026, 6, 10))
    task.assignees.add(world.people["hoa"])
    _, products = products_of(world, "hoa")
    assert task.pk not in products
