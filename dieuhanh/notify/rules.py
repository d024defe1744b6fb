"""Planning: turn the rules into Reminder rows with a few set-based SQL statements.

For each group of organisations sharing rules, each rule is one task
selection (date windows computed in Python, see `windows`), and each
audience of that rule is one `INSERT INTO notify_reminder ... SELECT ...
ON CONFLICT DO NOTHING`. The unique key (task, person, kind, due_on) makes
planning idempotent: running it twice a day, or in two processes, plans
each reminder once. No task is ever loaded into Python.

Who is chased: every member of the lead unit and the people assigned to the
task. Coordinating units hear before and on the deadline (their input is
due to the lead unit by then) when the policy says so, default yes, but
they are not chased once it is overdue: the lead unit answers for the task.
Escalation goes to the organisation's leaders — only the one who signed
the directive when a leader's full name matches the document's signer —
and to the head of the lead unit.
"""

import datetime
import enum
import logging
from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    CharField,
    Count,
    DateField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from dieuhanh.notify.constants import NO_PROGRESS_HORIZON_DAYS, OverdueFrequency, ReminderKind
from dieuhanh.notify.models import Reminder
from dieuhanh.notify.policy import PolicyGroup, Rules, policy_groups
from dieuhanh.notify.windows import (
    before_window,
    before_windows,
    crossing_windows,
    is_first_working_day_of_week,
)
from dieuhanh.org.constants import Role
from dieuhanh.org.models import Membership
from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.models import ProgressReport, Task
from dieuhanh.vn.workdays import is_working_day

logger = logging.getLogger(__name__)

ANALYZE_AFTER_ROWS = 50_000


class Audience(enum.Enum):
    LEAD = "lead"  # lead unit members and assignees
    LEAD_AND_COORDINATORS = "lead_and_coordinators"
    LEADERS = "leaders"  # escalation


@dataclass(frozen=True)
class Selection:
    kind: str
    tasks: QuerySet
    audience: Audience


def open_tasks(group: PolicyGroup) -> QuerySet:
    """Open, trackable tasks of the organisations in `group` (a series counts through its occurrences)."""
    qs = Task.objects.filter(state=TaskState.OPEN, is_series=False).order_by()
    if group.is_rest:
        return qs.exclude(owner_id__in=group.excluded_ids) if group.excluded_ids else qs
    return qs.filter(owner_id__in=group.owner_ids)


def _in_ranges(ranges) -> Q:
    q = Q(pk__in=[])
    for start, end in ranges:
        q |= Q(deadline__gte=start, deadline__lt=end)
    return q


def selections(rules: Rules, today: datetime.date, tasks: QuerySet) -> list[Selection]:
    """The task selections of each rule on `today` (a working day)."""
    coordinated = Audience.LEAD_AND_COORDINATORS if rules.remind_coordinators else Audience.LEAD
    chosen = []
    if rules.days_before:
        one_off = tasks.filter(_in_ranges(before_windows(today, rules.days_before)), series__isnull=True)
        chosen.append(Selection(ReminderKind.BEFORE_DEADLINE, one_off, coordinated))
    if rules.recurring_days_before:
        occurrences = tasks.filter(
            _in_ranges(before_windows(today, rules.recurring_days_before)), series__isnull=False
        )
        chosen.append(Selection(ReminderKind.RECURRING, occurrences, coordinated))
    if rules.on_deadline:
        chosen.append(
            Selection(
                ReminderKind.ON_DEADLINE, tasks.filter(_in_ranges([before_window(today, 0)])), coordinated
            )
        )
    overdue = tasks.filter(deadline__lt=today)
    if rules.overdue == OverdueFrequency.DAILY or (
        rules.overdue == OverdueFrequency.WEEKLY and is_first_working_day_of_week(today)
    ):
        chosen.append(Selection(ReminderKind.OVERDUE, overdue, Audience.LEAD))
    if rules.no_progress_days:
        for quiet in _quiet(tasks, today, rules.no_progress_days):
            chosen.append(Selection(ReminderKind.NO_PROGRESS, quiet, Audience.LEAD))
    if rules.escalate_after and rules.overdue != OverdueFrequency.OFF:
        chosen.append(
            Selection(
                ReminderKind.ESCALATION, _to_escalate(overdue, today, rules.escalate_after), Audience.LEADERS
            )
        )
    return chosen


