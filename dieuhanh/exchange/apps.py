from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "dieuhanh.exchange"
    label = "exchange"
    verbose_name = "Gói báo cáo xã gửi tỉnh"
