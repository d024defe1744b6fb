from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dieuhanh.core"
    verbose_name = "Hệ thống"

    def ready(self):
        from dieuhanh.core import audit

        audit.connect_signals()
