from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "dieuhanh.notify"
    verbose_name = "Nhắc việc, thông báo"

    def ready(self):
        from dieuhanh.notify import confidential, workflow

        confidential.connect_signals()
        workflow.connect_signals()
