"""Several proposals at once, the one action on the duties set aside "để biết", card-only answers,
stable numbers and hints that go once acted on (issue 14, item 2)."""

import datetime
from html import escape

import pytest
from django.urls import reverse

from dieuhanh.intake.services.bulk import drop_many, drop_set_aside, set_deadline_many, set_lead_many
from dieuhanh.intake.services.errors import DraftError
from dieuhanh.intake.services.importing import import_document
from dieuhanh.intake.services.review import merge_proposals
from dieuhanh.org.constants import Role
from dieuhanh.tasks.constants import DeadlineKind
from tests.factories import DocumentFactory
from tests.intake.factories import ImportDraftFactory, ProposedTaskFactory, build_org, person
from tests.intake.texts import PROVINCE_DIRECTIVE, data

pytestmark = pytest.mark.django_db
FRAGMENT = {"HTTP_X_FRAGMENT": "card"}


@pytest.fixture
def org():
    return build_org()


@pytest.fixture
def draft(org):
    return ImportDraftFactory(document=DocumentFactory(owner=org.commune, text="UBND xã yêu cầu."))


@pytest.fixture
def three(draft, org):
    return [
        ProposedTaskFactory(draft=draft, lead_unit=org.culture, text="Việc một."),
        ProposedTaskFactory(draft=draft, lead_name="Ban Quản lý chợ", text="Việc hai."),
        ProposedTaskFactory(
            draft=draft,
            lead_unit=org.police,
            text="Việc ba.",
            deadline_kind=DeadlineKind.RECURRING,
            recurrence="monthly:18",
        ),
    ]


def ids(rows):
    return [p.pk for p in rows]


def test_drop_many_and_restore_them(draft, three):
    assert ids(drop_many(draft, ids(three[:2]))) == ids(three[:2])
    assert [p.dropped for p in draft.tasks.order_by("pk")] == [True, True, False]
    drop_many(draft, ids(three[:2]), dropped=False)
    assert not draft.tasks.filter(dropped=True).exists()


def test_one_lead_for_several(draft, three, org):
    set_lead_many(draft, ids(three[:2]), org.economy)
    assert [p.lead_unit for p in draft.tasks.order_by("pk")] == [org.economy, org.economy, org.police]


def test_a_lead_from_outside_the_organisation_is_refused(draft, three, org):
    with pytest.raises(DraftError, match="không thuộc"):
        set_lead_many(draft, ids(three), org.other_police)
    assert draft.tasks.filter(lead_unit=org.other_police).count() == 0


def test_one_deadline_for_several_leaves_a_recurring_duty_alone(draft, three):
    changed = set_deadline_many(draft, ids(three), datetime.date(2026, 9, 30))
    assert ids(changed) == ids(three[:2])
    first, _, third = draft.tasks.order_by("pk")
    assert (first.deadline, first.deadline_kind) == (datetime.date(2026, 9, 30), DeadlineKind.DATE)
    assert third.deadline_kind == DeadlineKind.RECURRING


def test_a_proposal_of_another_draft_is_refused(draft, three, org):
    other = ProposedTaskFactory(lead_unit=org.culture)
    with pytest.raises(DraftError):
        drop_many(draft, [three[0].pk, other.pk])
    assert not other.__class__.objects.get(pk=other.pk).dropped


def commune_import(org):
    return import_document(
        org=org.commune, data=data(PROVINCE_DIRECTIVE), filename="977.txt", actor=org.tracker
    )


def test_the_duties_set_aside_are_dropped_or_restored_at_once(org):
    draft = commune_import(org)
    theirs = draft.tasks.get(lead_unit=org.science)
    assert theirs.dropped
    assert drop_set_aside(draft) == []  # already set aside at import: nothing to do
    assert ids(drop_set_aside(draft, dropped=False)) == [theirs.pk]
    theirs.refresh_from_db()
    assert not theirs.dropped
    assert ids(drop_set_aside(draft)) == [theirs.pk]
    theirs.refresh_from_db()
    assert theirs.dropped and theirs.reasons["set_aside"]


def test_numbers_do_not_shift_after_a_merge_or_a_drop(client, draft, three, org):
    client.force_login(org.tracker)
    url = reverse("intake:review", args=[draft.pk])
    merge_proposals(draft, ids(three[:2]))
    drop_many(draft, [three[2].pk])
    page = client.get(url).content.decode()
    assert f'id="dt-{three[2].pk}"' in page
    assert 'data-number="3"' in page and "<s>Nhiệm vụ 3</s>" in page


