"""ImportDraft and DraftTask (now ProposedTask) move from `documents` to `intake` without moving data.

The tables keep their names (db_table); only the column of the coordinators table that is
named after the model is renamed (drafttask_id → proposedtask_id, a rename in place on SQLite
and PostgreSQL). The content types of the two models are relabelled, so the audit log, the
admin's history and any permission given to a group keep pointing at them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# (app label, model) before → after
MOVED = {("documents", "importdraft"): ("intake", "importdraft"), ("documents", "drafttask"): ("intake", "proposedtask")}


def _relabel(apps, moves):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    AuditEvent = apps.get_model("core", "AuditEvent")
    LogEntry = apps.get_model("admin", "LogEntry")
    for (old_app, old_model), (new_app, new_model) in moves:
        old = ContentType.objects.filter(app_label=old_app, model=old_model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label=new_app, model=new_model).first()
        if new is None:
            old.app_label, old.model = new_app, new_model
            old.save()
            for permission in Permission.objects.filter(content_type=old, codename__endswith=f"_{old_model}"):
                permission.codename = permission.codename[: -len(old_model)] + new_model
                permission.save()
            continue
        # Both exist (a migrate run in between created the new one): keep the new one.
        AuditEvent.objects.filter(content_type=old).update(content_type=new)
        LogEntry.objects.filter(content_type=old).update(content_type=new)
        Permission.objects.filter(content_type=old).delete()
        old.delete()


def forwards(apps, schema_editor):
    _relabel(apps, MOVED.items())


def backwards(apps, schema_editor):
    _relabel(apps, [(after, before) for before, after in MOVED.items()])


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_initial"),
        ("documents", "0003_import_draft"),
        ("org", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportDraft",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("status", models.CharField(choices=[("pending", "Chờ rà soát"), ("confirmed", "Đã xác nhận"), ("discarded", "Đã hủy")], default="pending", max_length=10, verbose_name="trạng thái")),
                        ("warnings", models.JSONField(blank=True, default=list, verbose_name="lưu ý khi trích xuất")),
                        ("corrections", models.JSONField(blank=True, default=dict, verbose_name="nội dung đã sửa so với đề xuất")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="ngày nhập")),
                        ("confirmed_at", models.DateTimeField(blank=True, null=True, verbose_name="ngày xác nhận")),
                        ("discarded_at", models.DateTimeField(blank=True, null=True, verbose_name="ngày hủy")),
                        ("confirmed_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="người xác nhận")),
                        ("created_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="người nhập")),
                        ("document", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="import_draft", to="documents.document", verbose_name="văn bản")),
                        ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="import_drafts", to="org.unit", verbose_name="cơ quan nhập")),
                    ],
                    options={
                        "db_table": "documents_importdraft",
                        "verbose_name": "bản nháp nhiệm vụ",
                        "verbose_name_plural": "bản nháp nhiệm vụ",
                        "ordering": ["-created_at", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="ProposedTask",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("position", models.PositiveIntegerField(verbose_name="thứ tự")),
                        ("span_start", models.PositiveIntegerField(blank=True, null=True, verbose_name="vị trí đầu trong văn bản")),
                        ("span_end", models.PositiveIntegerField(blank=True, null=True, verbose_name="vị trí cuối trong văn bản")),
                        ("text", models.TextField(verbose_name="nội dung nhiệm vụ")),
                        ("summary", models.CharField(blank=True, max_length=300, verbose_name="tóm tắt")),
                        ("lead_name", models.CharField(blank=True, max_length=300, verbose_name="đơn vị chủ trì (nguyên văn)")),
                        ("lead_confidence", models.FloatField(blank=True, null=True, verbose_name="độ tin cậy đơn vị chủ trì")),
                        ("coordinator_names", models.JSONField(blank=True, default=list, verbose_name="đơn vị phối hợp (nguyên văn)")),
                        ("deadline_kind", models.CharField(choices=[("date", "Ngày cụ thể"), ("period", "Theo kỳ (tháng, quý, năm)"), ("recurring", "Định kỳ"), ("relative", "Theo sự kiện"), ("none", "Không có thời hạn")], default="none", max_length=10, verbose_name="loại thời hạn")),
                        ("deadline_text", models.CharField(blank=True, max_length=300, verbose_name="thời hạn (nguyên văn)")),
                        ("deadline", models.DateField(blank=True, null=True, verbose_name="thời hạn")),
                        ("recurrence", models.CharField(blank=True, max_length=100, verbose_name="quy tắc định kỳ")),
                        ("relative_days", models.PositiveIntegerField(blank=True, null=True, verbose_name="số ngày (thời hạn theo sự kiện)")),
                        ("relative_working_days", models.BooleanField(default=False, verbose_name="tính theo ngày làm việc")),
                        ("relative_trigger", models.CharField(blank=True, max_length=300, verbose_name="sự kiện bắt đầu tính")),
                        ("target", models.CharField(blank=True, max_length=300, verbose_name="chỉ tiêu, sản phẩm")),
                        ("budget", models.DecimalField(blank=True, decimal_places=3, max_digits=16, null=True, verbose_name="kinh phí (triệu đồng)")),
                        ("funding_source", models.CharField(blank=True, max_length=200, verbose_name="nguồn kinh phí")),
                        ("fan_out", models.BooleanField(default=False, verbose_name="giao cho tất cả các xã")),
                        ("section", models.JSONField(blank=True, default=list, verbose_name="mục trong văn bản")),
                        ("reasons", models.JSONField(blank=True, default=dict, verbose_name="lý do đề xuất")),
                        ("proposed", models.JSONField(blank=True, default=dict, editable=False, verbose_name="đề xuất ban đầu")),
                        ("dropped", models.BooleanField(default=False, verbose_name="bỏ")),
                        ("origin", models.CharField(choices=[("extracted", "Trích xuất"), ("edited", "Đã sửa"), ("merged", "Gộp"), ("split", "Tách"), ("added", "Thêm tay")], default="extracted", max_length=10, verbose_name="nguồn gốc")),
                        ("coordinators", models.ManyToManyField(blank=True, related_name="+", to="org.unit", verbose_name="đơn vị phối hợp")),
                        ("lead_unit", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="org.unit", verbose_name="đơn vị chủ trì")),
                        ("merged_into", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="merged_from", to="intake.proposedtask", verbose_name="đã gộp vào")),
                        ("draft", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="tasks", to="intake.importdraft", verbose_name="bản nháp")),
                    ],
                    options={
                        "db_table": "documents_drafttask",
                        "verbose_name": "nhiệm vụ đề xuất",
                        "verbose_name_plural": "nhiệm vụ đề xuất",
                        "ordering": ["draft", "position", "id"],
                        "constraints": [models.CheckConstraint(condition=models.Q(("span_start__isnull", True), ("span_end__gte", models.F("span_start")), _connector="OR"), name="draft_span_in_order")],
                    },
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE documents_drafttask_coordinators RENAME COLUMN drafttask_id TO proposedtask_id",
                    "ALTER TABLE documents_drafttask_coordinators RENAME COLUMN proposedtask_id TO drafttask_id",
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
