"""Shared by the task pages: the visible task or a 404, and the organisation roles."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from dieuhanh.org.access import access_of
from dieuhanh.tasks.access import visible_tasks
from dieuhanh.tasks.models import Task

PAGE_SIZE = 25


def visible_task_or_404(request, pk: int, queryset=None) -> Task:
    """A task the person may see; anything else is "not found", so its existence is not revealed."""
    if queryset is None:
        queryset = Task.objects.select_related("lead_unit", "owner", "document")
    return get_object_or_404(visible_tasks(access_of(request), queryset), pk=pk)


def require_org_role(access) -> None:
    from dieuhanh.org.access import ORG_ROLES

    if not (access.is_superuser or access.has_role(*ORG_ROLES)):
        raise Http404
