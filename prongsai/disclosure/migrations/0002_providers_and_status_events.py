"""Catalogue items name their providers and infographic kind as data; publication events move to the
platform's one status-event model (agencies.StatusEvent)."""

import json
from pathlib import Path

from django.db import migrations, models

CATALOGUES = Path(__file__).resolve().parent.parent / "catalogues"


def forwards(apps, schema_editor):
    CatalogueItem = apps.get_model("disclosure", "CatalogueItem")
    shipped = {}
    for path in CATALOGUES.glob("*.json"):
        if "--" in path.name:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for raw in data["items"]:
            shipped[(data["scheme"], raw["code"].lower())] = raw
    # A copied year keeps its scheme and codes: it takes the providers of the shipped file of its scheme.
    for item in CatalogueItem.objects.select_related("catalogue"):
        raw = shipped.get((item.catalogue.scheme, item.code), {})
        item.providers = list(raw.get("providers") or [])
        item.infographic = raw.get("infographic") or ""
        item.save(update_fields=["providers", "infographic"])

    PublicationEvent = apps.get_model("disclosure", "PublicationEvent")
    StatusEvent = apps.get_model("agencies", "StatusEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="disclosure", model="publication")
    users = {}
    rows = []
    for event in PublicationEvent.objects.select_related("publication", "actor").iterator():
        users.setdefault(event.actor_id, event.actor.username if event.actor_id else "")
        rows.append(
            StatusEvent(
                agency_id=event.publication.agency_id,
                content_type=content_type,
                object_id=event.publication_id,
                actor_id=event.actor_id,
                actor_name=users[event.actor_id],
                at=event.at,
                from_state=event.from_state,
                to_state=event.to_state,
                note=event.comment,
            )
        )
    StatusEvent.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0001_initial"),
        ("agencies", "0003_statusevent"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="catalogueitem",
            name="providers",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RemoveField(model_name="catalogueitem", name="infographic"),
        migrations.AddField(
            model_name="catalogueitem",
            name="infographic",
            field=models.CharField(blank=True, max_length=30),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="catalogueitem", name="generated_from"),
        migrations.DeleteModel(name="PublicationEvent"),
    ]
