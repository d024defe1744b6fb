from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "dieuhanh.inbox"
    verbose_name = "Việc chờ tôi"
