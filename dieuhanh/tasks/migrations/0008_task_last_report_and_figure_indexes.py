from django.conf import settings
from django.db import migrations, models


def fill_last_reported_on(apps, schema_editor):
    """The date of each task's latest progress report, as tasks.models.note_last_reports writes it
    (frozen here): one UPDATE, so a province's million tasks are not loaded into Python."""
    Task = apps.get_model("tasks", "Task")
    ProgressReport = apps.get_model("tasks", "ProgressReport")
    latest = (
        ProgressReport.objects.filter(task_id=models.OuterRef("pk"))
        .order_by()
        .values("task_id")
        .annotate(latest=models.Max("reported_on"))
        .values("latest")
    )
    Task.objects.update(last_reported_on=models.Subquery(latest))


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0008_document_confidentiality_index"),
        ("org", "0001_initial"),
        ("tasks", "0007_task_full_text_search"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="last_reported_on",
            field=models.DateField(
                blank=True,
                editable=False,
                help_text="Ngày của báo cáo tiến độ mới nhất; ghi lại mỗi khi có báo cáo thêm, sửa hoặc xóa.",
                null=True,
                verbose_name="ngày báo cáo tiến độ gần nhất",
            ),
        ),
        migrations.RunPython(fill_last_reported_on, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                fields=[
                    "owner",
                    "outcome",
                    "state",
                    "deadline",
                    "completed_on",
                    "last_reported_on",
                    "lead_unit",
                    "document",
                    "is_series",
                    "created_at",
                ],
                name="task_figures",
            ),
        ),
        migrations.RemoveIndex(model_name="task", name="task_created_at"),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                fields=["created_at", "owner", "lead_unit", "document", "is_series"], name="task_created_at"
            ),
        ),
        migrations.RemoveIndex(model_name="task", name="task_completed_on"),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                fields=["completed_on", "state", "outcome", "owner", "lead_unit", "document", "is_series"],
                name="task_completed_on",
            ),
        ),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                condition=models.Q(("state", "awaiting_approval")),
                fields=["completed_on", "deadline"],
                name="task_awaiting_claims",
            ),
        ),
    ]
