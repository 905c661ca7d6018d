"""A news post names the plan activity it reports by a provider reference instead of a foreign key into
the plans app (content does not depend on plans)."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    NewsPost = apps.get_model("content", "NewsPost")
    for post in NewsPost.objects.exclude(activity__isnull=True):
        post.activity_ref = f"plans.activity:{post.activity_id}"
        post.save(update_fields=["activity_ref"])


class Migration(migrations.Migration):
    dependencies = [("content", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="newspost",
            name="activity_ref",
            field=models.CharField(blank=True, max_length=60, verbose_name="กิจกรรมตามแผนที่ข่าวนี้รายงาน"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="newspost", name="activity"),
    ]