def _quiet(tasks: QuerySet, today: datetime.date, every: int) -> list[QuerySet]:
    """Tasks (not yet overdue: those are chased already) whose silence reached N, 2N ... days.

    The last activity is the latest progress report, or the day the task was created. Two
    selections keep the database away from a per-task subquery over every open task: tasks
    whose latest report falls on a crossing day (found through the index on `reported_on`),
    and never-reported tasks created on a crossing day.
    """
    windows = crossing_windows(today, every, NO_PROGRESS_HORIZON_DAYS)
    if not windows:
        return []
    quiet_since = [
        after + datetime.timedelta(days=i)
        for after, up_to in windows
        for i in range(1, (up_to - after).days + 1)
    ]
    not_overdue = tasks.filter(Q(deadline__isnull=True) | Q(deadline__gte=today))
    later = ProgressReport.objects.filter(
        task_id=OuterRef("task_id"), reported_on__gt=OuterRef("reported_on")
    )
    last_reports = (
        ProgressReport.objects.filter(reported_on__in=quiet_since)
        .exclude(Exists(later))
        .order_by()
        .values("task_id")
    )
    reported = not_overdue.filter(pk__in=last_reports)
    never_reported = (
        not_overdue.annotate(created_on=TruncDate("created_at"))
        .filter(created_on__in=quiet_since)
        .exclude(Exists(ProgressReport.objects.filter(task_id=OuterRef("pk"))))
    )
    return [reported, never_reported]


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _to_escalate(overdue: QuerySet, today: datetime.date, after: int) -> QuerySet:
    """Overdue tasks chased on `after` earlier days since their current deadline, not yet escalated."""
    chased = (
        Reminder.objects.filter(
            task=OuterRef("pk"), kind=ReminderKind.OVERDUE, due_on__lt=today, due_on__gt=OuterRef("deadline")
        )
        .order_by()
        .values("task")
        .annotate(n=Count("due_on", distinct=True))
        .values("n")
    )
    # Today's escalations do not count: the leaders and the head are planned by separate statements.
    escalated = Reminder.objects.filter(
        task=OuterRef("pk"), kind=ReminderKind.ESCALATION, due_on__gt=OuterRef("deadline"), due_on__lt=today
    )
    return (
        overdue.annotate(chased=Coalesce(Subquery(chased, output_field=IntegerField()), 0))
        .filter(chased__gte=after)
        .exclude(Exists(escalated))
    )


def audience_rows(selection: Selection) -> list[QuerySet]:
    """One (task_id, person_id) query per source of recipients."""
    tasks = selection.tasks
    if selection.audience is Audience.LEADERS:
        signer_is_a_leader = Membership.objects.filter(
            unit_id=OuterRef("owner_id"),
            role=Role.LEADER,
            user__full_name=OuterRef("document__signer"),
        ).exclude(user__full_name="")
        leaders = tasks.filter(
            Q(owner__memberships__role=Role.LEADER, owner__memberships__user__is_active=True)
            & (Q(owner__memberships__user__full_name=F("document__signer")) | ~Q(Exists(signer_is_a_leader)))
        ).values(task_ref=F("pk"), person_ref=F("owner__memberships__user_id"))
        heads = tasks.filter(
            lead_unit__memberships__is_head=True, lead_unit__memberships__user__is_active=True
        ).values(task_ref=F("pk"), person_ref=F("lead_unit__memberships__user_id"))
        return [leaders, heads]
    rows = [
        tasks.filter(lead_unit__memberships__user__is_active=True).values(
            task_ref=F("pk"), person_ref=F("lead_unit__memberships__user_id")
        ),
        tasks.filter(assignees__is_active=True).values(task_ref=F("pk"), person_ref=F("assignees__id")),
    ]
    if selection.audience is Audience.LEAD_AND_COORDINATORS:
        rows.append(
            tasks.filter(coordinators__memberships__user__is_active=True).values(
                task_ref=F("pk"), person_ref=F("coordinators__memberships__user_id")
            )
        )
    return rows


def insert_reminders(rows: QuerySet, kind: str, today: datetime.date, now: datetime.datetime) -> int:
    """INSERT ... SELECT the (task, person) rows as reminders; existing ones are left alone."""
    select = rows.annotate(
        r_kind=Value(kind, output_field=CharField()),
        r_due_on=Value(today, output_field=DateField()),
        r_planned_at=Value(now, output_field=DateTimeField()),
        r_attempts=Value(0, output_field=IntegerField()),
        r_blank=Value("", output_field=CharField()),
    ).values_list(
        "task_ref", "person_ref", "r_kind", "r_due_on", "r_planned_at", "r_attempts", "r_blank", "r_blank"
    )
    sql, params = select.query.get_compiler(connection=connection).as_sql()
    table = connection.ops.quote_name(Reminder._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(c)
        for c in ("task_id", "person_id", "kind", "due_on", "planned_at", "attempts", "channel", "last_error")
    )
    # "SELECT * FROM (...) WHERE true" keeps SQLite from reading ON CONFLICT as part of a join.
    statement = (
        f"INSERT INTO {table} ({columns}) SELECT * FROM ({sql}) AS picked WHERE 1 = 1 ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return max(cursor.rowcount, 0)


def plan(today: datetime.date | None = None, now: datetime.datetime | None = None) -> Counter:
    """Plan every reminder due on `today`; returns the number of new reminders per kind."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    planned: Counter = Counter()
    if not is_working_day(today):
        logger.debug("%s không phải ngày làm việc: không lập lịch nhắc.", today.strftime("%d/%m/%Y"))
        return planned
    for group in policy_groups():
        if not group.rules.active:
            continue
        for selection in selections(group.rules, today, open_tasks(group)):
            for rows in audience_rows(selection):
                added = insert_reminders(rows, selection.kind, today, now)
                if added:
                    planned[selection.kind.value] += added
    if sum(planned.values()) > ANALYZE_AFTER_ROWS and connection.vendor == "postgresql":
        # Fresh statistics, or the delivery queries right after planning see an "empty" table.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Reminder._meta.db_table)}")
    return planned
