"""Document registry pages: visibility, folded search, filters, highlighted spans, citations, original file."""

import datetime

import pytest
from django.core.files.base import ContentFile

from dieuhanh.documents.constants import Confidentiality
from dieuhanh.documents.models import Citation
from tests.factories import DocumentFactory, TaskFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def ids(r) -> set[int]:
    return {d.pk for d in r.context["page_obj"].object_list}


def test_members_see_the_documents_that_gave_their_unit_a_task(s, login):
    other_doc = DocumentFactory(owner=s.commune, subject="Văn bản không giao cho phòng")
    assert ids(login(s.tracker).get("/van-ban/")) == {s.task.document_id, other_doc.pk}
    assert ids(login(s.lead).get("/van-ban/")) == {s.task.document_id}
    assert ids(login(s.coord).get("/van-ban/")) == {s.task.document_id}
    assert ids(login(s.outsider).get("/van-ban/")) == set()
    assert ids(login(s.other_tracker).get("/van-ban/")) == set()
    assert login(s.outsider).get(f"/van-ban/{s.task.document_id}/").status_code == 404
    assert login(s.lead).get(f"/van-ban/{other_doc.pk}/").status_code == 404


def test_search_ignores_diacritics_and_case(s, login):
    doc = DocumentFactory(owner=s.commune, subject="Triển khai Đề án 06 về dữ liệu dân cư", symbol="KH-UBND")
    client = login(s.tracker)
    assert ids(client.get("/van-ban/?q=de+an+06")) == {doc.pk}
    assert ids(client.get("/van-ban/?q=ĐỀ+ÁN")) == {doc.pk}
    assert ids(client.get("/van-ban/?q=du lieu dan cu")) == {doc.pk}
    assert ids(client.get("/van-ban/?q=kh-ubnd")) == {doc.pk}
    assert ids(client.get("/van-ban/?q=khong+co+dau")) == set()


def test_filters_by_type_issuer_date_and_confidentiality(s, login):
    plan = DocumentFactory(
        owner=s.commune,
        doc_type="Kế hoạch",
        issuer="Ủy ban nhân dân tỉnh Tuyên Quang",
        issued_date=D(2026, 3, 2),
    )
    secret = DocumentFactory(owner=s.commune, confidentiality=Confidentiality.SECRET)
    secret.allowed_people.add(s.tracker)
    client = login(s.tracker)
    assert ids(client.get("/van-ban/?doc_type=Kế hoạch")) == {plan.pk}
    assert ids(client.get("/van-ban/?issuer=tuyen+quang")) == {plan.pk}
    assert ids(client.get("/van-ban/?date_from=01/03/2026&date_to=31/03/2026")) == {plan.pk}
    assert ids(client.get("/van-ban/?confidentiality=Mật")) == {secret.pk}
    r = client.get("/van-ban/?date_from=31/03/2026&date_to=01/03/2026")
    assert "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu." in r.content.decode()
    r = client.get("/van-ban/?date_from=32/03/2026")
    assert "Ngày 32/03/2026 không tồn tại." in r.content.decode()


def test_confidential_documents_are_hidden_from_lists_counts_search_and_files(s, login):
    secret = DocumentFactory(
        owner=s.commune, confidentiality=Confidentiality.SECRET, subject="Phương án bảo vệ bí mật"
    )
    secret.original_file.save("mat.txt", ContentFile(b"noi dung mat"), save=False)
    secret.original_name = "mat.txt"
    secret.save()
    TaskFactory(owner=s.commune, lead_unit=s.lead_unit, document=secret)
    for who in (s.tracker, s.leader, s.lead, s.province_leader):
        client = login(who)
        r = client.get("/van-ban/?q=bao+ve+bi+mat")
        assert ids(r) == set() and "Phương án bảo vệ bí mật" not in r.content.decode()
        assert secret.pk not in ids(client.get("/van-ban/"))
        assert client.get(f"/van-ban/{secret.pk}/").status_code == 404
        assert client.get(f"/van-ban/{secret.pk}/tep-goc/").status_code == 404
    secret.allowed_people.add(s.leader)
    client = login(s.leader)
    assert ids(client.get("/van-ban/?q=bao+ve+bi+mat")) == {secret.pk}
    r = client.get(f"/van-ban/{secret.pk}/tep-goc/")
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"noi dung mat"
    assert "attachment" in r["Content-Disposition"]


def test_the_task_count_counts_only_tasks_the_person_may_see(s, login):
    TaskFactory(owner=s.commune, lead_unit=s.outsider_unit, document=s.task.document)
    tracker = login(s.tracker).get("/van-ban/").context["page_obj"].object_list[0]
    lead = login(s.lead).get("/van-ban/").context["page_obj"].object_list[0]
    assert (tracker.task_count, lead.task_count) == (2, 1)


def test_the_detail_highlights_each_task_span_and_links_citations(s, login):
    doc = s.task.document
    doc.text = "Kính gửi các phòng. Phòng Văn hóa - Xã hội chủ trì rà soát. Trân trọng."
    doc.save()
    s.task.span_start, s.task.span_end = 20, 59
    s.task.save()
    city = DocumentFactory(owner=s.commune, number="977", symbol="UBND-NC")
    Citation.objects.create(
        document=doc, cited_document=city, text="Công văn số 977/UBND-NC", number="977/UBND-NC"
    )
    Citation.objects.create(document=doc, text="Nghị định 09/2019/NĐ-CP", number="09/2019/NĐ-CP")
    body = login(s.tracker).get(f"/van-ban/{doc.pk}/").content.decode()
    assert '<mark class="span" id="span-20" data-span="1">' in body
    assert "Phòng Văn hóa - Xã hội chủ trì rà soát.</mark>" in body
    assert f'href="/van-ban/{city.pk}/"' in body
    assert "(chưa có trong sổ)" in body
    cited = login(s.tracker).get(f"/van-ban/{city.pk}/").content.decode()
    assert f'href="/van-ban/{doc.pk}/"' in cited


def test_a_cited_document_the_person_may_not_see_is_not_linked(s, login):
    doc = s.task.document
    hidden = DocumentFactory(owner=s.commune, subject="Văn bản nội bộ")
    Citation.objects.create(document=doc, cited_document=hidden, text="Công văn nội bộ")
    body = login(s.lead).get(f"/van-ban/{doc.pk}/").content.decode()
    assert f"/van-ban/{hidden.pk}/" not in body


def test_the_original_file_is_never_served_from_a_public_url(s, login):
    doc = s.task.document
    doc.original_file.save("goc.txt", ContentFile(b"van ban goc"), save=False)
    doc.original_name = "goc.txt"
    doc.save()
    body = login(s.lead).get(f"/van-ban/{doc.pk}/").content.decode()
    assert f"/van-ban/{doc.pk}/tep-goc/" in body and "/media/" not in body
    assert login(s.outsider).get(f"/van-ban/{doc.pk}/tep-goc/").status_code == 404
