from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dieuhanh.reports"
    verbose_name = "Báo cáo, xếp loại"
