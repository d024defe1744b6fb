"""Which tasks a person sees, and what they may do on one (see dieuhanh.org.access)."""

from django.db.models import Exists, OuterRef, Q

from dieuhanh.documents.constants import Confidentiality
from dieuhanh.documents.models import Document
from dieuhanh.org.access import Access
from dieuhanh.org.constants import Role
from dieuhanh.tasks.models import Task

SECRET_LEVELS = [c for c in Confidentiality.values if c != Confidentiality.NORMAL]


def confidential_filter(access: Access, prefix: str = "document__") -> Q:
    """Rows that are not confidential, or whose document names this person."""
    named = Document.allowed_people.through.objects.filter(
        document_id=OuterRef(f"{prefix}pk"), user_id=access.user.pk
    )
    return ~Q(**{f"{prefix}confidentiality__in": SECRET_LEVELS}) | Q(Exists(named))


def visible_tasks(access: Access, queryset=None):
    """Every task `access` may see, as one query (no DISTINCT: coordinators are tested with EXISTS)."""
    qs = Task.objects.all() if queryset is None else queryset
    if access.user is None:
        return qs.none()
    if not access.is_superuser:
        scope = Q(pk__in=[])
        for path in access.org_paths():
            scope |= Q(owner__path__startswith=path) | Q(lead_unit__path__startswith=path)
        if access.unit_paths:
            unit_q = Q(pk__in=[])
            coord_q = Q(pk__in=[])
            for path in access.unit_paths:
                unit_q |= Q(lead_unit__path__startswith=path)
                coord_q |= Q(unit__path__startswith=path)
            coordinates = Task.coordinators.through.objects.filter(coord_q, task_id=OuterRef("pk"))
            scope |= unit_q | Q(Exists(coordinates))
        qs = qs.filter(scope)
    return qs.filter(confidential_filter(access))


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


def can_view(access: Access, task: Task) -> bool:
    return visible_tasks(access, Task.objects.filter(pk=task.pk)).exists()


def is_lead_member(access: Access, task: Task) -> bool:
    return access.is_member_of(task.lead_unit)


def is_coordinator_member(access: Access, task: Task) -> bool:
    return any(access.is_member_of(unit) for unit in task.coordinators.all())


MANAGERS = (Role.ADMIN, Role.LEADER, Role.TRACKER)
DECIDERS = (Role.ADMIN, Role.LEADER)


def can_manage(access: Access, task: Task) -> bool:
    """Edit, assign, pause, cancel: the trackers and leaders of the organisation that tracks it."""
    return can_view(access, task) and access.acts_for(task.owner, MANAGERS)


def manageable_tasks(access: Access, queryset=None):
    """The tasks `can_manage` allows, as one query (for imports that touch many tasks at once)."""
    qs = visible_tasks(access, queryset)
    if access.is_superuser:
        return qs
    scope = Q(pk__in=[])
    for path in access.org_paths(MANAGERS):
        scope |= Q(owner__path__startswith=path)
    return qs.filter(scope)


def can_decide(access: Access, task: Task) -> bool:
    """Approve or reject completion and extensions, give directions: the organisation's leaders."""
    return can_view(access, task) and access.acts_for(task.owner, DECIDERS)


def can_report(access: Access, task: Task) -> bool:
    """Report progress: the lead unit, the coordinating units, and the tracking office."""
    if not can_view(access, task):
        return False
    return is_lead_member(access, task) or is_coordinator_member(access, task) or can_manage(access, task)


def can_act_as_lead(access: Access, task: Task) -> bool:
    """Claim completion, ask for an extension, assign people: the lead unit or the tracking office."""
    return can_view(access, task) and (is_lead_member(access, task) or can_manage(access, task))


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
