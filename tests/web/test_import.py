"""Import pages: upload (one or several files), review with inline edits, merge, split, drop, add, confirm."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dieuhanh.intake.models import ImportDraft, ProposedTask
from dieuhanh.tasks.models import Task

pytestmark = pytest.mark.django_db
D = datetime.date

TEXT = """ỦY BAN NHÂN DÂN
XÃ SỐ MỘT

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 12/KH-UBND                    Xã Số Một, ngày 04 tháng 5 năm 2026

KẾ HOẠCH
Triển khai nhiệm vụ chuyển đổi số năm 2026

1. Phòng Văn hóa - Xã hội chủ trì, phối hợp với Công an xã rà soát dữ liệu dân cư, hoàn thành trước ngày 30/6/2026.
2. Phòng Kinh tế chủ trì xây dựng kế hoạch phát triển hạ tầng số; kinh phí 1.640 triệu đồng; hoàn thành trong Quý III/2026.
3. Ban Quản lý dự án tổ chức tập huấn cho cán bộ.

Nơi nhận:
- Như trên;
- Lưu: VT.

CHỦ TỊCH
Nguyễn Văn A
"""


def upload(client, *files):
    return client.post("/van-ban/nhap/", {"uploads": list(files)})


def directive(name="kh.txt", text=TEXT):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


@pytest.fixture
def draft(s, login):
    r = upload(login(s.tracker), directive())
    draft = ImportDraft.objects.get()
    assert r["Location"] == f"/van-ban/nhap/{draft.pk}/"
    return draft


def test_only_the_organisations_managers_may_import(s, login):
    assert login(s.tracker).get("/van-ban/nhap/").status_code == 200
    assert login(s.leader).get("/van-ban/nhap/").status_code == 200
    for who in (s.lead, s.coord, s.outsider, s.viewer):
        assert login(who).get("/van-ban/nhap/").status_code == 404
    assert 'data-testid="nav-import"' in login(s.tracker).get("/nhiem-vu/").content.decode()
    assert 'data-testid="nav-import"' not in login(s.lead).get("/nhiem-vu/").content.decode()


def test_the_upload_page_has_a_drop_zone_and_a_plain_multiple_file_input(s, login):
    body = login(s.tracker).get("/van-ban/nhap/").content.decode()
    assert "data-dropzone" in body
    assert '<input type="file" name="uploads" id="id_uploads" multiple' in body


def test_uploading_a_directive_leads_to_its_review(s, login, draft):
    body = login(s.tracker).get(f"/van-ban/nhap/{draft.pk}/").content.decode()
    assert body.count('data-testid="draft-task"') == 3
    assert "Trùng tên đơn vị “Phòng Văn hóa - Xã hội”." in body
    assert "hoàn thành trước ngày ..." in body
    assert "Nhiệm vụ 3: chưa xác định được đơn vị chủ trì “Ban Quản lý dự án”" in body
    assert '<mark class="span"' in body


def test_several_files_at_once(s, login):
    other = TEXT.replace("12/KH-UBND", "13/KH-UBND").replace("tập huấn", "bồi dưỡng")
    r = upload(login(s.tracker), directive(), directive("kh2.txt", other))
    assert r["Location"] == "/van-ban/nhap/"
    assert ImportDraft.objects.count() == 2


def test_oversize_and_unsupported_files_are_refused_politely(s, login, settings):
    settings.FILE_UPLOAD_MAX_BYTES = 100
    client = login(s.tracker)
    r = upload(client, directive())
    assert r.status_code == 400
    assert "vượt giới hạn" in r.content.decode()
    settings.FILE_UPLOAD_MAX_BYTES = 10_000_000
    r = upload(client, SimpleUploadedFile("anh.png", b"\x89PNG....", content_type="image/png"))
    assert r.status_code == 400
    assert "chưa hỗ trợ định dạng .png" in r.content.decode()
    r = client.post("/van-ban/nhap/", {})
    assert "Cần chọn ít nhất một tệp văn bản." in r.content.decode()
    assert not ImportDraft.objects.exists()


def test_a_duplicate_is_refused_with_a_link_to_the_existing_document(s, login, draft):
    client = login(s.tracker)
    r = upload(client, directive("ban-sao.txt"))
    body = client.get("/van-ban/nhap/").content.decode()
    assert r.status_code == 302
    assert f'<a href="/van-ban/{draft.document_id}/">Xem văn bản đã có</a>' in body
    assert ImportDraft.objects.count() == 1


def test_people_outside_the_organisation_cannot_open_the_review(s, login, draft):
    for who in (s.lead, s.outsider, s.other_tracker, s.viewer):
        assert login(who).get(f"/van-ban/nhap/{draft.pk}/").status_code == 404
        assert login(who).post(f"/van-ban/nhap/{draft.pk}/xac-nhan/").status_code == 404
    assert login(s.leader).get(f"/van-ban/nhap/{draft.pk}/").status_code == 200


def test_inline_edit_with_htmx_returns_the_card(s, login, draft):
    client = login(s.tracker)
    dt = draft.tasks.get(position=3)
    url = f"/van-ban/nhap/{draft.pk}/nv/{dt.pk}/sua/"
    form = client.get(url, HTTP_HX_REQUEST="true")
    assert 'data-testid="dt-form"' in form.content.decode() and "<html" not in form.content.decode()
    r = client.post(
        url,
        {
            "summary": dt.summary,
            "lead_unit": s.outsider_unit.pk,
            "coordinators": [s.coord_unit.pk],
            "deadline": "31/12/2026",
            "target": "100% cán bộ",
            "budget": "1.640,5",
            "funding_source": "ngân sách xã",
        },
        HTTP_HX_REQUEST="true",
    )
    body = r.content.decode()
    assert r.status_code == 200 and 'id="dt-' in body and 'hx-swap-oob="true"' in body
    dt.refresh_from_db()
    assert dt.lead_unit == s.outsider_unit and dt.deadline == D(2026, 12, 31)
    assert str(dt.budget) == "1640.500" and dt.origin == ProposedTask.Origin.EDITED
    assert list(dt.coordinators.all()) == [s.coord_unit]
    assert "Ban Quản lý dự án" not in body.split("draft-problems")[1] or "unknown_lead" not in body


def test_inline_edit_without_javascript_and_its_vietnamese_errors(s, login, draft):
    client = login(s.tracker)
    dt = draft.tasks.get(position=1)
    url = f"/van-ban/nhap/{draft.pk}/nv/{dt.pk}/sua/"
    assert "<html" in client.get(url).content.decode()
    r = client.post(
        url,
        {
            "summary": "x",
            "lead_unit": s.lead_unit.pk,
            "coordinators": [s.lead_unit.pk],
            "deadline": "31/02/2026",
            "budget": "abc",
        },
    )
    body = r.content.decode()
    assert r.status_code == 400
    assert "Ngày 31/02/2026 không tồn tại." in body
    assert "Nhập số tiền hợp lệ" in body
    assert "Đơn vị chủ trì không được đồng thời là đơn vị phối hợp." in body
    r = client.post(url, {"summary": "x", "lead_unit": s.other_commune.pk})
    assert r.status_code == 400


def test_merge_split_drop_restore_and_add(s, login, draft):
    client = login(s.tracker)
    first, second, third = draft.tasks.order_by("position")
    client.post(f"/van-ban/nhap/{draft.pk}/hang-loat/", {"action": "merge", "ids": [first.pk, second.pk]})
    second.refresh_from_db()
    assert second.dropped and second.merged_into_id == first.pk
    r = client.post(
        f"/van-ban/nhap/{draft.pk}/hang-loat/", {"action": "merge", "ids": [first.pk]}, follow=True
    )
    assert "Cần chọn ít nhất hai nhiệm vụ" in r.content.decode()

    r = client.post(f"/van-ban/nhap/{draft.pk}/nv/{first.pk}/tach/", {"phrase": "Phòng Kinh tế"}, follow=True)
    assert "Đã tách nhiệm vụ thành hai." in r.content.decode()
    assert draft.tasks.filter(dropped=False).count() == 3
    r = client.post(f"/van-ban/nhap/{draft.pk}/nv/{first.pk}/tach/", {"phrase": "không có"}, follow=True)
    assert "Không tìm thấy cụm từ này" in r.content.decode()

    client.post(f"/van-ban/nhap/{draft.pk}/nv/{third.pk}/bo/")
    third.refresh_from_db()
    assert third.dropped
    client.post(f"/van-ban/nhap/{draft.pk}/nv/{third.pk}/bo/", {"restore": "1"})
    third.refresh_from_db()
    assert not third.dropped

    r = client.post(f"/van-ban/nhap/{draft.pk}/them/", {"text": ""})
    assert r.status_code == 400 and "Cần nhập nội dung nhiệm vụ." in r.content.decode()
    client.post(
        f"/van-ban/nhap/{draft.pk}/them/",
        {"text": "Tuyên truyền", "lead_unit": s.coord_unit.pk, "deadline": "15/08/2026"},
    )
    added = draft.tasks.get(origin=ProposedTask.Origin.ADDED)
    assert added.lead_unit == s.coord_unit and added.deadline == D(2026, 8, 15)


def test_confirm_is_refused_while_a_blocking_problem_remains_then_creates_the_tasks(s, login, draft):
    client = login(s.tracker)
    r = client.post(f"/van-ban/nhap/{draft.pk}/xac-nhan/", follow=True)
    assert "Chưa xác nhận được bản nháp" in r.content.decode()
    assert not Task.objects.filter(document=draft.document).exists()
    third = draft.tasks.get(position=3)
    client.post(f"/van-ban/nhap/{draft.pk}/nv/{third.pk}/bo/")
    r = client.post(f"/van-ban/nhap/{draft.pk}/xac-nhan/")
    assert r["Location"] == f"/nhiem-vu/?document={draft.document_id}"
    tasks = Task.objects.filter(document=draft.document)
    assert tasks.count() == 2
    assert set(tasks.values_list("lead_unit", flat=True)) == {s.lead_unit.pk, s.outsider_unit.pk}
    draft.refresh_from_db()
    assert draft.status == ImportDraft.Status.CONFIRMED
    assert (
        login(s.lead).get(f"/nhiem-vu/?document={draft.document_id}").context["page_obj"].paginator.count == 1
    )


def test_discard_keeps_the_document(s, login, draft):
    r = login(s.tracker).post(f"/van-ban/nhap/{draft.pk}/huy/")
    assert r["Location"] == f"/van-ban/{draft.document_id}/"  # where it can be restored
    draft.refresh_from_db()
    assert draft.status == ImportDraft.Status.DISCARDED
    assert login(s.tracker).get(f"/van-ban/{draft.document_id}/").status_code == 200