def test_a_hint_goes_once_the_field_is_changed(client, org):
    draft = import_document(
        org=org.province, data=data(PROVINCE_DIRECTIVE), filename="977.txt", actor=org.province_tracker
    )
    task = draft.tasks.get(text__contains="rà soát dữ liệu dân cư")
    client.force_login(org.province_tracker)
    url = reverse("intake:review", args=[draft.pk])
    hint = escape(task.reasons["deadline"])
    assert hint in client.get(url).content.decode()
    set_deadline_many(draft, [task.pk], datetime.date(2026, 8, 15))
    assert hint not in client.get(url).content.decode()


def test_a_bulk_action_answers_with_only_the_changed_cards(client, draft, three, org):
    client.force_login(org.tracker)
    url = reverse("intake:bulk", args=[draft.pk])
    r = client.post(url, {"action": "lead", "lead_unit": org.economy.pk, "ids": ids(three[:2])}, **FRAGMENT)
    body = r.content.decode()
    assert r.status_code == 200
    assert f'id="dt-{three[0].pk}"' in body and f'id="dt-{three[1].pk}"' in body
    assert f'id="dt-{three[2].pk}"' not in body and "<html" not in body
    assert 'id="draft-problems"' in body and "Đã giao Phòng Kinh tế chủ trì 2 nhiệm vụ." in body


def test_without_the_script_a_bulk_action_redirects_back(client, draft, three, org):
    client.force_login(org.tracker)
    r = client.post(reverse("intake:bulk", args=[draft.pk]), {"action": "drop", "ids": ids(three)})
    assert r.status_code == 302 and r.url.startswith(reverse("intake:review", args=[draft.pk]))
    assert draft.tasks.filter(dropped=True).count() == 3


def test_a_bulk_action_without_a_choice_says_so(client, draft, three, org):
    client.force_login(org.tracker)
    r = client.post(reverse("intake:bulk", args=[draft.pk]), {"action": "deadline", "ids": []}, **FRAGMENT)
    assert r.status_code == 400
    assert "Cần chọn ít nhất một nhiệm vụ" in r.content.decode()


def test_a_bad_date_in_a_bulk_deadline_is_told_in_vietnamese(client, draft, three, org):
    client.force_login(org.tracker)
    post = {"action": "deadline", "deadline": "31/02/2026", "ids": ids(three[:1])}
    r = client.post(reverse("intake:bulk", args=[draft.pk]), post, **FRAGMENT)
    assert r.status_code == 400
    assert draft.tasks.filter(deadline__isnull=False).count() == 0


def test_the_set_aside_action_is_a_button_of_the_page(client, org):
    draft = commune_import(org)
    client.force_login(org.tracker)
    page = client.get(reverse("intake:review", args=[draft.pk])).content.decode()
    assert 'data-testid="restore-set-aside"' in page
    client.post(reverse("intake:drop_set_aside", args=[draft.pk]), {"restore": "1"})
    page = client.get(reverse("intake:review", args=[draft.pk])).content.decode()
    assert "Bỏ các nhiệm vụ không thuộc đơn vị (1)" in page


def test_the_card_answers_alone_and_without_the_script_redirects(client, draft, three, org):
    client.force_login(org.tracker)
    url = reverse("intake:card", args=[draft.pk, three[0].pk])
    assert f'id="dt-{three[0].pk}"' in client.get(url, **FRAGMENT).content.decode()
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("role", [Role.VIEWER, Role.MEMBER])
def test_a_viewer_or_a_member_cannot_act(client, draft, three, org, role):
    client.force_login(person(org.commune if role == Role.VIEWER else org.culture, role))
    r = client.post(reverse("intake:bulk", args=[draft.pk]), {"action": "drop", "ids": ids(three)})
    assert r.status_code == 404
    r = client.post(reverse("intake:drop_set_aside", args=[draft.pk]), {"restore": "1"})
    assert r.status_code == 404
    assert not draft.tasks.filter(dropped=True).exists()


def test_a_confidential_draft_stays_invisible_to_a_tracker_not_named(client, org):
    secret = DocumentFactory(owner=org.commune, confidentiality="Mật", text="Mật.")
    draft = ImportDraftFactory(document=secret)
    task = ProposedTaskFactory(draft=draft, lead_unit=org.culture)
    client.force_login(org.tracker)
    assert client.get(reverse("intake:card", args=[draft.pk, task.pk]), **FRAGMENT).status_code == 404
    r = client.post(reverse("intake:bulk", args=[draft.pk]), {"action": "drop", "ids": [task.pk]}, **FRAGMENT)
    assert r.status_code == 404
    secret.allowed_people.add(org.tracker)
    assert client.get(reverse("intake:card", args=[draft.pk, task.pk]), **FRAGMENT).status_code == 200
