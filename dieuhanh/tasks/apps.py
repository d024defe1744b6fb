from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "dieuhanh.tasks"
    verbose_name = "Nhiệm vụ"

    def ready(self):
        from dieuhanh.tasks import signals  # noqa: F401
        from dieuhanh.tasks.search_index import connect_signals

        connect_signals()
