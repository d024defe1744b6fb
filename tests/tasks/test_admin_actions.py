import datetime

import pytest
from django.urls import reverse

from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.services.completion import request_completion
from dieuhanh.tasks.services.extensions import request_extension
from tests.factories import UserFactory
from tests.scenario import build_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_admin_approves_an_extension_through_the_service(superuser_client):
    s = build_scenario()
    change = request_extension(s.task, s.lead, new_date=datetime.date(2026, 9, 1), reason="Chờ kinh phí")
    url = reverse("admin:tasks_deadlinechange_changelist")
    response = superuser_client.post(url, {"action": "approve", "_selected_action": [change.pk]}, follow=True)
    assert "Đã đồng ý 1 đề nghị gia hạn." in response.content.decode()
    s.task.refresh_from_db()
    assert (s.task.deadline, s.task.original_deadline) == (
        datetime.date(2026, 9, 1),
        datetime.date(2026, 7, 10),
    )


def test_the_admin_approves_a_completion_through_the_service(superuser_client):
    s = build_scenario()
    request = request_completion(s.task, s.lead, note="Đã xong")
    url = reverse("admin:tasks_completionrequest_changelist")
    superuser_client.post(url, {"action": "approve", "_selected_action": [request.pk]})
    s.task.refresh_from_db()
    assert s.task.state == TaskState.DONE


def test_the_task_list_shows_the_computed_status(superuser_client):
    build_scenario()
    page = superuser_client.get(reverse("admin:tasks_task_changelist")).content.decode()
    assert "tình trạng" in page.lower()
