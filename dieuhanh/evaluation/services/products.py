"""An official's products for a period, read from their assigned tasks.

A product is a task (a recurring duty counts by its occurrences, never by its series head)
given to the person with the task page's "Giao cho cán bộ", tracked by the sheet's
organisation, neither cancelled nor paused. It counts in a period when

- it was completed (approved, or claimed and awaiting approval) inside the period, or
- its deadline falls inside the period and has passed (the deadline day is over), unless it
  was completed before the period began (it was judged then).

So a task not yet due never lowers a score, and a task due in January and delivered in
February counts in both months: January shows it unfinished, February delivered late.

Its state is judged at the end of the period (today, for a period still running): done when
completed by then; late when completed after its original deadline (an extension moves the
deadline, not the judgement, as in the status engine), or still open after its deadline.
An extension approved as an objective cause waives the deductions, as the leader's approval of
an objective cause on the sheet does, by the rule the unit rankings use (reports/waivers.py): only
up to the date it granted, and only when approved by the day judged.
"""

import datetime

from django.db.models import Q

from dieuhanh.documents.constants import Confidentiality
from dieuhanh.evaluation.models import Product, Sheet
from dieuhanh.reports.waivers import Waiver, is_waived, waivers_of
from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.models import Task

COMPLETED = (TaskState.DONE, TaskState.AWAITING_APPROVAL)
# The fields copied from the task each time the list is brought up to date.
FROM_TASK = (
    "document_id",
    "confidential",
    "title",
    "deadline",
    "judged_deadline",
    "completed_on",
    "done",
    "awaiting_approval",
    "late",
    "extension_objective",
)


def assigned_tasks(sheet: Sheet):
    return (
        Task.objects.trackable()
        .filter(assignees=sheet.person, owner__path__startswith=sheet.period.organisation.path)
        .exclude(state__in=[TaskState.CANCELLED, TaskState.PAUSED])
    )


def counted_tasks(sheet: Sheet, today: datetime.date):
    start, end = sheet.period.start, sheet.period.end
    completed = Q(state__in=COMPLETED, completed_on__gte=start, completed_on__lte=min(end, today))
    due = Q(deadline__gte=start, deadline__lte=end, deadline__lt=today) & ~Q(
        state__in=COMPLETED, completed_on__lt=start
    )
    return assigned_tasks(sheet).filter(completed | due).select_related("document")


def not_yet_due(sheet: Sheet, today: datetime.date) -> int:
    """Open products due later in the period: shown apart, never scored."""
    return (
        assigned_tasks(sheet)
        .filter(
            state=TaskState.OPEN, deadline__gte=max(today, sheet.period.start), deadline__lte=sheet.period.end
        )
        .count()
    )


def task_facts(task: Task, as_of: datetime.date, waiver: Waiver | None) -> dict:
    """The product as judged on `as_of` (the period's end, or today while it runs)."""
    judged = task.original_deadline or task.deadline
    done = task.state in COMPLETED and task.completed_on is not None and task.completed_on <= as_of
    # Counted while open means its deadline is over: late.
    late = (judged is not None and task.completed_on > judged) if done else True
    objective = is_waived(late, task.completed_on if done else as_of, waiver.new_date if waiver else None)
    document = task.document
    return {
        "document_id": task.document_id,
        "confidential": bool(document and document.confidentiality != Confidentiality.NORMAL),
        "title": (task.summary or task.text)[:300],
        "deadline": task.deadline,
        "judged_deadline": judged,
        "completed_on": task.completed_on if done else None,
        "done": done,
        "awaiting_approval": done and task.state == TaskState.AWAITING_APPROVAL,
        "late": late,
        "extension_objective": objective,
    }


def sync_products(sheet: Sheet, today: datetime.date) -> None:
    """Bring the sheet's product list up to date with the tasks, keeping what people entered on it.

    Rows change only where the task did (the audit log shows real changes); products that no
    longer count are removed. The caller sets the actor (`acting_as`) and holds the transaction.
    """
    tasks = list(counted_tasks(sheet, today))
    as_of = min(sheet.period.end, today)
    waivers = waivers_of([t.pk for t in tasks], as_of)
    existing = {p.task_id: p for p in sheet.products.all()}
    for task in tasks:
        facts = task_facts(task, as_of, waivers.get(task.pk))
        product = existing.pop(task.pk, None)
        if product is None:
            Product.objects.create(sheet=sheet, task=task, **facts)
            continue
        changed = [name for name in FROM_TASK if getattr(product, name) != facts[name]]
        if changed:
            for name in changed:
                setattr(product, name, facts[name])
            product.save(update_fields=changed)
    for gone in existing.values():
        gone.delete()
    Sheet.objects.filter(pk=sheet.pk).update(products_as_of=today)
    sheet.products_as_of = today
