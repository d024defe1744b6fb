"""Progress, completion, extensions, directions, assignment, pause and cancel — three people per case."""

import datetime

import pytest
import time_machine

from dieuhanh.core.models import AuditEvent
from dieuhanh.tasks.constants import ChangeStatus, TaskState
from dieuhanh.tasks.services.completion import approve_completion, reject_completion, request_completion
from dieuhanh.tasks.services.errors import NotAllowed, ServiceError
from dieuhanh.tasks.services.extensions import decide_extension, request_extension
from dieuhanh.tasks.services.handling import (
    assign_people,
    cancel_task,
    give_direction,
    pause_task,
    resume_task,
)
from dieuhanh.tasks.services.progress import report_progress
from dieuhanh.tasks.status import Status, status_of
from tests.factories import MembershipFactory
from tests.scenario import build_scenario

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def s():
    with time_machine.travel("2026-06-01 08:00 +0700", tick=False):
        yield build_scenario()


@time_machine.travel("2026-06-02 09:00 +0700", tick=False)
def test_the_lead_and_a_coordinator_report_progress_and_an_outsider_cannot(s):
    first = report_progress(
        s.task, s.lead, text="Đã xây dựng dự thảo", percent=40, files=[("minh-chung.pdf", b"%PDF-1.4 ...")]
    )
    second = report_progress(s.task, s.coord, text="Đã cung cấp số liệu", percent=20)
    assert (first.unit, first.reported_on, first.attachments.count()) == (s.lead_unit, D(2026, 6, 2), 1)
    assert second.unit == s.coord_unit
    with pytest.raises(NotAllowed):
        report_progress(s.task, s.outsider, text="x", percent=10)


def test_a_progress_report_needs_text_and_a_percent_within_bounds(s):
    with pytest.raises(ServiceError, match="nội dung"):
        report_progress(s.task, s.lead, text="  ", percent=10)
    with pytest.raises(ServiceError, match="0 đến 100"):
        report_progress(s.task, s.lead, text="Xong", percent=130)


def test_completion_is_claimed_by_the_lead_and_approved_by_a_leader(s):
    with time_machine.travel("2026-07-08 10:00 +0700", tick=False):
        with pytest.raises(NotAllowed):
            request_completion(s.task, s.coord, note="Xong")
        with pytest.raises(ServiceError, match="kết quả, sản phẩm"):
            request_completion(s.task, s.lead, note="  ")  # proof, not promises
        assert s.task.completion_requests.count() == 0
        request_completion(s.task, s.lead, note="Đã ban hành kế hoạch")
        s.task.refresh_from_db()
        assert s.task.state == TaskState.AWAITING_APPROVAL
        with pytest.raises(NotAllowed):
            approve_completion(s.task, s.tracker)
    with time_machine.travel("2026-07-20 10:00 +0700", tick=False):
        approve_completion(s.task, s.leader, note="Đồng ý")
    s.task.refresh_from_db()
    assert (s.task.state, s.task.completed_on) == (TaskState.DONE, D(2026, 7, 8))
    assert status_of(s.task, D(2026, 7, 20)) == Status.DONE_EARLY


def test_a_rejection_sends_the_task_back_with_the_reason(s):
    with time_machine.travel("2026-07-08 10:00 +0700", tick=False):
        request_completion(s.task, s.lead, note="Đã ban hành kế hoạch")
        with pytest.raises(ServiceError, match="lý do"):
            reject_completion(s.task, s.leader, note="")
        reject_completion(s.task, s.leader, note="Thiếu sản phẩm")
    s.task.refresh_from_db()
    assert (s.task.state, s.task.completed_on) == (TaskState.OPEN, None)
    assert "Thiếu sản phẩm" in s.task.state_reason
    assert s.task.completion_requests.get().status == ChangeStatus.REJECTED


def test_an_extension_moves_the_deadline_and_lateness_is_judged_on_the_original(s):
    with time_machine.travel("2026-07-01 10:00 +0700", tick=False):
        with pytest.raises(ServiceError, match="sau thời hạn hiện tại"):
            request_extension(s.task, s.lead, new_date=D(2026, 7, 1), reason="Chờ kinh phí")
        change = request_extension(s.task, s.lead, new_date=D(2026, 8, 15), reason="Chờ kinh phí")
        with pytest.raises(NotAllowed):
            decide_extension(change, s.lead, approve=True)
        decide_extension(change, s.leader, approve=True, note="Đồng ý", objective=True)
    s.task.refresh_from_db()
    assert (s.task.deadline, s.task.original_deadline) == (D(2026, 8, 15), D(2026, 7, 10))
    assert status_of(s.task, D(2026, 7, 20)) != Status.OVERDUE
    with time_machine.travel("2026-08-10 10:00 +0700", tick=False):
        request_completion(s.task, s.lead, note="Đã ban hành kế hoạch")
        approve_completion(s.task, s.leader)
    s.task.refresh_from_db()
    assert status_of(s.task, D(2026, 8, 10)) == Status.DONE_LATE
    assert s.task.deadline_changes.get().objective


def test_a_refused_extension_needs_a_reason_and_keeps_the_deadline(s):
    change = request_extension(s.task, s.lead, new_date=D(2026, 8, 15), reason="Chờ kinh phí")
    with pytest.raises(ServiceError):
        decide_extension(change, s.leader, approve=False)
    decide_extension(change, s.leader, approve=False, note="Không có căn cứ")
    s.task.refresh_from_db()
    assert s.task.deadline == D(2026, 7, 10)


def test_directions_come_from_leaders_only(s):
    give_direction(s.task, s.leader, text="Khẩn trương hoàn thành")
    with pytest.raises(NotAllowed):
        give_direction(s.task, s.tracker, text="x")
    assert s.task.directions.count() == 1


def test_sub_assignment_stays_inside_the_lead_unit(s):
    colleague = MembershipFactory(unit=s.lead_unit).user
    assign_people(s.task, s.lead, [colleague])
    assert list(s.task.assignees.all()) == [colleague]
    with pytest.raises(ServiceError, match="không thuộc"):
        assign_people(s.task, s.lead, [s.coord])
    with pytest.raises(NotAllowed):
        assign_people(s.task, s.coord, [colleague])


def test_pause_resume_and_cancel_by_the_office_with_a_reason(s):
    with pytest.raises(NotAllowed):
        pause_task(s.task, s.lead, reason="x")
    pause_task(s.task, s.tracker, reason="Chờ hướng dẫn của tỉnh")
    assert status_of(s.task, D(2026, 8, 1)) == Status.PAUSED
    resume_task(s.task, s.tracker)
    cancel_task(s.task, s.leader, reason="Không còn phù hợp")
    s.task.refresh_from_db()
    assert s.task.state == TaskState.CANCELLED
    with pytest.raises(ServiceError):
        report_progress(s.task, s.lead, text="x", percent=1)


def test_every_change_writes_an_audit_event_naming_the_person(s):
    report_progress(s.task, s.lead, text="Đã triển khai", percent=30)
    give_direction(s.task, s.leader, text="Đôn đốc")
    actors = set(AuditEvent.objects.values_list("actor__username", flat=True))
    assert {s.lead.username, s.leader.username} <= actors
