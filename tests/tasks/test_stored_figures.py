"""What the task row keeps for the figures (issue 17) agrees with the live rule it stands for.

- `Task.last_reported_on` is the date of the task's latest progress report, after every way a
  report is written or removed (the service, an edit, a delete, a bulk insert);
- the update figure read from it equals the one read from the reports themselves, for a current
  period and for a past one whose tasks were reported again afterwards;
- the two ways the dashboard counts its trend (one grouped pass, ranges per month) agree;
- the access rule written on the task's own columns (tasks/access.py) sees what the rule on the
  units' paths and the documents sees, for every person of the scenario and a second province.
"""

import datetime

import pytest
import time_machine
from django.db.models import Exists, OuterRef, Q

from dieuhanh.documents.constants import Confidentiality
from dieuhanh.documents.models import Document
from dieuhanh.org.access import Access
from dieuhanh.org.constants import Role, UnitKind
from dieuhanh.tasks.access import SECRET_LEVELS, visible_tasks
from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.dashboard import _trend_chart
from dieuhanh.tasks.listing import in_subtree
from dieuhanh.tasks.models import ProgressReport, Task, note_last_reports
from dieuhanh.tasks.rates import compute_rates, reported_between
from dieuhanh.tasks.services.progress import report_progress
from tests.factories import (
    CommuneFactory,
    DocumentFactory,
    MembershipFactory,
    ProgressReportFactory,
    TaskFactory,
    UnitFactory,
)
from tests.scenario import build_scenario

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def s():
    with time_machine.travel("2026-06-10 09:00 +0700", tick=False):
        return build_scenario()


def last_report(task) -> datetime.date | None:
    return Task.objects.values_list("last_reported_on", flat=True).get(pk=task.pk)


def latest_of_the_reports(task) -> datetime.date | None:
    return (
        ProgressReport.objects.filter(task=task)
        .order_by("-reported_on")
        .values_list("reported_on", flat=True)
        .first()
    )


def test_the_last_report_date_follows_every_write_and_removal_of_a_report(s):
    task = s.task
    assert last_report(task) is None
    with time_machine.travel("2026-06-10 09:00 +0700", tick=False):
        report_progress(task, s.lead, text="Đã triển khai", percent=30)
    assert last_report(task) == D(2026, 6, 10)
    earlier = report_progress(task, s.lead, text="Bổ sung", percent=40, reported_on=D(2026, 6, 2))
    assert last_report(task) == D(2026, 6, 10)  # an earlier report does not move it back
    later = ProgressReportFactory(task=task, reported_on=D(2026, 6, 12))
    assert last_report(task) == D(2026, 6, 12)
    later.reported_on = D(2026, 6, 1)  # an edit
    later.save()
    assert last_report(task) == D(2026, 6, 10) == latest_of_the_reports(task)
    ProgressReport.objects.filter(reported_on=D(2026, 6, 10)).delete()
    assert last_report(task) == D(2026, 6, 2) == latest_of_the_reports(task)
    earlier.delete()
    later.delete()
    assert last_report(task) is None


def test_reports_inserted_in_bulk_write_the_last_report_date(s):
    other = TaskFactory(owner=s.commune, lead_unit=s.lead_unit)
    ProgressReport.objects.bulk_create(
        ProgressReport(task=task, unit=s.lead_unit, reported_on=day, text="Đã làm", percent=10)
        for task, day in ((s.task, D(2026, 5, 3)), (s.task, D(2026, 5, 9)), (other, D(2026, 4, 1)))
    )
    assert (last_report(s.task), last_report(other)) == (D(2026, 5, 9), D(2026, 4, 1))


def test_the_whole_table_can_be_written_again(s):
    ProgressReportFactory(task=s.task, reported_on=D(2026, 5, 3))
    Task.objects.update(last_reported_on=None)  # as a bulk load that sends no signal leaves it
    note_last_reports()
    assert last_report(s.task) == D(2026, 5, 3)


