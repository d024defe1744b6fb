"""Planning: who is reminded about what on which day, per the organisation's rules."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dieuhanh.notify.constants import OverdueFrequency, ReminderKind
from dieuhanh.notify.models import Reminder, ReminderPolicy
from dieuhanh.notify.rules import plan
from dieuhanh.org.constants import Role
from dieuhanh.tasks.constants import TaskState
from tests.factories import ProgressReportFactory, TaskFactory
from tests.notify.conftest import frozen
from tests.scenario import person

D = datetime.date
K = ReminderKind


def plan_days(start: D, end: D) -> None:
    d = start
    while d <= end:
        with frozen(d, 6):
            plan()
        d += datetime.timedelta(days=1)


def days_of(user, kind, task=None) -> list[D]:
    qs = Reminder.objects.filter(person=user, kind=kind)
    if task is not None:
        qs = qs.filter(task=task)
    return sorted(qs.values_list("due_on", flat=True))


def set_deadline(task, deadline):
    task.deadline = task.original_deadline = deadline
    task.save()


def test_it_reminds_7_3_1_working_days_before_and_on_the_day(world):
    set_deadline(world.task, D(2026, 7, 1))
    plan_days(D(2026, 6, 15), D(2026, 7, 1))
    assert days_of(world.s.lead, K.BEFORE_DEADLINE) == [D(2026, 6, 22), D(2026, 6, 26), D(2026, 6, 30)]
    assert days_of(world.s.lead, K.ON_DEADLINE) == [D(2026, 7, 1)]
    assert days_of(world.assignee, K.BEFORE_DEADLINE) == [D(2026, 6, 22), D(2026, 6, 26), D(2026, 6, 30)]
    assert days_of(world.s.outsider, K.BEFORE_DEADLINE) == []
    assert days_of(world.s.tracker, K.BEFORE_DEADLINE) == []


def test_it_counts_back_across_tet_2027(world):
    set_deadline(world.task, D(2027, 2, 11))  # the first working day after Tết (4–10/2/2027)
    plan_days(D(2027, 1, 18), D(2027, 2, 11))
    assert days_of(world.s.lead, K.BEFORE_DEADLINE) == [D(2027, 1, 26), D(2027, 2, 1), D(2027, 2, 3)]
    assert days_of(world.s.lead, K.ON_DEADLINE) == [D(2027, 2, 11)]
    assert not Reminder.objects.filter(due_on__range=(D(2027, 2, 4), D(2027, 2, 10))).exists()


def test_it_sends_nothing_on_a_weekend_or_holiday(world):
    set_deadline(world.task, D(2026, 6, 1))
    for day in (D(2026, 6, 13), D(2026, 6, 14), D(2026, 9, 2), D(2027, 2, 8)):
        with frozen(day):
            assert plan() == {}
    assert not Reminder.objects.exists()


def test_it_tells_coordinators_before_the_deadline_but_not_once_overdue(world):
    set_deadline(world.task, D(2026, 7, 1))
    plan_days(D(2026, 6, 29), D(2026, 7, 3))
    assert days_of(world.s.coord, K.BEFORE_DEADLINE) == [D(2026, 6, 30)]
    assert days_of(world.s.coord, K.ON_DEADLINE) == [D(2026, 7, 1)]
    assert days_of(world.s.coord, K.OVERDUE) == []
    assert days_of(world.s.lead, K.OVERDUE) == [D(2026, 7, 2), D(2026, 7, 3)]


def test_it_leaves_coordinators_out_when_the_policy_says_so(world):
    ReminderPolicy.objects.create(organisation=world.commune, remind_coordinators=False)
    set_deadline(world.task, D(2026, 7, 1))
    plan_days(D(2026, 6, 29), D(2026, 7, 1))
    assert days_of(world.s.coord, K.BEFORE_DEADLINE) == days_of(world.s.coord, K.ON_DEADLINE) == []
    assert days_of(world.s.lead, K.ON_DEADLINE) == [D(2026, 7, 1)]


def test_it_reminds_overdue_tasks_weekly_on_the_first_working_day(world):
    ReminderPolicy.objects.create(
        organisation=world.commune, overdue=OverdueFrequency.WEEKLY, escalate_after=0
    )
    set_deadline(world.task, D(2026, 4, 15))
    plan_days(D(2026, 4, 16), D(2026, 5, 12))
    # 27/4 is Giỗ Tổ (observed): that week's reminder goes out on Tuesday 28/4.
    assert days_of(world.s.lead, K.OVERDUE) == [D(2026, 4, 20), D(2026, 4, 28), D(2026, 5, 4), D(2026, 5, 11)]


def test_it_reminds_each_recurring_occurrence_and_never_the_series(world):
    with frozen(D(2026, 5, 4)):
        series = TaskFactory(
            owner=world.commune, lead_unit=world.s.lead_unit, is_series=True, recurrence="monthly:18"
        )
        june = TaskFactory(
            owner=world.commune, lead_unit=world.s.lead_unit, series=series, deadline=D(2026, 6, 18)
        )
        july = TaskFactory(
            owner=world.commune, lead_unit=world.s.lead_unit, series=series, deadline=D(2026, 7, 18)
        )
    plan_days(D(2026, 6, 10), D(2026, 7, 18))
    assert days_of(world.s.lead, K.RECURRING, june) == [D(2026, 6, 15), D(2026, 6, 17)]
    assert days_of(world.s.lead, K.ON_DEADLINE, june) == [D(2026, 6, 18)]
    # 18/7/2026 is a Saturday, chased as if due on Friday 17/7.
    assert days_of(world.s.lead, K.RECURRING, july) == [D(2026, 7, 14), D(2026, 7, 16)]
    assert days_of(world.s.lead, K.ON_DEADLINE, july) == [D(2026, 7, 17)]
    assert not Reminder.objects.filter(task=series).exists()
    assert not Reminder.objects.filter(task__in=[june, july], kind=K.BEFORE_DEADLINE).exists()


def test_it_chases_a_task_with_no_progress_report_for_14_days(world):
    with frozen(D(2026, 6, 1)):
        quiet = TaskFactory(owner=world.commune, lead_unit=world.s.lead_unit, deadline=D(2026, 12, 31))
        reported = TaskFactory(owner=world.commune, lead_unit=world.s.lead_unit)
        ProgressReportFactory(task=reported, reported_on=D(2026, 6, 10))
    plan_days(D(2026, 6, 2), D(2026, 7, 1))
    assert days_of(world.s.lead, K.NO_PROGRESS, quiet) == [D(2026, 6, 15), D(2026, 6, 29)]
    # 10/6 + 14 = 24/6; 10/6 + 28 = 8/7 (after the period).
    assert days_of(world.s.lead, K.NO_PROGRESS, reported) == [D(2026, 6, 24)]


def test_the_silence_of_a_task_created_just_after_midnight_counts_from_that_local_day(world):
    # 00:30 on 02/06 in Hà Nội is 17:30 on 01/06 in UTC, as the database stores it.
    with frozen(D(2026, 6, 2), 0, 30):
        after_midnight = TaskFactory(
            owner=world.commune, lead_unit=world.s.lead_unit, deadline=D(2026, 12, 31)
        )
    with frozen(D(2026, 6, 1), 23, 30):
        before_midnight = TaskFactory(
            owner=world.commune, lead_unit=world.s.lead_unit, deadline=D(2026, 12, 31)
        )
    plan_days(D(2026, 6, 3), D(2026, 6, 17))
    assert days_of(world.s.lead, K.NO_PROGRESS, after_midnight) == [D(2026, 6, 16)]
    assert days_of(world.s.lead, K.NO_PROGRESS, before_midnight) == [D(2026, 6, 15)]


def test_it_catches_a_silence_that_ends_on_a_saturday_on_monday(world):
    with frozen(D(2026, 6, 6)):  # Saturday + 14 = Saturday 20/6
        quiet = TaskFactory(owner=world.commune, lead_unit=world.s.lead_unit)
    plan_days(D(2026, 6, 7), D(2026, 6, 23))
    assert days_of(world.s.lead, K.NO_PROGRESS, quiet) == [D(2026, 6, 22)]


def test_it_escalates_after_the_third_overdue_reminder_to_the_signer_and_the_head(world):
    set_deadline(world.task, D(2026, 6, 10))
    plan_days(D(2026, 6, 11), D(2026, 6, 18))
    assert days_of(world.s.lead, K.OVERDUE) == [
        D(2026, 6, 11),
        D(2026, 6, 12),
        D(2026, 6, 15),
        D(2026, 6, 16),
        D(2026, 6, 17),
        D(2026, 6, 18),
    ]
    assert days_of(world.signer, K.ESCALATION) == [D(2026, 6, 16)]
    assert days_of(world.head, K.ESCALATION) == [D(2026, 6, 16)]
    assert days_of(world.s.leader, K.ESCALATION) == []  # a leader who did not sign
    assert days_of(world.s.lead, K.ESCALATION) == []


def test_it_escalates_to_every_leader_when_the_signer_is_not_a_user(world):
    world.task.document.signer = "Lê Văn Khác"
    world.task.document.save()
    set_deadline(world.task, D(2026, 6, 10))
    plan_days(D(2026, 6, 11), D(2026, 6, 16))
    assert days_of(world.signer, K.ESCALATION) == [D(2026, 6, 16)]
    assert days_of(world.s.leader, K.ESCALATION) == [D(2026, 6, 16)]


def test_it_escalates_again_after_an_extension_runs_out(world):
    set_deadline(world.task, D(2026, 6, 10))
    plan_days(D(2026, 6, 11), D(2026, 6, 16))
    world.task.deadline = D(2026, 6, 17)
    world.task.save()
    plan_days(D(2026, 6, 17), D(2026, 6, 23))
    assert days_of(world.head, K.ESCALATION) == [D(2026, 6, 16), D(2026, 6, 23)]


def test_it_follows_the_nearest_policy_up_the_tree(world):
    ReminderPolicy.objects.create(organisation=world.s.province, days_before="2", on_deadline=False)
    other_task = TaskFactory(owner=world.s.other_commune, deadline=D(2026, 7, 1))
    other_lead = person(other_task.lead_unit, Role.MEMBER)
    ReminderPolicy.objects.create(organisation=world.s.other_commune, days_before="5")
    set_deadline(world.task, D(2026, 7, 1))
    plan_days(D(2026, 6, 22), D(2026, 7, 1))
    assert days_of(world.s.lead, K.BEFORE_DEADLINE) == [D(2026, 6, 29)]
    assert days_of(world.s.lead, K.ON_DEADLINE) == []
    assert days_of(other_lead, K.BEFORE_DEADLINE) == [D(2026, 6, 24)]
    assert days_of(other_lead, K.ON_DEADLINE) == [D(2026, 7, 1)]


def test_it_plans_nothing_for_an_organisation_that_turned_reminders_off(world):
    ReminderPolicy.objects.create(organisation=world.commune, is_active=False)
    set_deadline(world.task, D(2026, 6, 1))
    plan_days(D(2026, 6, 2), D(2026, 6, 5))
    assert not Reminder.objects.exists()


@pytest.mark.parametrize(
    "state", [TaskState.DONE, TaskState.PAUSED, TaskState.CANCELLED, TaskState.AWAITING_APPROVAL]
)
def test_it_leaves_closed_and_claimed_tasks_alone(world, state):
    set_deadline(world.task, D(2026, 6, 1))
    world.task.state = state
    world.task.completed_on = (
        D(2026, 6, 1) if state in (TaskState.DONE, TaskState.AWAITING_APPROVAL) else None
    )
    world.task.save()
    plan_days(D(2026, 6, 2), D(2026, 6, 5))
    assert not Reminder.objects.exists()


def test_it_plans_each_reminder_once_however_often_it_runs(world):
    set_deadline(world.task, D(2026, 6, 10))
    with frozen(D(2026, 6, 11)):
        first = plan()
        assert plan() == {}
    assert first == {"overdue": 3}  # lead, head, assignee
    assert Reminder.objects.count() == 3
    assert set(Reminder.objects.values_list("sent_at", flat=True)) == {None}


def test_it_skips_inactive_people(world):
    world.s.lead.is_active = False
    world.s.lead.save()
    set_deadline(world.task, D(2026, 6, 10))
    with frozen(D(2026, 6, 11)):
        plan()
    assert days_of(world.s.lead, K.OVERDUE) == []
    assert days_of(world.head, K.OVERDUE) == [D(2026, 6, 11)]


def test_viewers_of_the_lead_unit_are_never_chased(world):
    """When the commune itself leads, its office is chased, not the people who only read."""
    world.task.lead_unit = world.commune
    world.task.coordinators.clear()
    set_deadline(world.task, D(2026, 7, 1))
    plan_days(D(2026, 6, 29), D(2026, 7, 1))
    assert days_of(world.s.tracker, K.ON_DEADLINE) == [D(2026, 7, 1)]
    assert days_of(world.s.viewer, K.ON_DEADLINE) == []
    assert days_of(world.s.viewer, K.BEFORE_DEADLINE) == []


def _quiet_by_definition(created: D, reports: list[D], deadline: D | None, day: D) -> bool:
    """The no-progress rule written out plainly: on working day `day`, a task that is not overdue
    is chased when its silence (since its last report, else since it was created) reached 14, 28 …
    days on a day after the previous working day."""
    from dieuhanh.notify.windows import previous_working_day
    from dieuhanh.vn.workdays import is_working_day

    if not is_working_day(day) or (deadline is not None and deadline < day):
        return False
    last = max([r for r in reports if r <= day], default=created)
    if any(r > day for r in reports):
        return False  # a report dated later than today is the latest activity: not quiet
    since = (day - last).days
    previous = previous_working_day(day)
    return any(previous < last + datetime.timedelta(days=k) <= day for k in range(14, since + 1, 14))


def test_no_progress_reminders_match_the_rule_written_out_plainly(world):
    import random

    rng = random.Random(20261129)
    start = D(2026, 7, 1)
    tasks = {}
    for _ in range(60):
        created = start - datetime.timedelta(days=rng.randint(0, 70))
        with frozen(created):
            deadline = rng.choice([None, start + datetime.timedelta(days=rng.randint(-20, 40))])
            task = TaskFactory(owner=world.commune, lead_unit=world.s.lead_unit, deadline=deadline)
        reports = sorted(
            {
                created + datetime.timedelta(days=rng.randint(0, 90))
                for _ in range(rng.choice([0, 0, 1, 2, 3]))
            }
        )
        for reported_on in reports:
            ProgressReportFactory(task=task, reported_on=reported_on)
        tasks[task.pk] = (created, reports, deadline)
    for day in (start + datetime.timedelta(days=i) for i in range(0, 21)):
        with frozen(day, 6):
            plan()
        chased = set(
            Reminder.objects.filter(kind=K.NO_PROGRESS, due_on=day, task_id__in=tasks).values_list(
                "task_id", flat=True
            )
        )
        expected = {pk for pk, facts in tasks.items() if _quiet_by_definition(*facts, day)}
        assert chased == expected, day
    assert Reminder.objects.filter(kind=K.NO_PROGRESS, task_id__in=tasks).exists()


def test_planning_compares_creation_times_as_stored_without_date_functions(world):
    with frozen(D(2026, 6, 1)):
        TaskFactory(owner=world.commune, lead_unit=world.s.lead_unit, deadline=D(2026, 12, 31))
    with frozen(D(2026, 6, 15), 6), CaptureQueriesContext(connection) as ctx:
        plan()
    sql = [q["sql"] for q in ctx.captured_queries if "created_at" in q["sql"]]
    assert sql, "the no-progress rule looks at the creation time"
    functions = ("django_datetime_cast_date", "django_datetime_trunc", "AT TIME ZONE")
    assert not [q for q in sql if any(f in q for f in functions)]
