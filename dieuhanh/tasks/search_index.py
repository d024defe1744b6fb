"""The folded words of each task for the task list's search: the số/ký hiệu of its document, its
summary and text, and its lead unit. Written whenever one of them is saved; a bulk insert (cascade,
the bench data) calls `index_tasks` itself."""

from django.db import models

from dieuhanh.core.search import SearchIndex, search_key


class TaskSearch(SearchIndex):
    task = models.OneToOneField("tasks.Task", on_delete=models.CASCADE, primary_key=True, related_name="+")

    class Meta:
        verbose_name = "chỉ mục tìm kiếm nhiệm vụ"


SOURCES = ("document__number", "document__symbol", "summary", "text", "lead_unit__name")
TASK_FIELDS = {"text", "summary", "lead_unit", "lead_unit_id", "document", "document_id"}


def index_tasks(tasks) -> None:
    """(Re)write the index of `tasks` (a queryset of Task), in two queries."""
    values = tasks.values_list("pk", *SOURCES)
    rows = [TaskSearch(task_id=pk, folded=search_key(*rest)) for pk, *rest in values]
    TaskSearch.objects.bulk_create(
        rows, batch_size=2000, update_conflicts=True, unique_fields=["task"], update_fields=["folded"]
    )


WATCHED = ("text", "summary", "lead_unit_id", "document_id")


def _task_changing(sender, instance, raw=False, **kwargs):
    # A change of state or deadline leaves the words alone: no write to the index then.
    instance._search_stale = instance.pk is None or any(map(instance.changed_since_loaded, WATCHED))


def _task_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not getattr(instance, "_search_stale", True):
        return
    if update_fields is not None and not TASK_FIELDS & set(update_fields):
        return
    document = instance.document
    folded = search_key(
        document.number if document else "",
        document.symbol if document else "",
        instance.summary,
        instance.text,
        instance.lead_unit.name,
    )
    TaskSearch.objects.bulk_create(
        [TaskSearch(task_id=instance.pk, folded=folded)],
        update_conflicts=True,
        unique_fields=["task"],
        update_fields=["folded"],
    )


def _document_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not {"number", "symbol"} & set(update_fields)):
        return
    index_tasks(instance.tasks.all())


def _unit_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    if raw or created or (update_fields is not None and "name" not in update_fields):
        return
    index_tasks(instance.led_tasks.all())


def connect_signals():
    from django.db.models.signals import post_save, pre_save

    from dieuhanh.documents.models import Document
    from dieuhanh.org.models import Unit
    from dieuhanh.tasks.models import Task

    pre_save.connect(_task_changing, sender=Task, dispatch_uid="task_search_index_changing")
    post_save.connect(_task_saved, sender=Task, dispatch_uid="task_search_index")
    post_save.connect(_document_saved, sender=Document, dispatch_uid="task_search_index_document")
    post_save.connect(_unit_saved, sender=Unit, dispatch_uid="task_search_index_unit")