@pytest.mark.parametrize(
    "start, end",
    [(D(2026, 6, 1), D(2026, 6, 30)), (D(2026, 5, 1), D(2026, 5, 31)), (D(2026, 4, 1), D(2026, 4, 30))],
)
def test_the_update_figure_read_from_the_task_row_is_the_one_read_from_the_reports(s, start, end):
    """May is a past period whose tasks were reported again in June: the last report date alone
    would miss them; April has no report at all."""
    with time_machine.travel("2026-04-01 09:00 +0700", tick=False):
        tasks = [
            TaskFactory(owner=s.commune, lead_unit=s.lead_unit, deadline=D(2026, 9, 1)) for _ in range(4)
        ]
    ProgressReportFactory(task=tasks[0], reported_on=D(2026, 5, 20))
    ProgressReportFactory(task=tasks[0], reported_on=D(2026, 6, 5))  # the last one is after May
    ProgressReportFactory(task=tasks[1], reported_on=D(2026, 6, 3))
    ProgressReportFactory(task=tasks[2], reported_on=D(2026, 5, 2))
    qs = Task.objects.filter(pk__in=[t.pk for t in tasks])
    in_reports = ProgressReport.objects.filter(task_id=OuterRef("pk"), reported_on__range=(start, end))
    assert set(qs.filter(reported_between(start, end))) == set(qs.filter(Exists(in_reports)))
    assert compute_rates(qs, start, end).updated == qs.filter(Exists(in_reports)).count()


@time_machine.travel("2026-06-10 09:00 +0700", tick=False)
def test_the_trend_counted_in_one_pass_equals_the_trend_counted_by_month_ranges(s):
    for created, done, deadline in [
        ("2025-12-31 23:30", None, None),
        ("2026-01-01 00:10", "2026-02-01", "2026-01-31"),
    ] + [
        (f"2026-{m:02d}-15 08:00", f"2026-{m + 1:02d}-0{1 + m % 3}", f"2026-{m + 1:02d}-02")
        for m in range(1, 6)
    ]:
        with time_machine.travel(f"{created} +0700", tick=False):
            TaskFactory(
                owner=s.commune,
                lead_unit=s.lead_unit,
                deadline=D.fromisoformat(deadline) if deadline else None,
                state=TaskState.DONE if done else TaskState.OPEN,
                completed_on=D.fromisoformat(done) if done else None,
            )
    qs = visible_tasks(Access.of(s.leader), Task.objects.trackable())
    for end, as_of in ((D(2026, 12, 31), D(2026, 6, 10)), (D(2026, 3, 31), D(2026, 3, 31))):
        one_pass = _trend_chart(qs, end, as_of, few=True)
        by_month = _trend_chart(qs, end, as_of, few=False)
        assert one_pass == by_month
        assert sum(sum(d["data"]) for d in by_month["datasets"]) > 0
    # The month ranges are added to the scope's compiled SQL: a scope joining the units (a
    # commune's tasks) and one that can hold nothing give the same figures as the one pass.
    end, as_of = D(2026, 12, 31), D(2026, 6, 10)
    for scope in (qs.filter(in_subtree(s.commune)), qs.filter(in_subtree(s.other_commune)), qs.none()):
        assert _trend_chart(scope, end, as_of, few=True) == _trend_chart(scope, end, as_of, few=False)
    assert (
        sum(_trend_chart(qs.filter(in_subtree(s.commune)), end, as_of, few=False)["datasets"][0]["data"]) == 7
    )
    assert sum(_trend_chart(qs.none(), end, as_of, few=False)["datasets"][0]["data"]) == 0


def visible_by_paths(access: Access):
    """The access rule as it was written before (units' paths joined, the document joined)."""
    qs = Task.objects.all()
    if not access.is_superuser:
        scope = Q(pk__in=[])
        for path in access.org_paths():
            scope |= Q(owner__path__startswith=path) | Q(lead_unit__path__startswith=path)
        for path in access.unit_paths:
            coordinates = Task.coordinators.through.objects.filter(
                unit__path__startswith=path, task_id=OuterRef("pk")
            )
            scope |= Q(lead_unit__path__startswith=path) | Q(Exists(coordinates))
        qs = qs.filter(scope)
    named = Document.allowed_people.through.objects.filter(
        document_id=OuterRef("document_id"), user_id=access.user.pk
    )
    return qs.filter(~Q(document__confidentiality__in=SECRET_LEVELS) | Q(Exists(named)))


