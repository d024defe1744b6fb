from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "dieuhanh.org"
    verbose_name = "Tổ chức"
