"""Units and people: a read-only tree for admins, with links into the admin site."""

import pytest

from dieuhanh.org.constants import Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_admins_see_the_tree_of_their_organisation(s, login):
    admin = MembershipFactory(unit=s.commune, role=Role.ADMIN).user
    r = login(admin).get("/don-vi/")
    body = r.content.decode()
    assert r.status_code == 200
    assert s.lead_unit.name in body and str(s.lead) in body
    assert s.other_commune.name not in body
    assert "/admin/org/unit/" not in body


def test_staff_get_links_into_the_admin(s, login):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    body = login(superuser).get("/don-vi/").content.decode()
    assert f"/admin/org/unit/{s.lead_unit.pk}/change/" in body
    assert 'data-testid="nav-units"' in body


def test_other_roles_are_refused(s, login):
    for who in (s.leader, s.tracker, s.lead, s.viewer):
        assert login(who).get("/don-vi/").status_code == 403
