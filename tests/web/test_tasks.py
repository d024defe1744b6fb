"""Task list, export and detail at the HTTP level — three people per case (lead, coordinator, outsider)."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from dieuhanh.documents.constants import Confidentiality
from dieuhanh.tasks.constants import ChangeStatus, TaskState
from tests.factories import DocumentFactory, TaskFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def body(r) -> str:
    return r.content.decode()


def task_ids(r) -> set[int]:
    return {t.pk for t in r.context["page_obj"].object_list}


def test_the_lead_and_the_coordinator_see_the_task_and_the_outsider_does_not(s, login):
    for who in (s.lead, s.coord, s.tracker, s.leader, s.viewer, s.province_leader):
        r = login(who).get("/nhiem-vu/")
        assert task_ids(r) == {s.task.pk}, who
        assert login(who).get(f"/nhiem-vu/{s.task.pk}/").status_code == 200
    for who in (s.outsider, s.other_tracker):
        r = login(who).get("/nhiem-vu/")
        assert task_ids(r) == set()
        assert s.task.summary not in body(r)
        assert login(who).get(f"/nhiem-vu/{s.task.pk}/").status_code == 404


def test_the_outsider_cannot_act_on_a_task_by_posting(s, login):
    r = login(s.outsider).post(f"/nhiem-vu/{s.task.pk}/bao-cao/", {"text": "x", "percent": "10"})
    assert r.status_code == 404
    assert not s.task.reports.exists()


def test_each_person_sees_only_the_buttons_they_may_use(s, login):
    lead = body(login(s.lead).get(f"/nhiem-vu/{s.task.pk}/"))
    assert (
        'id="form-bao-cao"' in lead and 'id="form-de-nghi-hoan-thanh"' in lead and 'id="form-gia-han"' in lead
    )
    assert 'id="form-chi-dao"' not in lead and 'id="form-huy"' not in lead
    coord = body(login(s.coord).get(f"/nhiem-vu/{s.task.pk}/"))
    assert 'id="form-bao-cao"' in coord
    assert 'id="form-de-nghi-hoan-thanh"' not in coord and 'id="form-gia-han"' not in coord
    viewer = body(login(s.viewer).get(f"/nhiem-vu/{s.task.pk}/"))
    assert 'data-testid="task-actions"' not in viewer
    leader = body(login(s.leader).get(f"/nhiem-vu/{s.task.pk}/"))
    assert 'id="form-chi-dao"' in leader and 'id="form-huy"' in leader and 'id="form-tam-hoan"' in leader
    tracker = body(login(s.tracker).get(f"/nhiem-vu/{s.task.pk}/"))
    assert 'id="form-chi-dao"' not in tracker and 'id="form-huy"' in tracker


def test_progress_completion_and_approval_through_the_pages(s, login, clock):
    lead = login(s.lead)
    r = lead.post(
        f"/nhiem-vu/{s.task.pk}/bao-cao/", {"text": "Đã xây dựng dự thảo", "percent": "60"}, follow=True
    )
    assert "Đã gửi báo cáo tiến độ." in body(r)
    assert "Đã xây dựng dự thảo" in body(r)
    r = login(s.coord).post(
        f"/nhiem-vu/{s.task.pk}/bao-cao/", {"text": "Đã cung cấp số liệu", "percent": "20"}
    )
    assert r.status_code == 302
    assert list(s.task.reports.values_list("unit", flat=True).order_by("id")) == [
        s.lead_unit.pk,
        s.coord_unit.pk,
    ]

    r = lead.post(
        f"/nhiem-vu/{s.task.pk}/de-nghi-hoan-thanh/", {"claimed_on": "", "note": "Xong"}, follow=True
    )
    assert 'data-testid="awaiting-badge"' in body(r)
    leader_page = body(login(s.leader).get(f"/nhiem-vu/{s.task.pk}/"))
    assert 'id="form-xac-nhan-hoan-thanh"' in leader_page and 'id="form-tra-lai"' in leader_page

    r = login(s.leader).post(f"/nhiem-vu/{s.task.pk}/tra-lai/", {"note": ""})
    assert r.status_code == 400
    assert "Cần ghi rõ lý do." in body(r)

    r = login(s.leader).post(f"/nhiem-vu/{s.task.pk}/tra-lai/", {"note": "Thiếu sản phẩm"}, follow=True)
    s.task.refresh_from_db()
    assert s.task.state == TaskState.OPEN
    assert 'data-testid="returned-badge"' in body(login(s.lead).get(f"/nhiem-vu/{s.task.pk}/"))

    lead.post(f"/nhiem-vu/{s.task.pk}/de-nghi-hoan-thanh/", {"claimed_on": "14/06/2026", "note": "Xong"})
    r = login(s.leader).post(f"/nhiem-vu/{s.task.pk}/xac-nhan-hoan-thanh/", {"note": "Đạt"}, follow=True)
    assert "Đã xác nhận hoàn thành nhiệm vụ." in body(r)
    s.task.refresh_from_db()
    assert s.task.state == TaskState.DONE and s.task.completed_on == D(2026, 6, 14)
    assert 'data-status="done_early"' in body(r)


def test_a_member_cannot_approve_even_by_posting(s, login):
    login(s.lead).post(f"/nhiem-vu/{s.task.pk}/de-nghi-hoan-thanh/", {"note": "Xong"})
    r = login(s.lead).post(f"/nhiem-vu/{s.task.pk}/xac-nhan-hoan-thanh/", {"note": ""}, follow=True)
    assert "Bạn không có quyền xác nhận hoàn thành" in body(r)
    s.task.refresh_from_db()
    assert s.task.state == TaskState.AWAITING_APPROVAL


def test_extension_request_and_decision(s, login):
    r = login(s.lead).post(
        f"/nhiem-vu/{s.task.pk}/gia-han/", {"new_date": "31/07/2026", "reason": "Chờ số liệu"}
    )
    assert r.status_code == 302
    change = s.task.deadline_changes.get()
    page = body(login(s.leader).get(f"/nhiem-vu/{s.task.pk}/"))
    assert 'data-testid="extension-approve"' in page
    r = login(s.leader).post(
        f"/nhiem-vu/{s.task.pk}/duyet-gia-han/",
        {"change": change.pk, "decision": "approve", "objective": "on"},
    )
    change.refresh_from_db()
    s.task.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED and change.objective
    assert s.task.deadline == D(2026, 7, 31) and s.task.original_deadline == D(2026, 7, 10)


def test_forms_explain_mistakes_in_vietnamese(s, login):
    client = login(s.lead)
    r = client.post(f"/nhiem-vu/{s.task.pk}/bao-cao/", {"text": "", "percent": "150"})
    assert r.status_code == 400
    assert "Cần nhập nội dung này." in body(r) and "Tiến độ phải từ 0 đến 100%." in body(r)
    r = client.post(f"/nhiem-vu/{s.task.pk}/gia-han/", {"new_date": "2026-13-45", "reason": "x"})
    assert "Nhập ngày theo dạng ngày/tháng/năm" in body(r)
    r = client.post(f"/nhiem-vu/{s.task.pk}/gia-han/", {"new_date": "01/07/2026", "reason": "x"}, follow=True)
    assert "Thời hạn mới phải sau thời hạn hiện tại (10/07/2026)." in body(r)


def test_evidence_is_downloaded_through_a_permission_check(s, login, settings):
    settings.FILE_UPLOAD_MAX_BYTES = 1024
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = login(s.lead).post(
        f"/nhiem-vu/{s.task.pk}/bao-cao/",
        {
            "text": "Có minh chứng",
            "percent": "30",
            "evidence": [SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 ok")],
        },
    )
    assert r.status_code == 302
    attachment = s.task.reports.get().attachments.get()
    url = f"/nhiem-vu/{s.task.pk}/minh-chung/{attachment.pk}/"
    assert url in body(login(s.coord).get(f"/nhiem-vu/{s.task.pk}/"))
    assert b"".join(login(s.coord).get(url).streaming_content) == b"%PDF-1.4 ok"
    assert login(s.outsider).get(url).status_code == 404
    r = login(s.lead).post(
        f"/nhiem-vu/{s.task.pk}/bao-cao/",
        {"text": "Quá lớn", "percent": "30", "evidence": [SimpleUploadedFile("lon.pdf", b"x" * 2048)]},
    )
    assert r.status_code == 400
    assert "lớn hơn giới hạn" in body(r)


def test_the_list_filters_by_status_text_unit_deadline_and_starred(s, login):
    overdue = TaskFactory(
        owner=s.commune, lead_unit=s.outsider_unit, deadline=D(2026, 6, 1), text="Lập quy hoạch đất đai"
    )
    starred = TaskFactory(owner=s.commune, lead_unit=s.lead_unit, starred=True, text="Chuyển đổi số cấp xã")
    client = login(s.tracker)
    assert task_ids(client.get("/nhiem-vu/?status=overdue")) == {overdue.pk}
    assert task_ids(client.get("/nhiem-vu/?status=open")) == {s.task.pk, overdue.pk, starred.pk}
    assert task_ids(client.get("/nhiem-vu/?q=chuyen+doi+so")) == {starred.pk}
    assert task_ids(client.get("/nhiem-vu/?q=QUY+HOẠCH")) == {overdue.pk}
    assert task_ids(client.get(f"/nhiem-vu/?unit={s.lead_unit.pk}")) == {s.task.pk, starred.pk}
    assert task_ids(client.get("/nhiem-vu/?deadline_from=05/07/2026&deadline_to=15/07/2026")) == {s.task.pk}
    assert task_ids(client.get("/nhiem-vu/?starred=on")) == {starred.pk}
    assert task_ids(client.get(f"/nhiem-vu/?document={s.task.document_id}")) == {s.task.pk}
    r = client.get("/nhiem-vu/?deadline_from=20/07/2026&deadline_to=01/07/2026")
    assert "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu." in body(r)
    r = client.get("/nhiem-vu/?sort=-deadline")
    assert [t.pk for t in r.context["page_obj"].object_list][0] == s.task.pk


def test_the_list_is_paginated(s, login):
    TaskFactory.create_batch(30, owner=s.commune, lead_unit=s.lead_unit)
    client = login(s.tracker)
    r = client.get("/nhiem-vu/")
    assert len(r.context["page_obj"].object_list) == 25 and 'data-testid="next-page"' in body(r)
    assert len(client.get("/nhiem-vu/?page=2").context["page_obj"].object_list) == 6


def test_an_export_cut_at_the_row_limit_says_so_in_its_heading(s, login, monkeypatch):
    from dieuhanh.tasks import exports

    for _ in range(3):
        TaskFactory(owner=s.commune, lead_unit=s.lead_unit, deadline=D(2026, 6, 30))
    client = login(s.tracker)
    total = len(client.get("/nhiem-vu/").context["page_obj"].object_list)
    whole = load_workbook(io.BytesIO(client.get("/nhiem-vu/xuat-excel/").content))["Nhiệm vụ"]
    assert not [v for row in whole.iter_rows(values_only=True) for v in row if "Chỉ xuất" in str(v)]
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 2)
    ws = load_workbook(io.BytesIO(client.get("/nhiem-vu/xuat-excel/").content))["Nhiệm vụ"]
    cells = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert f"Chỉ xuất 2 nhiệm vụ đầu tiên trên tổng số {total}" in "\n".join(cells)
    assert len([row for row in ws.iter_rows(values_only=True) if isinstance(row[0], int)]) == 2


def test_export_holds_exactly_the_current_view(s, login):
    TaskFactory(owner=s.commune, lead_unit=s.outsider_unit, deadline=D(2026, 6, 1), text="Lập quy hoạch")
    r = login(s.tracker).get("/nhiem-vu/xuat-excel/?status=overdue")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content))["Nhiệm vụ"]
    rows = [row for row in ws.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert [row[1] for row in rows] == ["Lập quy hoạch"]
    assert rows[0][6] == "Quá hạn chưa hoàn thành"
    ws = load_workbook(io.BytesIO(login(s.other_tracker).get("/nhiem-vu/xuat-excel/").content))["Nhiệm vụ"]
    assert not [row for row in ws.iter_rows(values_only=True) if isinstance(row[0], int)]


def test_confidential_tasks_are_invisible_to_people_not_named(s, login):
    secret_doc = DocumentFactory(
        owner=s.commune, confidentiality=Confidentiality.SECRET, subject="Mật: phòng thủ"
    )
    secret = TaskFactory(owner=s.commune, lead_unit=s.lead_unit, document=secret_doc, text="Nhiệm vụ mật")
    for who in (s.tracker, s.leader, s.lead):
        assert secret.pk not in task_ids(login(who).get("/nhiem-vu/"))
        assert login(who).get(f"/nhiem-vu/{secret.pk}/").status_code == 404
        assert "Nhiệm vụ mật" not in body(login(who).get("/nhiem-vu/?q=mat"))
        export = load_workbook(io.BytesIO(login(who).get("/nhiem-vu/xuat-excel/").content))["Nhiệm vụ"]
        assert "Nhiệm vụ mật" not in [row[1] for row in export.iter_rows(values_only=True)]
    secret_doc.allowed_people.add(s.leader)
    assert secret.pk in task_ids(login(s.leader).get("/nhiem-vu/"))


def test_the_manager_can_pause_resume_and_cancel(s, login):
    client = login(s.tracker)
    client.post(f"/nhiem-vu/{s.task.pk}/tam-hoan/", {"reason": "Chờ kinh phí"})
    s.task.refresh_from_db()
    assert s.task.state == TaskState.PAUSED
    client.post(f"/nhiem-vu/{s.task.pk}/tiep-tuc/", {"note": ""})
    s.task.refresh_from_db()
    assert s.task.state == TaskState.OPEN
    client.post(f"/nhiem-vu/{s.task.pk}/uu-tien/")
    s.task.refresh_from_db()
    assert s.task.starred
    client.post(f"/nhiem-vu/{s.task.pk}/huy/", {"reason": "Không còn phù hợp"})
    s.task.refresh_from_db()
    assert s.task.state == TaskState.CANCELLED
    assert login(s.lead).post(f"/nhiem-vu/{s.task.pk}/uu-tien/").status_code == 302


def test_leader_direction_appears_on_the_timeline(s, login):
    r = login(s.leader).post(
        f"/nhiem-vu/{s.task.pk}/chi-dao/", {"text": "Khẩn trương hoàn thành"}, follow=True
    )
    assert "Khẩn trương hoàn thành" in body(r)
    assert "Khẩn trương hoàn thành" in body(login(s.coord).get(f"/nhiem-vu/{s.task.pk}/"))


def test_an_unknown_action_is_not_found(s, login):
    assert login(s.leader).post(f"/nhiem-vu/{s.task.pk}/khong-co/").status_code == 404
    assert login(s.leader).get(f"/nhiem-vu/{s.task.pk}/bao-cao/").status_code == 405


def test_the_task_detail_shows_its_source_span(s, login):
    doc = s.task.document
    doc.text = "Mở đầu. Phòng Văn hóa - Xã hội chủ trì rà soát. Kết thúc."
    doc.save()
    s.task.span_start, s.task.span_end = 8, 47
    s.task.save()
    r = login(s.lead).get(f"/nhiem-vu/{s.task.pk}/")
    assert "Phòng Văn hóa - Xã hội chủ trì rà soát." in body(r)
    assert f"/van-ban/{doc.pk}/#span-8" in body(r)


def test_a_completion_request_without_a_result_is_refused(s, login):
    r = login(s.lead).post(f"/nhiem-vu/{s.task.pk}/de-nghi-hoan-thanh/", {"claimed_on": "", "note": " "})
    assert r.status_code == 400
    assert "Ghi kết quả, sản phẩm đã hoàn thành" in body(r)
    assert not s.task.completion_requests.exists()
