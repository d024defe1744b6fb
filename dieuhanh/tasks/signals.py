"""Keeps a task's lead unit out of its coordinators, whichever way they are added."""

from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from dieuhanh.tasks.models import LEAD_IS_COORDINATOR, Task


@receiver(m2m_changed, sender=Task.coordinators.through, dispatch_uid="lead-not-coordinator")
def refuse_lead_as_coordinator(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "pre_add" or not pk_set:
        return
    if not reverse and instance.lead_unit_id in pk_set:
        raise ValidationError(LEAD_IS_COORDINATOR)
    if reverse and Task.objects.filter(pk__in=pk_set, lead_unit=instance).exists():
        raise ValidationError(LEAD_IS_COORDINATOR)
