from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top of the house: the pages' home and navigation, `serve`, the worker loop, the demo."""

    name = "dieuhanh.site"
    label = "site"
    verbose_name = "Trang chủ và vận hành"
