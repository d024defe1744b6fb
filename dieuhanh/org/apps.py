from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "dieuhanh.org"
    verbose_name = "Tổ chức"

    def ready(self):
        from dieuhanh.org.unit_names import connect_signals

        connect_signals()
