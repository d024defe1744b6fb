from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "dieuhanh.notify"
    verbose_name = "Nhắc việc, thông báo"
