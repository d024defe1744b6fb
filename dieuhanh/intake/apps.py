from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "dieuhanh.intake"
    verbose_name = "Nhập văn bản"
