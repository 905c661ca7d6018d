"""Report events move to the platform's one status-event model (agencies.StatusEvent)."""

from django.db import migrations


def forwards(apps, schema_editor):
    ReportEvent = apps.get_model("plans", "ReportEvent")
    StatusEvent = apps.get_model("agencies", "StatusEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="plans", model="progressreport")
    rows = [
        StatusEvent(
            agency_id=event.report.activity.plan.agency_id,
            content_type=content_type,
            object_id=event.report_id,
            actor_id=event.actor_id,
            actor_name=event.actor.username if event.actor_id else "",
            at=event.at,
            from_state=event.from_state,
            to_state=event.to_state,
            note=event.comment,
            data={"status": event.status, "percent": event.percent},
        )
        for event in ReportEvent.objects.select_related("report__activity__plan", "actor").iterator()
    ]
    StatusEvent.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("agencies", "0003_statusevent"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.DeleteModel(name="ReportEvent"),
    ]
