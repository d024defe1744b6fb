from django.db import migrations, models
from django.db.models import F, Q
from django.db.models.functions import Coalesce


def fill_outcome(apps, schema_editor):
    """The outcome of the closed tasks already there, by the rule of status.outcome_of (frozen here):
    in a few UPDATEs, so a province's million tasks are not loaded into Python."""
    Task = apps.get_model("tasks", "Task")
    Task.objects.filter(state="paused").update(outcome="paused")
    Task.objects.filter(state="cancelled").update(outcome="cancelled")
    done = Task.objects.filter(state="done").annotate(judged=Coalesce(F("original_deadline"), F("deadline")))
    done.filter(Q(completed_on__isnull=True) | Q(judged__isnull=True) | Q(completed_on__lt=F("judged"))).update(
        outcome="done_early"
    )
    done.filter(completed_on=F("judged")).update(outcome="done_on_time")
    done.filter(outcome="").update(outcome="done_late")


class Migration(migrations.Migration):
    dependencies = [
        ("tasks", "0004_task_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="outcome",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                help_text="Trạng thái của nhiệm vụ đã hoàn thành, tạm hoãn hoặc hủy; trống khi đang thực hiện.",
                max_length=20,
                verbose_name="kết quả khi đã đóng",
            ),
        ),
        migrations.RunPython(fill_outcome, migrations.RunPython.noop),
    ]