def test_the_access_rule_on_the_tasks_columns_sees_what_the_rule_on_paths_sees(s):
    other_province = UnitFactory(kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Khác")
    far = CommuneFactory(parent=other_province)
    TaskFactory(owner=far, lead_unit=UnitFactory(parent=far))
    TaskFactory(owner=s.province, lead_unit=UnitFactory(parent=s.province))
    TaskFactory(owner=s.province, lead_unit=s.lead_unit)  # the province's task led in the commune
    secret = DocumentFactory(owner=s.commune, confidentiality=Confidentiality.SECRET)
    secret.allowed_people.add(s.leader)
    TaskFactory(owner=s.commune, lead_unit=s.lead_unit, document=secret)
    TaskFactory(owner=s.commune, lead_unit=s.outsider_unit, document=secret).coordinators.add(s.coord_unit)
    far_leader = MembershipFactory(unit=far, role=Role.LEADER).user
    people = [
        s.lead, s.coord, s.outsider, s.tracker, s.leader, s.viewer, s.province_leader, s.other_tracker, far_leader
    ]  # fmt: skip
    for person in people:
        access = Access.of(person)
        assert set(visible_tasks(access)) == set(visible_by_paths(access)), person.username
    assert Task.objects.filter(owner=far).exists()
    assert not visible_tasks(Access.of(s.province_leader)).filter(owner=far).exists()
    assert not visible_tasks(Access.of(s.province_leader)).filter(document=secret).exists()
    assert visible_tasks(Access.of(s.leader)).filter(document=secret).count() == 2


def flag(task) -> bool:
    return Task.objects.values_list("confidential", flat=True).get(pk=task.pk)


def test_the_confidential_flag_follows_the_document_and_its_confidentiality(s):
    document, task = s.task.document, s.task
    plain = DocumentFactory(owner=s.commune)
    assert not flag(task)
    document.confidentiality = Confidentiality.SECRET
    document.save()
    assert flag(task)
    assert not visible_tasks(Access.of(s.province_leader)).filter(pk=task.pk).exists()
    document.confidentiality = Confidentiality.NORMAL
    document.save()
    assert not flag(task)
    secret = DocumentFactory(owner=s.commune, confidentiality=Confidentiality.TOP_SECRET)
    task.document = secret
    task.save(update_fields=["document"])
    assert flag(task)
    task.document = None
    task.save()
    assert not flag(task)
    Task.objects.filter(pk=task.pk).update(document=secret)
    assert flag(task)
    Task.objects.filter(pk=task.pk).update(document_id=plain.pk)
    assert not flag(task)


def test_a_queryset_update_of_the_confidentiality_reaches_the_tasks(s):
    """No signal is sent by QuerySet.update: the documents' queryset writes the tasks' copy itself."""
    task = s.task
    other = TaskFactory(owner=s.commune, lead_unit=s.lead_unit, document=DocumentFactory(owner=s.commune))
    documents = Document.objects.filter(pk__in=[task.document_id, other.document_id])
    assert documents.update(confidentiality=Confidentiality.SECRET) == 2
    assert flag(task) and flag(other)
    assert not visible_tasks(Access.of(s.province_leader)).filter(pk__in=[task.pk, other.pk]).exists()
    Document.objects.filter(pk=other.document_id).update(confidentiality=Confidentiality.NORMAL)
    assert flag(task) and not flag(other)
    Document.objects.filter(pk=task.document_id).update(subject="Đổi trích yếu")
    assert flag(task)


def test_tasks_inserted_in_bulk_get_their_confidential_flag(s):
    secret = DocumentFactory(owner=s.commune, confidentiality=Confidentiality.SECRET)
    plain = DocumentFactory(owner=s.commune)
    made = Task.objects.bulk_create(
        [
            Task(owner=s.commune, lead_unit=s.lead_unit, text="Loaded", document=secret),
            Task(owner=s.commune, lead_unit=s.lead_unit, text="By id", document_id=secret.pk),
            Task(owner=s.commune, lead_unit=s.lead_unit, text="Plain", document_id=plain.pk),
            Task(owner=s.commune, lead_unit=s.lead_unit, text="None"),
        ]
    )
    assert [flag(t) for t in made] == [True, True, False, False]
