"""Writes of the API app: personal tokens."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from prongsai.agencies.models import AuditEntry
from prongsai.agencies.services import audit_record, snapshot

from .models import ApiToken

TOKEN_PREFIX = "ps_"  # noqa: S105 (a public marker, not a secret)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Returns the token and its secret value, which is never stored and cannot be shown again."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=raw[:10], key_hash=token_hash(raw)
    )
    audit_record(
        actor=user,
        agency=None,
        action=AuditEntry.Action.CREATE,
        instance=token,
        after={"name": token.name, "prefix": token.prefix},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, user, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        before = snapshot(token)
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=user,
            agency=None,
            action=AuditEntry.Action.WITHDRAW,
            instance=token,
            before=before,
            after=snapshot(token),
        )
    return token


def api_token_authenticate(raw: str):
    """The user a token belongs to, or None. Marks the token used at most once a minute."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.usable().select_related("user").filter(key_hash=token_hash(raw)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
