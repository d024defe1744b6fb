"""A commune imports a provincial plan: "UBND các xã, phường" is this commune, not a fan-out; the
"giao cho tất cả các xã" flag is the reviewer's to change on the card (issue 14, item 1)."""

import pytest
from django.urls import reverse

from dieuhanh.intake.services.confirm import confirm_draft
from dieuhanh.intake.services.importing import import_document
from dieuhanh.intake.services.problems import draft_problems
from dieuhanh.intake.services.review import update_proposal
from tests.intake.factories import build_org
from tests.intake.texts import PROVINCE_DIRECTIVE, data

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return build_org()


def commune_import(org):
    return import_document(
        org=org.commune, data=data(PROVINCE_DIRECTIVE), filename="977.txt", actor=org.tracker
    )


def for_every_commune(draft):
    return draft.tasks.get(text__contains="rà soát dữ liệu dân cư")


def test_a_commune_takes_the_communes_duty_as_its_own(org):
    draft = commune_import(org)
    task = for_every_commune(draft)
    assert not task.fan_out
    assert task.lead_unit == org.commune
    assert "xã nhập văn bản" in task.reasons["lead_unit"]
    assert not [p for p in draft_problems(draft) if p.blocking]


def test_a_duty_of_a_province_department_is_set_aside_for_information(org):
    draft = commune_import(org)
    theirs = draft.tasks.get(lead_unit=org.science)
    assert theirs.dropped
    assert theirs.reasons["set_aside"] == (
        "Để biết: nhiệm vụ của Sở Khoa học và Công nghệ, không thuộc Ủy ban nhân dân xã Hòa An."
    )


def test_the_commune_confirms_its_plan_without_an_administrator(org):
    draft = commune_import(org)
    tasks = confirm_draft(draft, org.tracker)
    mine = next(t for t in tasks if "rà soát dữ liệu dân cư" in t.text)
    assert (mine.owner, mine.lead_unit, mine.fan_out, mine.children.count()) == (
        org.commune,
        org.commune,
        False,
        0,
    )


def test_a_province_still_fans_out(org):
    draft = import_document(
        org=org.province, data=data(PROVINCE_DIRECTIVE), filename="977.txt", actor=org.province_tracker
    )
    assert for_every_commune(draft).fan_out


def test_giving_the_task_one_lead_clears_the_flag(org):
    draft = import_document(
        org=org.province, data=data(PROVINCE_DIRECTIVE), filename="977.txt", actor=org.province_tracker
    )
    task = update_proposal(for_every_commune(draft), lead_unit=org.science)
    assert not task.fan_out


def test_the_flag_is_a_checkbox_on_the_card(client, org):
    draft = import_document(
        org=org.province, data=data(PROVINCE_DIRECTIVE), filename="977.txt", actor=org.province_tracker
    )
    task = for_every_commune(draft)
    client.force_login(org.province_tracker)
    review = reverse("intake:review", args=[draft.pk])
    assert 'data-testid="dt-fan-out"' in client.get(review).content.decode()
    url = reverse("intake:edit_task", args=[draft.pk, task.pk])
    page = client.get(url).content.decode()
    assert 'name="fan_out"' in page and "checked" in page
    post = {"summary": task.summary, "lead_unit": org.province.pk}
    assert client.post(url, post).status_code == 302
    task.refresh_from_db()
    assert not task.fan_out
    assert 'data-testid="dt-fan-out"' not in client.get(review).content.decode()


def test_a_ministry_missing_from_the_directory_is_set_aside_for_a_commune(org):
    text = PROVINCE_DIRECTIVE.replace(
        "Sở Khoa học và Công nghệ chủ trì", "Bộ Nông nghiệp và Môi trường chủ trì"
    )
    draft = import_document(org=org.commune, data=data(text), filename="977b.txt", actor=org.tracker)
    theirs = draft.tasks.get(lead_name="Bộ Nông nghiệp và Môi trường")
    assert theirs.dropped and theirs.lead_unit is None
    assert "đơn vị ngoài" in theirs.reasons["set_aside"]
    assert not [p for p in draft_problems(draft) if p.blocking]
