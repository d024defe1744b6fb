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

A task of a confidential document is the exception to all of the above: of
its audience, only the people named on the document are reminded. Anyone
else gets nothing about it (the task's text, deadline, lead unit and even
its existence are part of what is confidential).
"""

import datetime
import enum
import logging
from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Case,
    Count,
    DateField,
    DateTimeField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from dieuhanh.documents.models import Document
from dieuhanh.notify.constants import NO_PROGRESS_HORIZON_DAYS, OverdueFrequency, ReminderKind
from dieuhanh.notify.models import Reminder, policy_groups
from dieuhanh.notify.policy import PolicyGroup, Rules
from dieuhanh.notify.windows import (
    before_window,
    before_windows,
    crossing_windows,
    escalation_window,
    is_first_working_day_of_week,
)
from dieuhanh.org.constants import Role
from dieuhanh.org.models import Membership, User
from dieuhanh.tasks.access import SECRET_LEVELS
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
    weekly = rules.overdue == OverdueFrequency.WEEKLY
    if rules.overdue == OverdueFrequency.DAILY or (weekly and is_first_working_day_of_week(today)):
        overdue = tasks.filter(deadline__lt=today)
        chosen.append(Selection(ReminderKind.OVERDUE, overdue, Audience.LEAD))
        if rules.escalate_after:
            escalate = _to_escalate(overdue, today, rules.escalate_after, weekly)
            chosen.append(Selection(ReminderKind.ESCALATION, escalate, Audience.LEADERS))
    if rules.no_progress_days:
        quiet = _quiet(tasks, today, rules.no_progress_days)
        if quiet is not None:
            chosen.append(Selection(ReminderKind.NO_PROGRESS, quiet, Audience.LEAD))
    return chosen


def _quiet(tasks: QuerySet, today: datetime.date, every: int) -> QuerySet | None:
    """Tasks (not yet overdue: those are chased already) whose silence reached N, 2N ... days.

    The last activity is the latest progress report, or the day the task was created. Reports
    on a crossing day are found through the index on `reported_on` (and kept when no later
    report exists), so no subquery runs for every open task.
    """
    windows = crossing_windows(today, every, NO_PROGRESS_HORIZON_DAYS)
    if not windows:
        return None
    quiet_since = [
        after + datetime.timedelta(days=i)
        for after, up_to in windows
        for i in range(1, (up_to - after).days + 1)
    ]
    later = ProgressReport.objects.filter(
        task_id=OuterRef("task_id"), reported_on__gt=OuterRef("reported_on")
    )
    last_reports = (
        ProgressReport.objects.filter(reported_on__in=quiet_since)
        .exclude(Exists(later))
        .order_by()
        .values("task_id")
    )
    never_reported = ~Q(Exists(ProgressReport.objects.filter(task_id=OuterRef("pk"))))
    # Created on a crossing day: aware ranges, so the creation time is compared as stored.
    created_quiet = Q(pk__in=[])
    for after, up_to in windows:
        created_quiet |= Q(
            created_at__gte=_start_of(after + datetime.timedelta(days=1)),
            created_at__lt=_start_of(up_to + datetime.timedelta(days=1)),
        )
    return tasks.filter(Q(deadline__isnull=True) | Q(deadline__gte=today)).filter(
        Q(pk__in=last_reports) | (created_quiet & never_reported)
    )


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _to_escalate(overdue: QuerySet, today: datetime.date, after: int, weekly: bool) -> QuerySet:
    """Overdue tasks whose `after`-th overdue reminder was the last one before today.

    The deadline window finds the candidates by index; counting their overdue reminders since
    the current deadline then checks they really were chased (a task created already overdue,
    or an organisation that just turned reminders on, waits for its own reminders).
    """
    start, end = escalation_window(today, after, weekly)
    chased = (
        Reminder.objects.filter(
            task=OuterRef("pk"), kind=ReminderKind.OVERDUE, due_on__lt=today, due_on__gt=OuterRef("deadline")
        )
        .order_by()
        .values("task")
        .annotate(n=Count("due_on", distinct=True))
        .values("n")
    )
    return (
        overdue.filter(deadline__gte=start, deadline__lt=end)
        .annotate(chased=Coalesce(Subquery(chased, output_field=IntegerField()), 0))
        .filter(chased__gte=after)
    )


# What each audience part selects: the task, the person, and the task's document when it is confidential.
PICKED = "p.id AS task_id, m.user_id AS person_id, p.secret_document_id AS secret_document_id"


def _audience_sql(audience: Audience) -> tuple[list[str], list]:
    """SELECT (task, person, secret document) parts over the CTE `picked`
    (id, lead_unit_id, owner_id, document_id, secret_document_id)."""
    q = connection.ops.quote_name
    membership, user = q(Membership._meta.db_table), q(User._meta.db_table)
    active = f"JOIN {user} u ON u.id = m.user_id AND u.is_active = %s"
    if audience is Audience.LEADERS:
        document = q(Document._meta.db_table)
        signer_is_leader = (
            f"SELECT 1 FROM {membership} m2 JOIN {user} u2 ON u2.id = m2.user_id "
            f"WHERE m2.unit_id = p.owner_id AND m2.role = %s AND u2.full_name <> '' AND u2.full_name = d.signer"
        )
        leaders = (
            f"SELECT {PICKED} FROM picked p JOIN {membership} m ON m.unit_id = p.owner_id AND m.role = %s "
            f"{active} LEFT JOIN {document} d ON d.id = p.document_id "
            f"WHERE (u.full_name <> '' AND u.full_name = d.signer) OR NOT EXISTS ({signer_is_leader})"
        )
        heads = f"SELECT {PICKED} FROM picked p JOIN {membership} m ON m.unit_id = p.lead_unit_id AND m.is_head = %s {active}"
        return [leaders, heads], [Role.LEADER.value, True, Role.LEADER.value, True, True]
    assignees = Task.assignees.through
    # Viewers and system admins only read: they are never chased as the unit doing the work.
    doer = "AND m.role NOT IN (%s, %s)"
    doer_params = [Role.VIEWER.value, Role.ADMIN.value]
    lead = f"SELECT {PICKED} FROM picked p JOIN {membership} m ON m.unit_id = p.lead_unit_id {doer} {active}"
    assigned = (
        f"SELECT {PICKED} FROM picked p JOIN {q(assignees._meta.db_table)} m "
        f"ON m.{q(assignees._meta.get_field('task').column)} = p.id {active}"
    )
    parts, params = [lead, assigned], [*doer_params, True, True]
    if audience is Audience.LEAD_AND_COORDINATORS:
        coordinators = Task.coordinators.through
        parts.append(
            f"SELECT {PICKED} FROM picked p JOIN {q(coordinators._meta.db_table)} c "
            f"ON c.{q(coordinators._meta.get_field('task').column)} = p.id "
            f"JOIN {membership} m ON m.unit_id = c.{q(coordinators._meta.get_field('unit').column)} {doer} {active}"
        )
        params.extend([*doer_params, True])
    return parts, params


def insert_reminders(selection: Selection, today: datetime.date, now: datetime.datetime) -> int:
    """One statement: the selected tasks once (a CTE), joined to each audience, inserted as reminders.

    Reminders that exist already are left alone (ON CONFLICT DO NOTHING on the unique key).
    """
    secret_document = Case(When(document__confidentiality__in=SECRET_LEVELS, then="document_id"))
    picked = (
        selection.tasks.order_by()
        .annotate(secret_document_id=secret_document)
        .values("pk", "lead_unit_id", "owner_id", "document_id", "secret_document_id")
    )
    picked_sql, picked_params = picked.query.get_compiler(connection=connection).as_sql()
    parts, part_params = _audience_sql(selection.audience)
    q = connection.ops.quote_name
    allowed = Document.allowed_people.through
    named = (
        f"SELECT 1 FROM {q(allowed._meta.db_table)} a WHERE a.{q(allowed._meta.get_field('document').column)} "
        f"= r.secret_document_id AND a.{q(allowed._meta.get_field('user').column)} = r.person_id"
    )
    columns = ", ".join(
        q(c)
        for c in ("task_id", "person_id", "kind", "due_on", "planned_at", "attempts", "channel", "last_error")
    )
    union = " UNION ALL ".join(parts)
    # The WHERE clause also keeps SQLite from reading ON CONFLICT as part of a join.
    statement = (
        # INSERT first, CTE inside: Python's sqlite3 reports rowcount only for statements that start with INSERT.
        f"INSERT INTO {q(Reminder._meta.db_table)} ({columns}) "
        f"WITH picked (id, lead_unit_id, owner_id, document_id, secret_document_id) AS ({picked_sql}) "
        f"SELECT r.task_id, r.person_id, %s, %s, %s, 0, '', '' FROM ({union}) AS r "
        f"WHERE r.secret_document_id IS NULL OR EXISTS ({named}) ON CONFLICT DO NOTHING"
    )
    due_on = DateField().get_db_prep_value(today, connection)
    planned_at = DateTimeField().get_db_prep_value(now, connection)
    with connection.cursor() as cursor:
        cursor.execute(statement, [*picked_params, selection.kind.value, due_on, planned_at, *part_params])
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
            added = insert_reminders(selection, today, now)
            if added:
                planned[selection.kind.value] += added
    if sum(planned.values()) > ANALYZE_AFTER_ROWS and connection.vendor == "postgresql":
        # Fresh statistics, or the delivery queries right after planning see an "empty" table.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Reminder._meta.db_table)}")
    return planned
