"""Tasks as lists and exports show them: with their document, but not the document's body;
and the tasks of a unit's subtree, filtered through indexes.

A document's full text and its extraction JSON run to hundreds of kilobytes; a list row
shows the document's number, subject and confidentiality only. Every page, export and
command that lists tasks with their document goes through `with_document`.
"""

from django.db.models import Exists, OuterRef, Q

from dieuhanh.org.models import Unit
from dieuhanh.tasks.constants import ChangeStatus, TaskState
from dieuhanh.tasks.models import DeadlineChange

DOCUMENT_BODY = ("text", "extraction")


def in_subtree(unit: Unit) -> Q:
    """Tasks tracked by `unit` or led by it or a unit below it (a commune's tasks).

    As ids of the units below (`owner_id IN (…) OR lead_unit_id IN (…)`), which the task's owner
    and lead-unit indexes answer, not as `owner.path LIKE … OR lead_unit.path LIKE …` on joined
    rows, which reads every task: a commune's 1% of the province costs 1 ms instead of 100.
    The ids are read first (a commune has about ten units): PostgreSQL cannot answer an OR of
    two IN (subquery) through the indexes and reads the whole table instead.
    """
    units = list(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))
    return Q(owner__in=units) | Q(lead_unit__in=units)


def with_document(queryset, via: str = "document"):
    """`queryset` with the document joined (`via`: the path to it), its text and extraction left out."""
    return queryset.select_related(via).defer(*(f"{via}__{name}" for name in DOCUMENT_BODY))


def awaiting_decision() -> Q:
    """Tasks waiting for a leader: a completion to confirm (chờ xác nhận) or an extension to decide
    (chờ duyệt)."""
    extension = DeadlineChange.objects.filter(task_id=OuterRef("pk"), status=ChangeStatus.REQUESTED)
    return Q(state=TaskState.AWAITING_APPROVAL) | Q(Exists(extension))
