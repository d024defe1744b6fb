"""Cascade: a province duty fans out to every commune; a commune breaks a task down for its departments."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Avg, Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from dieuhanh.core.audit import acting_as, record_created
from dieuhanh.org.constants import UnitKind
from dieuhanh.org.models import Unit
from dieuhanh.tasks.access import TaskRelation
from dieuhanh.tasks.constants import DeadlineKind, TaskState
from dieuhanh.tasks.models import ProgressReport, Task
from dieuhanh.tasks.search_index import index_tasks
from dieuhanh.tasks.services.errors import ServiceError
from dieuhanh.tasks.services.guard import require, require_open
from dieuhanh.tasks.services.recurrence import create_occurrences


@transaction.atomic
def fan_out(task: Task, actor=None) -> list[Task]:
    """One child task per active commune under the task's organisation; idempotent.

    The children are written in one INSERT and their audit events in another, whatever the
    number of communes (a province has about a hundred).
    """
    if actor is not None:
        require(actor, task, TaskRelation.may_manage, "giao nhiệm vụ cho các xã")
    communes = list(
        Unit.objects.filter(parent=task.owner, kind=UnitKind.COMMUNE, is_active=True).order_by(
            "sort_order", "name"
        )
    )
    if not communes:
        raise ServiceError(f"{task.owner} không có xã, phường nào để giao nhiệm vụ.")
    done = set(task.children.values_list("owner_id", flat=True))
    with acting_as(actor):
        created = Task.objects.bulk_create(
            [task.new_child(parent=task, owner=c, lead_unit=c) for c in communes if c.pk not in done]
        )
        record_created(created)
        index_tasks(Task.objects.filter(pk__in=[c.pk for c in created]))  # bulk_create sends no signal
        for child in created:
            if child.deadline_kind == DeadlineKind.RECURRING:
                create_occurrences(child, actor=actor)
        if not task.fan_out:
            task.fan_out = True
            task.save(update_fields=["fan_out", "updated_at"])
    return created


@dataclass(frozen=True)
class SubtaskSpec:
    lead_unit: Unit
    text: str
    coordinators: tuple[Unit, ...] = ()
    deadline: object = None


@transaction.atomic
def break_down(task: Task, actor, specs: list[SubtaskSpec]) -> list[Task]:
    """A commune splits its task into tasks for its own departments."""
    require(actor, task, TaskRelation.may_manage, "chia nhỏ nhiệm vụ")
    require_open(task)
    org = task.owner
    created = []
    with acting_as(actor):
        for spec in specs:
            if not spec.lead_unit.path.startswith(org.path):
                raise ServiceError(f"{spec.lead_unit} không thuộc {org}.")
            if not (spec.text or "").strip():
                raise ServiceError("Cần nhập nội dung nhiệm vụ con.")
            deadline = spec.deadline or task.deadline
            child = task.new_child(
                parent=task,
                owner=org,
                lead_unit=spec.lead_unit,
                text=spec.text.strip(),
                summary=spec.text.strip()[:300],
                deadline=deadline,
                original_deadline=deadline,
                deadline_kind=DeadlineKind.DATE if deadline else task.deadline_kind,
            )
            child.save()
            child.coordinators.set([u for u in spec.coordinators if u.pk != spec.lead_unit.pk])
            created.append(child)
    return created


@dataclass(frozen=True)
class Rollup:
    children: int
    done: int
    cancelled: int
    average_percent: Decimal | None


def latest_percent():
    """The percent of a task's latest progress report (done counts as 100)."""
    latest = (
        ProgressReport.objects.filter(task_id=OuterRef("pk"))
        .order_by("-reported_on", "-id")
        .values("percent")[:1]
    )
    return Coalesce(Subquery(latest), 0)


def rollup(task: Task) -> Rollup:
    """The children's progress rolled up (cancelled children left out of the average), in one query."""
    percent = Case(
        When(state=TaskState.DONE, then=Value(100)), default=latest_percent(), output_field=IntegerField()
    )
    stats = task.children.annotate(pct=percent).aggregate(
        children=Count("pk"),
        done=Count("pk", filter=Q(state=TaskState.DONE)),
        cancelled=Count("pk", filter=Q(state=TaskState.CANCELLED)),
        average=Avg("pct", filter=~Q(state=TaskState.CANCELLED)),
    )
    average = stats.pop("average")
    return Rollup(
        average_percent=None if average is None else Decimal(str(average)).quantize(Decimal("0.1")), **stats
    )
