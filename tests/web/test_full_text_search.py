"""Search the way officials name things (issue 14, item 9): the full số/ký hiệu, "quoted phrases",
no diacritics (đ too), ranked; on the database's full-text search, SQLite and PostgreSQL alike."""

import pytest

from dieuhanh.core.search import parse_query
from dieuhanh.documents.constants import Confidentiality
from dieuhanh.documents.search_index import DocumentSearch
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.search_index import TaskSearch, index_tasks
from tests.factories import DocumentFactory, TaskFactory

pytestmark = pytest.mark.django_db


def task_ids(r) -> list[int]:
    return [t.pk for t in r.context["page_obj"].object_list]


def doc_ids(r) -> list[int]:
    return [d.pk for d in r.context["page_obj"].object_list]


@pytest.mark.parametrize(
    ("query", "phrases"),
    [
        ("165/KH-UBND", [("165", "kh", "ubnd")]),
        ('"dân số" Đường', [("dan", "so"), ("duong",)]),
        ("“Dân số” già", [("dan", "so"), ("gia",)]),
        ('"chưa đóng', [("chua", "dong")]),
        ('"" ,; ', []),
    ],
)
def test_a_query_is_phrases_of_folded_words(query, phrases):
    assert parse_query(query) == phrases


@pytest.fixture
def plan(s):
    """A provincial plan and a central decision, each with tasks, in the scenario's commune."""
    plan = DocumentFactory(
        owner=s.commune, number="165", symbol="KH-UBND", subject="Kế hoạch công tác dân số năm 2026"
    )
    decision = DocumentFactory(
        owner=s.commune, number="2623", symbol="QĐ-TTg", subject="Đề án đô thị thông minh"
    )
    t = {
        "population": TaskFactory(
            owner=s.commune,
            lead_unit=s.lead_unit,
            document=plan,
            text="Tuyên truyền công tác dân số, kế hoạch hóa gia đình",
        ),
        "guide": TaskFactory(
            owner=s.commune,
            lead_unit=s.lead_unit,
            document=plan,
            text="Hướng dẫn các thôn thống kê số hộ dân",
        ),
        "smart": TaskFactory(
            owner=s.commune, lead_unit=s.lead_unit, document=decision, text="Đầu tư hạ tầng đường truyền"
        ),
        "road": TaskFactory(
            owner=s.commune, lead_unit=s.outsider_unit, text="ĐƯỜNG GIAO THÔNG nông thôn đạt chuẩn"
        ),
    }
    return plan, decision, t


def test_the_full_number_finds_the_document_and_its_tasks(s, login, plan):
    doc, decision, t = plan
    client = login(s.tracker)
    assert doc_ids(client.get("/van-ban/?q=165/KH-UBND")) == [doc.pk]
    assert doc_ids(client.get("/van-ban/?q=2623/QĐ-TTg")) == [decision.pk]
    assert doc_ids(client.get("/van-ban/?q=2623/qd-ttg")) == [decision.pk]
    assert set(task_ids(client.get("/nhiem-vu/?q=165/KH-UBND"))) == {t["population"].pk, t["guide"].pk}
    assert task_ids(client.get("/nhiem-vu/?q=2623/QĐ-TTg")) == [t["smart"].pk]
    # The number and the symbol must stand together: 165 of another symbol is another document.
    assert task_ids(client.get("/nhiem-vu/?q=165/QĐ-TTg")) == []


def test_a_quoted_phrase_matches_only_words_side_by_side(s, login, plan):
    _, _, t = plan
    client = login(s.tracker)
    assert task_ids(client.get('/nhiem-vu/?q="dan so"')) == [t["population"].pk]
    assert task_ids(client.get("/nhiem-vu/?q=“dân số”")) == [t["population"].pk]
    # Unquoted, both words anywhere: both tasks, the one where they stand together first.
    assert task_ids(client.get("/nhiem-vu/?q=dan so")) == [t["population"].pk, t["guide"].pk]


