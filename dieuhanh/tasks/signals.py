"""Keeps a task's lead unit out of its coordinators, whichever way they are added; its last report
date (`Task.last_reported_on`) equal to its latest progress report's; and its confidential flag
(`Task.confidential`, read by the access rule) equal to its document's confidentiality."""

from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from dieuhanh.documents.models import Document
from dieuhanh.tasks.models import LEAD_IS_COORDINATOR, ProgressReport, Task, note_last_reports


@receiver(m2m_changed, sender=Task.coordinators.through, dispatch_uid="lead-not-coordinator")
def refuse_lead_as_coordinator(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "pre_add" or not pk_set:
        return
    if not reverse and instance.lead_unit_id in pk_set:
        raise ValidationError(LEAD_IS_COORDINATOR)
    if reverse and Task.objects.filter(pk__in=pk_set, lead_unit=instance).exists():
        raise ValidationError(LEAD_IS_COORDINATOR)


@receiver(post_save, sender=ProgressReport, dispatch_uid="last-report-saved")
@receiver(post_delete, sender=ProgressReport, dispatch_uid="last-report-deleted")
def report_changed(sender, instance, **kwargs):
    note_last_reports([instance.task_id])


@receiver(pre_save, sender=Document, dispatch_uid="confidentiality-before")
def note_confidentiality_change(sender, instance, raw=False, **kwargs):
    instance._confidentiality_moved = not instance._state.adding and instance.changed_since_loaded(
        "confidentiality"
    )


@receiver(post_save, sender=Document, dispatch_uid="confidentiality-after")
def write_confidentiality_to_tasks(sender, instance, created, raw=False, **kwargs):
    if getattr(instance, "_confidentiality_moved", False):
        Task.objects.filter(document=instance).exclude(confidential=instance.is_confidential).update(
            confidential=instance.is_confidential
        )
