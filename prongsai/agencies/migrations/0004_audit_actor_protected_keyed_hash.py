"""The audit log's actor is protected (a person with history is deactivated, not deleted), and the chain is
re-hashed with the key (HMAC): an existing chain is first checked with the plain hash it was written with,
then every entry's hash is recomputed in order. A chain that was already broken is left as it is, so that
audit-verify still reports it."""

import hashlib
import json
from datetime import UTC

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


GENESIS = "0" * 64


def _payload(entry) -> bytes:
    payload = {
        "chain": entry.chain,
        "seq": entry.seq,
        "agency": entry.agency_id,
        "actor": entry.actor_id,
        "actor_name": entry.actor_name,
        "at": entry.at.astimezone(UTC).isoformat(),
        "action": entry.action,
        "model": entry.model,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "before": entry.before,
        "after": entry.after,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def rehash(apps, schema_editor):
    import hmac

    AuditEntry = apps.get_model("agencies", "AuditEntry")
    chains = AuditEntry.objects.order_by().values_list("chain", flat=True).distinct()
    for chain in chains:
        entries = list(AuditEntry.objects.filter(chain=chain).order_by("seq"))
        expected_prev = GENESIS
        intact = True
        for number, entry in enumerate(entries, start=1):
            if entry.seq != number or entry.prev_hash != expected_prev:
                intact = False
                break
            if hashlib.sha256(_payload(entry)).hexdigest() != entry.hash:
                intact = False
                break
            expected_prev = entry.hash
        if not intact:
            continue
        prev = GENESIS
        for entry in entries:
            entry.prev_hash = prev
            entry.hash = hmac.new(settings.AUDIT_KEY, _payload(entry), hashlib.sha256).hexdigest()
            AuditEntry.objects.filter(pk=entry.pk).update(prev_hash=entry.prev_hash, hash=entry.hash)
            prev = entry.hash


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0003_statusevent'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditentry',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.RunPython(rehash, migrations.RunPython.noop),
    ]
