"""Which tasks a person sees, and what they may do on one (see dieuhanh.org.access)."""

from functools import cached_property

from django.db.models import Exists, OuterRef, Q

from dieuhanh.documents.constants import Confidentiality
from dieuhanh.documents.models import Document
from dieuhanh.org.access import Access
from dieuhanh.org.constants import Role
from dieuhanh.org.models import Unit
from dieuhanh.tasks.models import Task

SECRET_LEVELS = [c for c in Confidentiality.values if c != Confidentiality.NORMAL]


def confidential_filter(access: Access, prefix: str = "document__") -> Q:
    """Rows that are not confidential, or whose document names this person."""
    named = Document.allowed_people.through.objects.filter(
        document_id=OuterRef(f"{prefix}pk"), user_id=access.user.pk
    )
    return ~Q(**{f"{prefix}confidentiality__in": SECRET_LEVELS}) | Q(Exists(named))


def named_on_document(access: Access) -> Q:
    """Tasks whose document is confidential and names this person, or not confidential: read from
    the task's stored flag (`Task.confidential`, kept equal to the document's confidentiality by
    models.py and signals.py), so the document is looked at only for the few confidential tasks."""
    named = Document.allowed_people.through.objects.filter(
        document_id=OuterRef("document_id"), user_id=access.user.pk
    )
    return Q(confidential=False) | Q(Exists(named))


def units_under(paths):
    """The units at or below any of `paths` (ids, as a subquery)."""
    below = Q(pk__in=[])
    for path in paths:
        below |= Q(path__startswith=path)
    return Unit.objects.filter(below).values("pk")


def visible_tasks(access: Access, queryset=None):
    """Every task `access` may see, as one query (no DISTINCT: coordinators are tested with EXISTS).

    Every condition is on the task row's own columns: the units in scope as subqueries the
    database works out once, confidentiality as the task's stored flag. No join per task, so
    counts over a province's tasks read only an index of the task table (`task_figures`,
    models.py) instead of the table and two units and a document per row.
    """
    qs = Task.objects.all() if queryset is None else queryset
    if access.user is None:
        return qs.none()
    if not access.is_superuser:
        scope = Q(pk__in=[])
        if paths := access.org_paths():
            units = units_under(paths)
            # A province's leader acts for every unit: the database sees once that no unit lies
            # outside (a constant subquery) and then scans instead of walking two indexes per unit.
            everything = ~Exists(Unit.objects.exclude(pk__in=units))
            scope |= Q(everything) | Q(owner__in=units) | Q(lead_unit__in=units)
        if access.unit_paths:
            units = units_under(access.unit_paths)
            coordinates = Task.coordinators.through.objects.filter(unit__in=units, task_id=OuterRef("pk"))
            scope |= Q(lead_unit__in=units) | Q(Exists(coordinates))
        qs = qs.filter(scope)
    return qs.filter(named_on_document(access))


def visible_documents(access: Access, queryset=None):
    qs = Document.objects.all() if queryset is None else queryset
    if access.user is None:
        return qs.none()
    if not access.is_superuser:
        scope = Q(pk__in=[])
        for path in access.org_paths():
            scope |= Q(owner__path__startswith=path)
        if access.unit_paths:
            # A member sees the documents that gave their unit a task.
            tasks = visible_tasks(access, Task.objects.filter(document_id=OuterRef("pk")))
            scope |= Q(Exists(tasks))
        qs = qs.filter(scope)
    return qs.filter(confidential_filter(access, prefix=""))


MANAGERS = (Role.ADMIN, Role.LEADER, Role.TRACKER)
DECIDERS = (Role.ADMIN, Role.LEADER)


class TaskRelation:
    """What one person is to one task, worked out once: the task page shows its buttons from it,
    and every task service checks it (services/guard.py).

    Seeing the task costs one query, unless the caller already knows (the page found the task
    among the visible ones); the coordinators are read only when the answer depends on them,
    from the prefetched list when there is one.
    """

    def __init__(self, access: Access, task: Task, *, visible: bool | None = None):
        self.access, self.task = access, task
        if visible is None:
            visible = visible_tasks(access, Task.objects.filter(pk=task.pk)).exists()
        self.visible = visible

    @cached_property
    def in_lead_unit(self) -> bool:
        return self.access.is_member_of(self.task.lead_unit)

    @cached_property
    def in_coordinating_unit(self) -> bool:
        return any(self.access.is_member_of(unit) for unit in self.task.coordinators.all())

    @cached_property
    def for_owner(self) -> bool:
        """A tracker, leader or admin of the organisation that tracks the task."""
        return self.access.acts_for(self.task.owner, MANAGERS)

    def may_view(self) -> bool:
        return self.visible

    def may_manage(self) -> bool:
        """Edit, assign, pause, cancel, star: the trackers and leaders of the organisation."""
        return self.visible and self.for_owner

    def may_decide(self) -> bool:
        """Approve or reject completion and extensions, give directions: the organisation's leaders."""
        return self.visible and self.access.acts_for(self.task.owner, DECIDERS)

    def may_report(self) -> bool:
        """Report progress: the lead unit, the coordinating units, and the tracking office."""
        return self.visible and (self.in_lead_unit or self.for_owner or self.in_coordinating_unit)

    def may_act_as_lead(self) -> bool:
        """Claim completion, ask for an extension, assign people: the lead unit or the tracking office."""
        return self.visible and (self.in_lead_unit or self.for_owner)


# One question about one task, for callers that ask only that one (notify, reports, imports).
def can_view(access: Access, task: Task) -> bool:
    return TaskRelation(access, task).may_view()


def can_manage(access: Access, task: Task) -> bool:
    return TaskRelation(access, task).may_manage()


def can_decide(access: Access, task: Task) -> bool:
    return TaskRelation(access, task).may_decide()


def can_report(access: Access, task: Task) -> bool:
    return TaskRelation(access, task).may_report()


def can_act_as_lead(access: Access, task: Task) -> bool:
    return TaskRelation(access, task).may_act_as_lead()


def manageable_tasks(access: Access, queryset=None):
    """The tasks `can_manage` allows, as one query (for imports that touch many tasks at once)."""
    qs = visible_tasks(access, queryset)
    if access.is_superuser:
        return qs
    scope = Q(pk__in=[])
    for path in access.org_paths(MANAGERS):
        scope |= Q(owner__path__startswith=path)
    return qs.filter(scope)


def visible_through_task(path: str = "task"):
    """A scope for the admin: (user, rows) → the rows whose task at `path` the user may see."""

    def scope(user, queryset):
        return queryset.filter(**{f"{path}__in": visible_tasks(Access.of(user))})

    return scope


def may_change_readers(access: Access, document: Document) -> bool:
    """Who may change a document's confidentiality and the people named on it: an admin or leader
    of the organisation that owns it, by their role there (being a superuser is not enough), who
    may see the document — so nobody adds themself to a confidential document they cannot see."""
    roles_there = any(document.owner.path.startswith(path) for path in access.org_paths(DECIDERS))
    return roles_there and visible_documents(access, Document.objects.filter(pk=document.pk)).exists()
