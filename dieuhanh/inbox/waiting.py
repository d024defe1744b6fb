""" "Việc chờ tôi": everything waiting for one person, each with the page where they act.

- completion requests to confirm and extensions to decide: for the leaders (and admins) of the
  organisation that tracks the task (not those of the province above a commune);
- tasks returned (thực hiện lại), directions not yet answered by a progress report, and new tasks
  nobody has reported on yet: for the lead unit's working members, the people assigned (and, for
  a return, whoever asked for the completion);
- import drafts to review: for the organisation's admins, leaders and trackers.

Every part is one query over the tasks this person may see (the unit tree and "Mật": a
confidential task waits only for the people named on it). A viewer only reads: nothing waits for
them. `waiting_for` runs one query per part; `waiting_count`, for the navigation, one in all.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from dieuhanh.intake.models import ImportDraft
from dieuhanh.org.access import Access
from dieuhanh.org.constants import Role
from dieuhanh.org.models import Unit
from dieuhanh.tasks.access import DECIDERS, MANAGERS, confidential_filter, visible_tasks
from dieuhanh.tasks.constants import ChangeStatus, TaskState
from dieuhanh.tasks.models import CompletionRequest, DeadlineChange, Direction, ProgressReport, Task

# A task stays "new" until someone reports on it, for this long after it was given.
NEW_TASK_DAYS = 14
# The most rows a part shows on the page; the rest are reached through the task list.
SHOWN = 100
RETURNED_PREFIX = "Thực hiện lại"
NOT_DOERS = (Role.VIEWER, Role.ADMIN)


class Part(models.TextChoices):
    COMPLETION = "completion", "Đề nghị xác nhận hoàn thành cần xem xét"
    EXTENSION = "extension", "Đề nghị gia hạn cần quyết định"
    RETURNED = "returned", "Nhiệm vụ bị trả lại, cần thực hiện lại"
    DIRECTION = "direction", "Ý kiến chỉ đạo nhận được"
    NEW_TASK = "new_task", "Nhiệm vụ mới được giao"
    DRAFT = "draft", "Bản nháp nhiệm vụ chờ rà soát"


@dataclass(frozen=True)
class Item:
    part: str
    title: str
    url: str
    since: datetime.datetime | None
    note: str = ""
    lead_unit: str = ""
    deadline: datetime.date | None = None


@dataclass(frozen=True)
class Section:
    part: str
    title: str
    items: list[Item]
    more: bool  # more than SHOWN are waiting


def _decided_here(access: Access) -> Q:
    """Tasks tracked by the organisation this person decides for (a leader or admin there). A
    province leader may decide a commune's task too, but it waits for the commune's own leaders;
    a superuser's power to decide everything makes nothing wait for them either."""
    return Q(owner__in=Unit.objects.filter(path__in=access.org_paths(DECIDERS)).values("pk"))


def _done_here(access: Access, with_requester: bool = False) -> Q:
    """Tasks this person works on: led by their unit (as TaskRelation.in_lead_unit says, without the
    read-only and admin roles, as reminders chase them) or assigned to them.

    As `lead_unit IN (…) OR id IN (…)`, which the lead-unit index and the assignees' table answer,
    never an EXISTS tried on every task of the province."""
    units = Q(pk__in=[m.unit_id for m in access.memberships if m.role not in NOT_DOERS])
    for path in access.unit_paths:
        units |= Q(path__startswith=path)
    assigned = Task.assignees.through.objects.filter(user_id=access.user.pk).values("task_id")
    scope = Q(lead_unit__in=Unit.objects.filter(units).values("pk")) | Q(pk__in=assigned)
    if with_requester:
        asked = CompletionRequest.objects.filter(status=ChangeStatus.REJECTED, requested_by=access.user.pk)
        scope |= Q(pk__in=asked.values("task_id"))
    return scope


def _tasks(access: Access) -> QuerySet:
    return visible_tasks(access, Task.objects.trackable()).order_by()


def _managed_organisations(access: Access) -> QuerySet:
    """The organisations whose imports wait for this person: by their role there, as for decisions."""
    return Unit.objects.filter(path__in=access.org_paths(MANAGERS))


