"""Issue 14 item 6: "việc chờ tôi" lists what waits for each person, and only that — the unit
tree, "Mật" and read-only viewers honoured — in a fixed number of queries."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dieuhanh.documents.constants import Confidentiality
from dieuhanh.inbox.waiting import Part, waiting_count, waiting_for
from dieuhanh.intake.models import ImportDraft
from dieuhanh.org.access import Access
from dieuhanh.org.constants import Role
from dieuhanh.tasks.services import completion, extensions, handling, progress
from tests.factories import DocumentFactory, TaskFactory
from tests.notify.conftest import at
from tests.scenario import build_scenario, person

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def s():
    with time_machine.travel(at(D(2026, 6, 1)), tick=False):
        s = build_scenario()
        s.assignee = person(s.lead_unit, Role.MEMBER)
        s.task.assignees.add(s.assignee)
        s.task.summary = "Rà soát hộ nghèo"
        s.task.save()
    return s


def parts(user) -> dict[str, list[str]]:
    return {sec.part: [i.title for i in sec.items] for sec in waiting_for(Access.of(user))}


def wait(day=D(2026, 6, 3)):
    return time_machine.travel(at(day, 9), tick=False)


def test_a_new_task_waits_for_its_lead_unit_until_someone_reports(s):
    with wait():
        assert parts(s.lead) == {Part.NEW_TASK: ["Rà soát hộ nghèo"]}
        assert parts(s.assignee) == {Part.NEW_TASK: ["Rà soát hộ nghèo"]}
        for nobody in (s.coord, s.outsider, s.viewer, s.leader, s.other_tracker):
            assert parts(nobody) == {}
        progress.report_progress(s.task, s.lead, text="Đã bắt đầu", percent=10)
        assert parts(s.lead) == {}
    with wait(D(2026, 6, 20)):
        TaskFactory(owner=s.commune, lead_unit=s.lead_unit, summary="Mới giao")
        assert parts(s.lead) == {Part.NEW_TASK: ["Mới giao"]}
    with wait(D(2026, 7, 20)):  # no longer new, even unreported
        assert parts(s.lead) == {}


def test_a_completion_request_waits_for_the_communes_leader_and_then_a_return_for_the_unit(s):
    with wait():
        completion.request_completion(s.task, s.tracker, note="Đã rà soát 120 hộ")
        assert parts(s.leader)[Part.COMPLETION] == ["Rà soát hộ nghèo"]
        item = waiting_for(Access.of(s.leader))[0].items[0]
        assert (
            item.url == f"/nhiem-vu/{s.task.pk}/#decisions"
            and item.note == "Đơn vị báo hoàn thành ngày 03/06/2026"
        )
        # Not the viewer, tracker or the province's leader (the commune's leader decides).
        for nobody in (s.viewer, s.tracker, s.province_leader, s.lead, s.other_tracker):
            assert Part.COMPLETION not in parts(nobody)
        completion.reject_completion(s.task, s.leader, note="Thiếu danh sách")
        assert parts(s.leader) == {}
        for returned_to in (s.lead, s.assignee, s.tracker):
            assert parts(returned_to)[Part.RETURNED] == ["Rà soát hộ nghèo"]
        assert Part.RETURNED not in parts(s.coord)
        completion.request_completion(s.task, s.lead, note="Đã bổ sung")
        assert Part.RETURNED not in parts(s.lead)


def test_an_extension_waits_for_the_leader_and_a_direction_for_the_unit_until_it_reports(s):
    with wait():
        extensions.request_extension(s.task, s.lead, new_date=D(2026, 8, 1), reason="Chờ số liệu")
        assert parts(s.leader) == {Part.EXTENSION: ["Rà soát hộ nghèo"]}
        extensions.decide_extension(s.task.deadline_changes.get(), s.leader, approve=True)
        handling.give_direction(s.task, s.leader, text="Báo cáo trước 15/7")
        assert parts(s.leader) == {}
        assert parts(s.lead)[Part.DIRECTION] == ["Rà soát hộ nghèo"]
        assert Part.DIRECTION not in parts(s.coord) and Part.DIRECTION not in parts(s.viewer)
    with wait(D(2026, 6, 4)):
        progress.report_progress(s.task, s.lead, text="Đã tiếp thu", percent=30)
        assert parts(s.lead) == {}


def test_a_confidential_task_waits_only_for_the_people_named(s):
    with wait():
        document = DocumentFactory(owner=s.commune, confidentiality=Confidentiality.SECRET)
        document.allowed_people.add(s.lead)
        secret = TaskFactory(owner=s.commune, lead_unit=s.lead_unit, document=document, summary="QXMAT")
        completion.request_completion(secret, s.lead, note="Xong")
        assert Part.COMPLETION not in parts(s.leader)
        assert waiting_count(Access.of(s.leader)) == 0
        document.allowed_people.add(s.leader)
        assert parts(s.leader)[Part.COMPLETION] == ["QXMAT"]
        assert "QXMAT" not in str(parts(s.assignee))


def test_drafts_wait_for_the_organisations_trackers_and_leaders(s):
    with wait():
        ImportDraft.objects.create(document=DocumentFactory(owner=s.commune), organisation=s.commune)
        secret = DocumentFactory(owner=s.commune, confidentiality=Confidentiality.SECRET)
        ImportDraft.objects.create(document=secret, organisation=s.commune)
        assert len(parts(s.tracker)[Part.DRAFT]) == 1
        assert Part.DRAFT in parts(s.leader)
        for nobody in (s.viewer, s.lead, s.other_tracker, s.province_leader):
            assert Part.DRAFT not in parts(nobody)
        draft = waiting_for(Access.of(s.tracker))[-1].items[0]
        assert draft.url.startswith("/van-ban/nhap/")


def test_the_count_is_one_query_and_the_page_one_per_part(s):
    with wait():
        completion.request_completion(s.task, s.lead, note="Xong")
        other = TaskFactory(owner=s.commune, lead_unit=s.lead_unit, deadline=D(2026, 9, 1))
        extensions.request_extension(other, s.lead, new_date=D(2026, 10, 1), reason="Lý do")
        ImportDraft.objects.create(document=DocumentFactory(owner=s.commune), organisation=s.commune)
        access = Access.of(s.leader)
        access.org_paths()
        with CaptureQueriesContext(connection) as count_queries:
            assert waiting_count(access) == 3
        with CaptureQueriesContext(connection) as page_queries:
            sections = waiting_for(access)
        assert len(count_queries) == 1
        assert len(page_queries) == len(Part) == 6
        assert sum(len(sec.items) for sec in sections) == 3
