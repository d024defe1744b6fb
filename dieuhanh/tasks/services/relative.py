"""Relative deadlines ("15 ngày kể từ ngày nghiệm thu"): no date until the trigger happens."""

import datetime

from django.db import transaction

from dieuhanh.core.audit import acting_as
from dieuhanh.tasks.access import TaskRelation
from dieuhanh.tasks.constants import DeadlineKind
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services.errors import ServiceError
from dieuhanh.tasks.services.guard import require, require_open
from dieuhanh.vn.workdays import add_working_days


def deadline_from_trigger(task: Task, trigger: datetime.date) -> datetime.date:
    """The trigger plus the count, in working days where the phrase says so; the day itself without a count."""
    days = task.relative_days or 0
    if task.relative_working_days:
        return add_working_days(trigger, days) if days else trigger
    return trigger + datetime.timedelta(days=days)


@transaction.atomic
def set_trigger_date(task: Task, actor, trigger: datetime.date) -> Task:
    require(actor, task, TaskRelation.may_act_as_lead, "nhập ngày xảy ra sự kiện")
    require_open(task)
    if task.deadline_kind != DeadlineKind.RELATIVE:
        raise ServiceError("Nhiệm vụ này không có thời hạn tính theo sự kiện.")
    with acting_as(actor):
        task.trigger_date = trigger
        task.deadline = deadline_from_trigger(task, trigger)
        task.original_deadline = task.deadline
        task.save()
    return task
