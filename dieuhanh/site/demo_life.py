"""A live demo: the sample directives' tasks spread around today, whenever `make run` is run.

The samples hold the dates their authors wrote (mostly 2026, many duties with no deadline), so
on their own they show a dead year: nothing due this week, no work done over the last months,
nobody waiting for a decision. `bring_to_life` gives each sample task a place relative to today
(done over the last five months, overdue, due this week, later), progress reports, and the
decisions each demo login has to take; `keep_current` moves every one of those dates by the days
passed since, so a demo seeded months ago opens on the same picture.

The day the demo was brought to life is the day its sample documents were imported
(`Document.created_at`), moved along with the rest.
"""

import datetime
from itertools import cycle

from django.db import transaction
from django.utils import timezone

from dieuhanh.core.audit import acting_as
from dieuhanh.documents.models import Document
from dieuhanh.org.models import Unit, User
from dieuhanh.tasks.constants import DeadlineKind, TaskState
from dieuhanh.tasks.models import CompletionRequest, DeadlineChange, Direction, ProgressReport, Task
from dieuhanh.tasks.services.completion import reject_completion, request_completion
from dieuhanh.tasks.services.extensions import request_extension
from dieuhanh.tasks.services.handling import assign_people, give_direction
from dieuhanh.tasks.services.progress import report_progress

D = datetime.timedelta
# The place of each task of an organisation, in turn: about a third done, the rest open.
PLACES = ("done", "week", "overdue", "later", "done", "week", "later", "done", "overdue", "later")
# Units of the demo commune that take over duties the samples gave to the whole commune, so that
# every demo login of a unit has work ("canbo" in Phòng VH-XH, "congan" in Công an xã).
SHARED_OUT = ("xa-gia-loc-vhxh", "xa-gia-loc-ca")
COMMUNE = "xa-gia-loc"


def sample_documents(samples) -> list[Document]:
    return [s.document for s in samples]


def _lives(documents) -> bool:
    """Whether the demo was already brought to life: a sample task has a progress report."""
    return ProgressReport.objects.filter(task__document__in=documents).exists()


def _place(task: Task, place: str, k: int, today: datetime.date, reporter: User | None) -> None:
    """Dates and state of one task for its place; k spreads tasks of the same place apart."""
    created = today - D(days=60 + 11 * k % 120)
    if place == "done":
        completed = today - D(days=10 + 37 * k % 150)
        created = min(created, completed - D(days=30))
        deadline = completed + D(days=(-6 if k % 3 == 2 else 5))  # one in three finished late
        reports = [(completed - D(days=20), 50), (completed, 100)]
    elif place == "overdue":
        deadline = today - D(days=2 + 9 * k % 40)
        completed, reports = None, [(deadline - D(days=10), 40)]
    elif place == "week":
        deadline = today + D(days=k % 6)
        completed, reports = None, [(today - D(days=3 + k % 5), 60)]
    else:
        deadline = today + D(days=14 + 9 * k % 75)
        completed, reports = None, [(today - D(days=5 + k % 20), 20)] if k % 2 else []
    Task.objects.filter(pk=task.pk).update(
        deadline=deadline,
        original_deadline=deadline,
        deadline_kind=DeadlineKind.DATE
        if task.deadline_kind != DeadlineKind.RECURRING
        else task.deadline_kind,
        state=TaskState.DONE if completed else TaskState.OPEN,
        completed_on=completed,
        created_at=timezone.make_aware(datetime.datetime.combine(created, datetime.time(8, 0))),
    )
    ProgressReport.objects.bulk_create(
        ProgressReport(
            task=task,
            unit=task.lead_unit,
            author=reporter,
            reported_on=day,
            percent=percent,
            text="Đã hoàn thành, có báo cáo kết quả."
            if percent == 100
            else f"Đang triển khai, đạt khoảng {percent}%.",
        )
        for day, percent in reports
    )


def _reporter(unit: Unit) -> User | None:
    return User.objects.filter(memberships__unit=unit).order_by("id").first()


def _spread(documents, today: datetime.date) -> None:
    tasks = Task.objects.filter(document__in=documents, is_series=False, series=None).select_related(
        "lead_unit"
    )
    commune = Unit.objects.get(code=COMMUNE)
    shared_out = cycle(Unit.objects.filter(code__in=SHARED_OUT).order_by("code"))
    by_owner: dict[int, list[Task]] = {}
    for task in tasks.order_by("owner_id", "id"):
        if task.lead_unit_id == commune.pk and task.owner_id == commune.pk and not task.children.exists():
            task.lead_unit = next(shared_out)
            task.save(update_fields=["lead_unit"])
        by_owner.setdefault(task.owner_id, []).append(task)
    for owned in by_owner.values():
        counts = dict.fromkeys(PLACES, 0)  # the n-th task of each place, to spread their dates
        for task, place in zip(owned, cycle(PLACES)):
            _place(task, place, counts[place], today, _reporter(task.lead_unit))
            counts[place] += 1
    # A task shared among communes is due when its last commune's part is.
    for parent in Task.objects.filter(document__in=documents, children__isnull=False).distinct():
        last = max((c.deadline for c in parent.children.all() if c.deadline), default=None)
        Task.objects.filter(pk=parent.pk).update(
            deadline=last, original_deadline=last, deadline_kind=DeadlineKind.DATE
        )