def test_diacritics_case_and_d_with_stroke_are_ignored(s, login, plan):
    _, _, t = plan
    client = login(s.tracker)
    assert set(task_ids(client.get("/nhiem-vu/?q=duong"))) == {t["road"].pk, t["smart"].pk}
    assert set(task_ids(client.get("/nhiem-vu/?q=ĐƯỜNG"))) == {t["road"].pk, t["smart"].pk}
    assert task_ids(client.get("/nhiem-vu/?q=đường giao thông")) == [t["road"].pk]
    assert task_ids(client.get("/nhiem-vu/?q=nong+thon+dat+chuan")) == [t["road"].pk]
    # Whole words, not pieces of words: "so" is not "số hộ" … nor "song".
    assert task_ids(client.get("/nhiem-vu/?q=duon")) == []


def test_the_unit_name_is_searched_too(s, login, plan):
    _, _, t = plan
    assert task_ids(login(s.tracker).get("/nhiem-vu/?q=phong kinh te")) == [t["road"].pk]


def test_an_explicit_sort_wins_over_the_rank(s, login, plan):
    _, _, t = plan
    r = login(s.tracker).get("/nhiem-vu/?q=dan+so&sort=-created")
    assert task_ids(r) == [t["guide"].pk, t["population"].pk]


def test_results_honour_the_unit_tree_and_confidentiality(s, login, plan):
    _, _, t = plan
    secret = DocumentFactory(
        owner=s.commune,
        number="9",
        symbol="KH-MAT",
        confidentiality=Confidentiality.SECRET,
        subject="Kế hoạch dân số mật",
    )
    hidden = TaskFactory(owner=s.commune, lead_unit=s.outsider_unit, document=secret, text="Dân số mật")
    assert task_ids(login(s.lead).get('/nhiem-vu/?q="dan so"')) == [t["population"].pk]
    assert task_ids(login(s.outsider).get('/nhiem-vu/?q="dan so"')) == []
    assert hidden.pk not in task_ids(login(s.viewer).get("/nhiem-vu/?q=dan+so+mat"))
    assert secret.pk not in doc_ids(login(s.viewer).get("/van-ban/?q=9/KH-MAT"))
    assert doc_ids(login(s.other_tracker).get("/van-ban/?q=165/KH-UBND")) == []


def test_the_index_follows_every_change(s, login, plan):
    doc, _, t = plan
    client = login(s.tracker)
    task = t["road"]
    task.text = task.summary = "Sửa chữa cầu treo"
    task.save()
    assert task_ids(client.get("/nhiem-vu/?q=duong")) == [t["smart"].pk]
    assert task_ids(client.get("/nhiem-vu/?q=cau+treo")) == [task.pk]
    s.outsider_unit.name = "Phòng Thủy lợi"
    s.outsider_unit.save()
    assert task_ids(client.get("/nhiem-vu/?q=thuy+loi")) == [task.pk]
    doc.number = "166"
    doc.save()
    assert task_ids(client.get("/nhiem-vu/?q=165/KH-UBND")) == []
    assert len(task_ids(client.get("/nhiem-vu/?q=166/KH-UBND"))) == 2
    assert doc_ids(client.get("/van-ban/?q=166/KH-UBND")) == [doc.pk]
    task.delete()
    assert not TaskSearch.objects.filter(task_id=task.pk).exists()
    assert task_ids(client.get("/nhiem-vu/?q=cau+treo")) == []
    doc_pk = t["smart"].document_id
    Task.objects.filter(document_id=doc_pk).delete()
    t["smart"].document.delete()
    assert not DocumentSearch.objects.filter(document_id=doc_pk).exists()


def test_a_bulk_insert_is_indexed_by_index_tasks(s, login):
    [task] = Task.objects.bulk_create(
        [Task(owner=s.commune, lead_unit=s.lead_unit, text="Chăm sóc cây xanh")]
    )
    client = login(s.tracker)
    assert task_ids(client.get("/nhiem-vu/?q=cay+xanh")) == []
    index_tasks(Task.objects.filter(pk=task.pk))
    assert task_ids(client.get("/nhiem-vu/?q=cay+xanh")) == [task.pk]


def test_tasks_shared_out_to_communes_are_found(s, login):
    from dieuhanh.tasks.services.cascade import fan_out

    task = TaskFactory(owner=s.province, lead_unit=s.province, text="Kiểm tra an toàn thực phẩm tại chợ")
    [child, _] = sorted(fan_out(task), key=lambda c: c.owner_id != s.commune.pk)
    assert task_ids(login(s.tracker).get('/nhiem-vu/?q="an toan thuc pham"')) == [child.pk]
