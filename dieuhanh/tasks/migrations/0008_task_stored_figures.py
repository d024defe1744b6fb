from django.conf import settings
from django.db import migrations, models

SECRET_LEVELS = ("Mật", "Tối mật", "Tuyệt mật")
DOCUMENT_AND_SCOPE = ["owner", "lead_unit", "confidential", "document", "is_series"]


def fill(apps, schema_editor):
    """Each task's last report date (as tasks.models.note_last_reports writes it) and whether its
    document is confidential (as Task.save writes it), frozen here: in UPDATEs, so a province's
    million tasks are not loaded into Python."""
    Task = apps.get_model("tasks", "Task")
    ProgressReport = apps.get_model("tasks", "ProgressReport")
    Document = apps.get_model("documents", "Document")
    latest = (
        ProgressReport.objects.filter(task_id=models.OuterRef("pk"))
        .order_by()
        .values("task_id")
        .annotate(latest=models.Max("reported_on"))
        .values("latest")
    )
    Task.objects.update(last_reported_on=models.Subquery(latest))
    secret = Document.objects.filter(confidentiality__in=SECRET_LEVELS).values("pk")
    Task.objects.filter(document__in=secret).update(confidential=True)


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
            name="confidential",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Văn bản giao nhiệm vụ là văn bản mật; ghi lại khi đổi văn bản hoặc độ mật của văn bản.",
                verbose_name="thuộc văn bản mật",
            ),
        ),
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
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="task", name="task_created_at"),
        migrations.RemoveIndex(model_name="task", name="task_completed_on"),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(fields=["created_at", *DOCUMENT_AND_SCOPE], name="task_created_at"),
        ),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                fields=["completed_on", "state", "outcome", *DOCUMENT_AND_SCOPE], name="task_completed_on"
            ),
        ),
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
                    "confidential",
                    "document",
                    "is_series",
                    "created_at",
                ],
                name="task_figures",
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