def querysets(access: Access, now: datetime.datetime | None = None) -> dict[str, QuerySet]:
    """One queryset per part (nothing at all for a person not signed in)."""
    if access.user is None:
        return {}
    now = now or timezone.now()
    tasks = _tasks(access)
    pending_since = Subquery(
        CompletionRequest.objects.filter(task_id=OuterRef("pk"), status=ChangeStatus.REQUESTED)
        .order_by("-requested_at")
        .values("requested_at")[:1]
    )
    answered = ProgressReport.objects.filter(
        task_id=OuterRef("task_id"), created_at__gt=OuterRef("created_at")
    )
    reported = ProgressReport.objects.filter(task_id=OuterRef("pk"))
    decide = _decided_here(access)
    return {
        Part.COMPLETION: tasks.filter(decide, state=TaskState.AWAITING_APPROVAL)
        .annotate(since=pending_since)
        .select_related("lead_unit"),
        Part.EXTENSION: DeadlineChange.objects.filter(
            status=ChangeStatus.REQUESTED,
            task__in=tasks.filter(decide, state__in=[TaskState.OPEN, TaskState.AWAITING_APPROVAL]).values(
                "pk"
            ),
        ).select_related("task", "task__lead_unit"),
        Part.RETURNED: tasks.filter(
            _done_here(access, with_requester=True),
            state=TaskState.OPEN,
            state_reason__startswith=RETURNED_PREFIX,
        ).select_related("lead_unit"),
        Part.DIRECTION: Direction.objects.filter(
            task__in=tasks.filter(_done_here(access), state=TaskState.OPEN).values("pk")
        )
        .exclude(author=access.user.pk)
        .exclude(Exists(answered))
        .select_related("task", "task__lead_unit", "author"),
        Part.NEW_TASK: tasks.filter(
            _done_here(access),
            state=TaskState.OPEN,
            created_at__gte=now - datetime.timedelta(days=NEW_TASK_DAYS),
        )
        .exclude(Exists(reported))
        .exclude(state_reason__startswith=RETURNED_PREFIX)
        .select_related("lead_unit"),
        # Managing the organisation is seeing its documents; only "Mật" is left to check.
        Part.DRAFT: ImportDraft.objects.filter(
            confidential_filter(access, prefix="document__"),
            status=ImportDraft.Status.PENDING,
            organisation__in=_managed_organisations(access),
        ).select_related("document", "organisation"),
    }


def _task_item(part: str, task: Task, since, note: str = "", anchor: str = "") -> Item:
    return Item(
        part=part,
        title=str(task),
        url=reverse("tasks:detail", args=[task.pk]) + anchor,
        since=since,
        note=note,
        lead_unit=task.lead_unit.name,
        deadline=task.deadline,
    )


def _items(part: str, rows) -> list[Item]:
    if part == Part.COMPLETION:
        return [
            _task_item(
                part, t, t.since, f"Đơn vị báo hoàn thành ngày {t.completed_on:%d/%m/%Y}", "#decisions"
            )
            for t in rows
        ]
    if part == Part.EXTENSION:
        return [
            _task_item(
                part,
                c.task,
                c.requested_at,
                f"Đề nghị gia hạn đến {c.new_date:%d/%m/%Y}: {c.reason}",
                "#decisions",
            )
            for c in rows
        ]
    if part == Part.RETURNED:
        return [_task_item(part, t, t.updated_at, t.state_reason, "#actions") for t in rows]
    if part == Part.DIRECTION:
        return [
            _task_item(part, d.task, d.created_at, f"{d.author or 'Lãnh đạo'}: {d.text}", "#actions")
            for d in rows
        ]
    if part == Part.NEW_TASK:
        return [_task_item(part, t, t.created_at, "Chưa có báo cáo tiến độ", "#actions") for t in rows]
    return [
        Item(
            part=part,
            title=str(d.document),
            url=reverse("intake:review", args=[d.pk]),
            since=d.created_at,
            note=f"Nhập vào {d.organisation.name}",
        )
        for d in rows
    ]


ORDER = {
    Part.COMPLETION: ["since", "pk"],
    Part.EXTENSION: ["requested_at", "pk"],
    Part.RETURNED: ["-updated_at", "pk"],
    Part.DIRECTION: ["-created_at", "-pk"],
    Part.NEW_TASK: ["-created_at", "-pk"],
    Part.DRAFT: ["created_at", "pk"],
}


def waiting_for(access: Access, now: datetime.datetime | None = None) -> list[Section]:
    """The parts with something waiting, in the order of `Part`; one query each."""
    sections = []
    for part, qs in querysets(access, now).items():
        rows = list(qs.order_by(*ORDER[part])[: SHOWN + 1])
        if rows:
            sections.append(
                Section(
                    part=part,
                    title=Part(part).label,
                    items=_items(part, rows[:SHOWN]),
                    more=len(rows) > SHOWN,
                )
            )
    return sections


def waiting_count(access: Access, now: datetime.datetime | None = None) -> int:
    """How many things wait for this person, in one query (for the navigation)."""
    parts = [qs.order_by().values_list("pk") for qs in querysets(access, now).values()]
    if not parts:
        return 0
    return parts[0].union(*parts[1:], all=True).count()
