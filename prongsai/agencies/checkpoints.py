"""Checkpoints of the audit log: the head of every chain (its last sequence number and hash), written daily by
the worker to the file store, outside the database, and signed with the audit key.

A rewrite of the log that recomputes every later hash is impossible without the key; a truncation (the last
entries deleted, or a whole chain) leaves a chain that is still internally consistent. The checkpoint catches
both: ``audit-verify`` compares the chains with the latest one. The heads are also published
(``/audit-heads.json``) so that anyone can keep copies that the platform itself cannot change afterwards.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from .models import AuditEntry

FOLDER = "audit-checkpoints"


def _signature(at: str, heads: list[dict]) -> str:
    canonical = json.dumps({"at": at, "heads": heads}, sort_keys=True, separators=(",", ":"))
    return hmac.new(settings.AUDIT_KEY, canonical.encode(), hashlib.sha256).hexdigest()


def heads_now() -> list[dict]:
    """The last entry of every chain: one query (the (chain, seq) unique index answers the subquery)."""
    last = AuditEntry.objects.filter(chain=OuterRef("chain")).order_by("-seq").values("seq")[:1]
    rows = AuditEntry.objects.filter(seq=Subquery(last)).order_by("chain").values("chain", "seq", "hash")
    return [{"chain": r["chain"], "seq": r["seq"], "hash": r["hash"]} for r in rows]


def checkpoint_write(now: datetime | None = None) -> dict:
    """Write the current heads, signed, to the file store; returns the checkpoint."""
    at = (now or timezone.now()).astimezone(UTC).isoformat(timespec="seconds")
    heads = heads_now()
    checkpoint = {"at": at, "heads": heads, "signature": _signature(at, heads)}
    name = f"{FOLDER}/{at[:10]}/{at[11:19].replace(':', '')}.json"
    default_storage.save(name, ContentFile(json.dumps(checkpoint, indent=1).encode()))
    return checkpoint


def checkpoint_valid(checkpoint: dict) -> bool:
    return hmac.compare_digest(
        str(checkpoint.get("signature", "")),
        _signature(checkpoint.get("at", ""), checkpoint.get("heads", [])),
    )


def checkpoints() -> list[str]:
    """The stored checkpoints' names, oldest first."""
    if not default_storage.exists(FOLDER):
        return []
    names = []
    days, _files = default_storage.listdir(FOLDER)
    for day in sorted(days):
        _dirs, files = default_storage.listdir(f"{FOLDER}/{day}")
        names += [f"{FOLDER}/{day}/{f}" for f in sorted(files) if f.endswith(".json")]
    return names


def checkpoint_read(name: str) -> dict:
    with default_storage.open(name, "rb") as handle:
        return json.loads(handle.read())


def latest_checkpoint() -> tuple[dict | None, str]:
    """The newest checkpoint whose signature holds, and a note on any newer one that does not."""
    note = ""
    for name in reversed(checkpoints()):
        checkpoint = checkpoint_read(name)
        if checkpoint_valid(checkpoint):
            return checkpoint, note
        note = f"checkpoint {name} is not signed with the audit key and was ignored"
    return None, note
