"""At import, a lead or coordinator resolved loosely to a unit of another kind or level is no match:
it stays as written ("đơn vị ngoài" when it is a body above the importing organisation), the card
shows the candidates with their scores, and saving a card keeps what is not in the local list
(issue 14, item 4)."""

import pytest
from django.urls import reverse

from dieuhanh.intake.services.importing import import_document
from tests.intake.factories import build_org
from tests.intake.texts import PROVINCE_DIRECTIVE, data

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return build_org()


def commune_import(org, text):
    return import_document(org=org.commune, data=data(text), filename="977c.txt", actor=org.tracker)


def with_duty(duty: str) -> str:
    return PROVINCE_DIRECTIVE.replace(
        "1. Sở Khoa học và Công nghệ chủ trì hướng dẫn các xã triển khai nền tảng số", f"1. {duty}"
    )


def first(draft):
    return draft.tasks.order_by("position").first()


def test_a_newspaper_coordinator_is_not_the_commune_police(org):
    draft = commune_import(
        org,
        with_duty(
            "Phòng Văn hóa - Xã hội chủ trì, phối hợp với Báo và Phát thanh, Truyền hình Cần Thơ "
            "tuyên truyền chuyển đổi số"
        ),
    )
    task = first(draft)
    assert task.lead_unit == org.culture
    assert org.police not in task.coordinators.all()
    assert "Báo và Phát thanh, Truyền hình Cần Thơ" in task.coordinator_names


def test_the_ministries_are_not_the_commune(org):
    draft = commune_import(
        org,
        with_duty(
            "Các bộ, cơ quan ngang bộ phối hợp với Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung "
            "ương hướng dẫn triển khai nền tảng số"
        ),
    )
    task = first(draft)
    assert task.lead_unit_id != org.commune.pk
    assert task.dropped and "đơn vị ngoài" in task.reasons["set_aside"]


def test_a_city_police_is_not_the_commune_police_and_is_set_aside(org):
    draft = commune_import(org, with_duty("Công an thành phố chủ trì kiểm tra nền tảng số"))
    task = first(draft)
    assert task.lead_unit is None
    assert task.dropped and "Công an thành phố" in task.reasons["set_aside"]


def test_the_card_shows_the_candidates_with_their_scores(client, org):
    draft = commune_import(org, with_duty("Phòng Văn hóa Xã hội và Thông tin chủ trì triển khai nền tảng số"))
    task = first(draft)
    candidates = task.proposed["lead_candidates"]
    assert candidates[0]["id"] == org.culture.pk and 0 < candidates[0]["score"] <= 1
    assert all(c["id"] not in (org.police.pk, org.commune.pk) for c in candidates)
    client.force_login(org.tracker)
    page = client.get(reverse("intake:review", args=[draft.pk])).content.decode()
    assert 'data-testid="dt-candidates"' in page
    assert f"Phòng Văn hóa - Xã hội ({round(candidates[0]['score'] * 100)}%)" in page


def test_saving_a_card_keeps_coordinators_outside_the_local_list(client, org):
    draft = commune_import(
        org,
        with_duty(
            "Phòng Văn hóa - Xã hội chủ trì, phối hợp với Sở Khoa học và Công nghệ và Báo Bình Thử "
            "tuyên truyền chuyển đổi số"
        ),
    )
    task = first(draft)
    assert org.science in task.coordinators.all()
    client.force_login(org.tracker)
    url = reverse("intake:edit_task", args=[draft.pk, task.pk])
    form = client.get(url).content.decode()
    assert "Báo Bình Thử" in form  # the outside names are in the form, as written
    post = {
        "summary": task.summary,
        "lead_unit": org.culture.pk,
        "coordinators": [org.science.pk, org.economy.pk],
        "outside_coordinators": "Báo Bình Thử",
        "deadline": "30/06/2026",
    }
    assert client.post(url, post).status_code == 302
    task.refresh_from_db()
    assert set(task.coordinators.all()) == {org.science, org.economy}
    assert "Báo Bình Thử" in task.coordinator_names
    page = client.get(reverse("intake:review", args=[draft.pk])).content.decode()
    assert "Báo Bình Thử" in page and "đơn vị ngoài" in page


def test_a_coordinator_typed_as_written_is_kept(client, org):
    draft = commune_import(org, with_duty("Phòng Kinh tế chủ trì triển khai nền tảng số"))
    task = first(draft)
    client.force_login(org.tracker)
    url = reverse("intake:edit_task", args=[draft.pk, task.pk])
    post = {
        "summary": task.summary,
        "lead_unit": org.economy.pk,
        "outside_coordinators": "Hợp tác xã Hòa An\n",
    }
    assert client.post(url, post).status_code == 302
    task.refresh_from_db()
    assert task.coordinator_names == ["Hợp tác xã Hòa An"]
