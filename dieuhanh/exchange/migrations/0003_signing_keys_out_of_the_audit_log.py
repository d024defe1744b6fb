"""The audit log held each commune's private signing key in clear (SigningKey was Audited): the
events about signing keys keep only the public half from now on."""

from django.db import migrations


def redact(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEvent = apps.get_model("core", "AuditEvent")
    kind = ContentType.objects.filter(app_label="exchange", model="signingkey").first()
    if kind is None:
        return
    # The one edit the log ever gets: a secret that should never have been written to it.
    for event in AuditEvent.objects.filter(content_type=kind):
        sides = {side: getattr(event, side) for side in ("before", "after")}
        AuditEvent.objects.filter(pk=event.pk).update(
            **{
                side: {k: v for k, v in values.items() if k != "private_key"} if isinstance(values, dict) else values
                for side, values in sides.items()
            }
        )


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0002_sender_key_last_package_and_revoked_by"),
        ("core", "0002_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(redact, migrations.RunPython.noop)]
