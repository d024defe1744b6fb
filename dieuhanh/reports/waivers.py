"""Lateness waived for an objective cause (nguyên nhân khách quan).

A unit that cannot meet a deadline for a cause beyond it asks for an extension; the leader
who approves it may recognise the cause as objective (`DeadlineChange.objective`). Such an
approval waives the task's lateness up to the date it granted: a task finished late against
its original deadline but by that date loses nothing in the rankings (when the province's
formula forgives objective causes), while a task late even against the extended date stays
late. Only approvals decided by the day judged count, so a past period keeps its result.

`annotate_waivers` adds `waived_until` to a task queryset; `is_waived` is the rule; `waivers_of`
gives the approvals themselves, for the explanation beside a score. The Nghị định 335
evaluation reads the same three.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from dieuhanh.tasks.constants import ChangeStatus
from dieuhanh.tasks.models import DeadlineChange


def _approved_by(as_of: datetime.date):
    until = datetime.datetime.combine(
        as_of + datetime.timedelta(days=1), datetime.time(), tzinfo=timezone.get_current_timezone()
    )
    return DeadlineChange.objects.filter(status=ChangeStatus.APPROVED, objective=True, decided_at__lt=until)


def annotate_waivers(queryset, as_of: datetime.date):
    """Tasks with `waived_until`: the latest date an objective extension approved by `as_of` granted."""
    latest = _approved_by(as_of).filter(task_id=OuterRef("pk")).order_by("-new_date", "-id")
    return queryset.annotate(waived_until=Subquery(latest.values("new_date")[:1]))


def is_waived(late: bool, judged_on: datetime.date | None, waived_until: datetime.date | None) -> bool:
    """A late task is waived when the day it is judged on (its completion, or the day judged for an
    open task) is not after the date the objective extension granted."""
    return bool(late and waived_until and judged_on and judged_on <= waived_until)


@dataclass(frozen=True)
class Waiver:
    """The approval behind a waiver: what was granted, why, by whom and when."""

    task_id: int
    new_date: datetime.date
    reason: str
    decided_on: datetime.date | None
    decided_by: str

    def describe(self) -> str:
        who = f", {self.decided_by} duyệt" if self.decided_by else ", đã duyệt"
        when = f" ngày {self.decided_on:%d/%m/%Y}" if self.decided_on else ""
        return f"gia hạn đến {self.new_date:%d/%m/%Y} do nguyên nhân khách quan: {self.reason}{who}{when}"


def waivers_of(task_ids, as_of: datetime.date) -> dict[int, Waiver]:
    """The objective extension each task's waiver rests on (the one granting the latest date)."""
    found: dict[int, Waiver] = {}
    changes = (
        _approved_by(as_of)
        .filter(task_id__in=list(task_ids))
        .select_related("decided_by")
        .order_by("task_id", "-new_date", "-id")
    )
    for change in changes:
        if change.task_id not in found:
            found[change.task_id] = Waiver(
                task_id=change.task_id,
                new_date=change.new_date,
                reason=change.reason,
                decided_on=timezone.localtime(change.decided_at).date() if change.decided_at else None,
                decided_by=str(change.decided_by) if change.decided_by else "",
            )
    return found
