from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "dieuhanh.documents"
    verbose_name = "Văn bản"

    def ready(self):
        from dieuhanh.documents.search_index import connect_signals

        connect_signals()
