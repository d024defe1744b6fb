from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "dieuhanh.tasks"
    verbose_name = "Nhiệm vụ"

    def ready(self):
        from dieuhanh.tasks import signals  # noqa: F401