def _decisions(documents, today: datetime.date) -> None:
    """Something waiting for every demo login of the commune and for the province's leader."""
    people = {
        u.username: u
        for u in User.objects.filter(username__in=["lanhdao", "chuyenvien", "canbo", "congan", "quantri"])
    }
    open_tasks = Task.objects.filter(
        document__in=documents, state=TaskState.OPEN, is_series=False, children__isnull=True
    )

    def take(unit_code: str, n: int) -> list[Task]:
        return list(open_tasks.filter(lead_unit__code=unit_code).order_by("deadline", "id")[:n])

    vhxh = take("xa-gia-loc-vhxh", 4)
    for task in vhxh:
        assign_people(task, people["chuyenvien"], [people["canbo"]])
    if len(vhxh) >= 3:
        # canbo: one returned to do again, one extension and one completion awaiting the leader.
        request_completion(vhxh[0], people["canbo"], note="Đã tổ chức tuyên truyền tại các thôn.")
        reject_completion(
            vhxh[0], people["lanhdao"], note="Bổ sung danh sách thôn đã tuyên truyền và hình ảnh."
        )
        overdue = next((t for t in vhxh if t.deadline and t.deadline < today), vhxh[1])
        request_extension(
            overdue,
            people["canbo"],
            new_date=max(overdue.deadline, today) + D(days=14),
            reason="Chờ số liệu của các thôn.",
        )
        waiting = next(t for t in vhxh[1:] if t.pk != overdue.pk)
        request_completion(waiting, people["canbo"], note="Đã hoàn thành, gửi kèm biên bản.")
    police = take("xa-gia-loc-ca", 2)
    for task in police:
        give_direction(
            task, people["lanhdao"], text="Công an xã tập trung hoàn thành trước thời hạn, báo cáo kết quả."
        )
    if police:
        report_progress(police[0], people["congan"], text="Đã rà soát 80% hộ dân.", percent=80)
    # The province's leader: a Sở's duty waiting for confirmation.
    province_task = (
        Task.objects.filter(
            document__in=documents,
            owner__code="tinh-tuyen-quang",
            state=TaskState.OPEN,
            children__isnull=True,
            is_series=False,
        )
        .exclude(lead_unit__code="tinh-tuyen-quang")
        .order_by("id")
        .first()
    )
    if province_task is not None:
        request_completion(province_task, people["quantri"], note="Sở đã hoàn thành, có báo cáo gửi kèm.")


@transaction.atomic
def bring_to_life(samples, today: datetime.date | None = None) -> bool:
    """Spread the sample tasks around today and leave decisions waiting; False when already done."""
    today = today or timezone.localdate()
    documents = sample_documents(samples)
    if not documents or _lives(documents):
        return False
    with acting_as(None, note="dieuhanh seed-demo"):
        _spread(documents, today)
        _decisions(documents, today)
    return True


def _shifted(value, days: D):
    return None if value is None else value + days


def _shift(model, rows, fields, days: D) -> None:
    objects = list(rows.only("pk", *fields))
    for obj in objects:
        for name in fields:
            setattr(obj, name, _shifted(getattr(obj, name), days))
    model.objects.bulk_update(objects, fields, batch_size=500)


@transaction.atomic
def keep_current(samples, today: datetime.date | None = None) -> int:
    """Move every date of the live demo by the days since it was brought to life; the days moved."""
    today = today or timezone.localdate()
    documents = sample_documents(samples)
    if not documents or not _lives(documents):
        return 0
    anchor = min(timezone.localtime(d.created_at).date() for d in documents)
    days = D(days=(today - anchor).days)
    if days.days <= 0:
        return 0
    tasks = Task.objects.filter(document__in=documents)
    _shift(Task, tasks, ["deadline", "original_deadline", "completed_on", "trigger_date", "created_at"], days)
    _shift(ProgressReport, ProgressReport.objects.filter(task__in=tasks), ["reported_on", "created_at"], days)
    _shift(
        DeadlineChange,
        DeadlineChange.objects.filter(task__in=tasks),
        ["old_date", "new_date", "requested_at", "decided_at"],
        days,
    )
    _shift(
        CompletionRequest,
        CompletionRequest.objects.filter(task__in=tasks),
        ["claimed_on", "requested_at", "decided_at"],
        days,
    )
    _shift(Direction, Direction.objects.filter(task__in=tasks), ["created_at"], days)
    _shift(Document, Document.objects.filter(pk__in=[d.pk for d in documents]), ["created_at"], days)
    return days.days
