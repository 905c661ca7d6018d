"""The text inside a file is read by the worker after the upload and kept as it is (``file_text``); search
words live in the portal's index, not here. Existing files are marked to be read again."""

from django.db import migrations, models


def mark_pending(apps, schema_editor):
    PublicationVersion = apps.get_model("disclosure", "PublicationVersion")
    PublicationVersion.objects.filter(file_format__in=["pdf", "docx", "xlsx", "csv"]).update(
        file_text_state="pending"
    )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0002_providers_and_status_events")]

    operations = [
        migrations.RemoveField(model_name="publicationversion", name="search_text"),
        migrations.AddField(
            model_name="publicationversion",
            name="file_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="publicationversion",
            name="file_text_state",
            field=models.CharField(blank=True, editable=False, max_length=12),
        ),
        migrations.RunPython(mark_pending, migrations.RunPython.noop),
    ]
