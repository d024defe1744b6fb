"""ImportDraft and DraftTask leave the registry for `intake` (intake 0001): their tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0003_import_draft"),
        ("intake", "0001_move_drafts_from_documents"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="DraftTask"),
                migrations.DeleteModel(name="ImportDraft"),
            ],
        ),
    ]
