from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "dieuhanh.notify"
    verbose_name = "Nhắc việc, thông báo"

    def ready(self):
        from dieuhanh.notify import confidential

        confidential.connect_signals()
