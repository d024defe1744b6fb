"""The notifications page, its unread count and the preferences page: mine only, in Vietnamese."""

import datetime

from django.template import Context, Template
from django.test import RequestFactory

from dieuhanh.notify.models import Notification, NotificationPreference
from dieuhanh.notify.worker import tick
from tests.notify.conftest import frozen

D = datetime.date


def remind(world):
    world.task.deadline = world.task.original_deadline = D(2026, 6, 10)
    world.task.summary = "Tổng kết phong trào thi đua"
    world.task.save()
    with frozen(D(2026, 6, 11), 6):
        tick()


def test_it_lists_my_notifications_with_the_unread_count(client, world):
    remind(world)
    client.force_login(world.s.lead)
    page = client.get("/thong-bao/").content.decode()
    assert 'Thông báo <small class="muted">(1 chưa đọc)</small>' in page
    assert "Quá hạn: Tổng kết phong trào thi đua" in page


def test_it_shows_nothing_of_other_peoples_notifications(client, world):
    remind(world)
    client.force_login(world.s.outsider)
    page = client.get("/thong-bao/").content.decode()
    assert "Không có thông báo nào." in page and "Tổng kết" not in page
    mine = Notification.objects.get(person=world.s.lead)
    assert client.get(f"/thong-bao/{mine.pk}/").status_code == 404


def test_opening_a_notification_marks_it_read_and_goes_to_the_task(client, world):
    remind(world)
    client.force_login(world.s.lead)
    mine = Notification.objects.get(person=world.s.lead)
    assert f'action="/thong-bao/{mine.pk}/"' in client.get("/thong-bao/").content.decode()
    response = client.post(f"/thong-bao/{mine.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/nhiem-vu/{world.task.pk}/"
    mine.refresh_from_db()
    assert mine.is_read


def test_a_get_on_a_notification_changes_nothing(client, world):
    remind(world)
    client.force_login(world.s.lead)
    mine = Notification.objects.get(person=world.s.lead)
    response = client.get(f"/thong-bao/{mine.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/nhiem-vu/{world.task.pk}/"
    mine.refresh_from_db()
    assert not mine.is_read


def test_it_marks_everything_read(client, world):
    remind(world)
    client.force_login(world.s.lead)
    client.post("/thong-bao/doc-het/")
    assert not Notification.objects.filter(person=world.s.lead, read_at=None).exists()


def test_the_badge_shows_the_unread_count(world):
    remind(world)
    request = RequestFactory().get("/")
    request.user = world.s.lead
    html = Template("{% load notify %}{% notification_badge %}").render(Context({"request": request}))
    assert 'href="/thong-bao/"' in html and "<strong>(1)</strong>" in html


def test_it_saves_preferences_and_keeps_one_channel(client, world):
    client.force_login(world.s.lead)
    assert "Giờ nhận thư tổng hợp" in client.get("/thong-bao/cai-dat/").content.decode()
    client.post("/thong-bao/cai-dat/", {"email_enabled": "on", "digest_hour": "16"})
    preference = NotificationPreference.objects.get(person=world.s.lead)
    assert preference.digest_hour == 16 and preference.email_enabled and not preference.in_app_enabled
    page = client.post("/thong-bao/cai-dat/", {"digest_hour": "7"}).content.decode()
    assert "Cần giữ ít nhất một kênh nhận nhắc việc." in page


def test_pages_need_a_login(client):
    assert client.get("/thong-bao/").status_code == 302


def test_it_saves_a_choice_per_kind_of_event(client, world):
    client.force_login(world.s.leader)
    page = client.get("/thong-bao/cai-dat/").content.decode()
    assert "Thông báo theo loại sự kiện" in page and "Đề nghị xác nhận hoàn thành" in page
    client.post(
        "/thong-bao/cai-dat/",
        {
            "email_enabled": "on",
            "in_app_enabled": "on",
            "digest_hour": "7",
            "event_progress_reported": "off",
            "event_completion_requested": "in_app",
        },
    )
    preference = NotificationPreference.objects.get(person=world.s.leader)
    assert preference.event_choices == {"progress_reported": "off", "completion_requested": "in_app"}
    assert preference.delivery_for("direction_given") == "all"
    page = client.post(
        "/thong-bao/cai-dat/", {"digest_hour": "7", "email_enabled": "on", "event_task_assigned": "x"}
    )
    assert "Lựa chọn không hợp lệ." in page.content.decode()
