from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "dieuhanh.documents"
    verbose_name = "Văn bản"
