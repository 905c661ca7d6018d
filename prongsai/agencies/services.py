"""Writes of the agencies app, and the audit log every other app's writes go through."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from datetime import UTC
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Agency, AuditEntry, Department, Holiday, Membership, StaffPreference, StatusEvent
from .signals import announce_public_change

GENESIS = "0" * 64
SECRET_FIELDS = frozenset({"password", "key_hash"})


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The stored values of a record (and its many-to-many links), JSON-safe, for before/after."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        value = field.value_from_object(instance)
        if field.attname in SECRET_FIELDS and value:
            # The log shows that a secret changed, never the secret (nor its hash, which could be attacked).
            value = "changed:" + hashlib.sha256(str(value).encode()).hexdigest()[:12]
        data[field.attname] = value.name if isinstance(value, FieldFile) else value
    if instance.pk:
        for field in instance._meta.many_to_many:
            data[field.name] = sorted(obj.pk for obj in getattr(instance, field.name).all())
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def chain_of(agency: Agency | None) -> str:
    return f"agency:{agency.pk}" if agency else "platform"


def entry_hash(entry: AuditEntry) -> str:
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
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    # Keyed (HMAC-SHA256, key from the environment): someone who can write to the database but lacks the key
    # cannot change an entry and recompute every hash after it.
    return hmac.new(settings.AUDIT_KEY, canonical.encode(), hashlib.sha256).hexdigest()


def audit_record(
    *,
    actor,
    agency: Agency | None,
    action: str,
    instance: models.Model | None = None,
    model: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Append one entry to the agency's chain. Concurrent writers race on (chain, seq); the loser retries."""
    chain = chain_of(agency)
    if instance is not None:
        model = model or instance._meta.label_lower
        object_id = object_id or str(instance.pk)
        object_repr = object_repr or str(instance)[:300]
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    for _attempt in range(5):
        last = AuditEntry.objects.filter(chain=chain).order_by("-seq").values("seq", "hash").first()
        entry = AuditEntry(
            chain=chain,
            seq=(last["seq"] + 1) if last else 1,
            agency=agency,
            actor=actor,
            actor_name=actor.get_username() if actor else "",
            at=timezone.now(),
            action=action,
            model=model,
            object_id=object_id,
            object_repr=object_repr[:300],
            before=json.loads(json.dumps(before, cls=DjangoJSONEncoder)) if before is not None else None,
            after=json.loads(json.dumps(after, cls=DjangoJSONEncoder)) if after is not None else None,
            prev_hash=last["hash"] if last else GENESIS,
        )
        entry.hash = entry_hash(entry)
        try:
            with transaction.atomic():
                entry.save()
            return entry
        except IntegrityError:
            continue
    raise RuntimeError(f"could not append to audit chain {chain}")


def record_create(*, actor, agency: Agency | None, instance: models.Model) -> None:
    """Validate and save a new record, with its audit entry."""
    instance.full_clean()
    instance.save()
    audit_record(
        actor=actor,
        agency=agency,
        action=AuditEntry.Action.CREATE,
        instance=instance,
        after=snapshot(instance),
    )


def record_change(
    *,
    actor,
    agency: Agency | None,
    instance: models.Model,
    before: dict | None,
    action: str = AuditEntry.Action.CHANGE,
    update_fields=None,
) -> None:
    """Save a changed record, with its audit entry holding the values before and after."""
    instance.save(update_fields=update_fields)
    audit_record(
        actor=actor, agency=agency, action=action, instance=instance, before=before, after=snapshot(instance)
    )


@transaction.atomic
def status_event_record(
    *,
    actor,
    agency: Agency,
    instance: models.Model,
    from_state: str,
    to_state: str,
    note: str = "",
    data: dict | None = None,
) -> StatusEvent:
    """One row of a record's timeline (the platform's one status-event model)."""
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return StatusEvent.objects.create(
        agency=agency,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=instance.pk,
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        at=timezone.now(),
        from_state=from_state,
        to_state=to_state,
        note=note,
        data=json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder)),
    )


def status_change(
    *,
    actor,
    agency: Agency,
    instance: models.Model,
    to_state: str,
    allowed: dict[str, Iterable[str]],
    field: str = "state",
    note: str = "",
    data: dict | None = None,
) -> StatusEvent:
    """Move ``instance.<field>`` to ``to_state`` if ``allowed`` lists that step from the current state;
    save with its audit entry and write the status event. An illegal step is a ValidationError that
    names both states, and nothing is saved."""
    from_state = getattr(instance, field)
    if to_state not in allowed.get(from_state, ()):
        labels = dict(instance._meta.get_field(field).choices or ())
        raise ValidationError(
            _("เปลี่ยนสถานะจาก “%(from)s” เป็น “%(to)s” ไม่ได้")
            % {"from": labels.get(from_state, from_state), "to": labels.get(to_state, to_state)},
            code="illegal_transition",
        )
    with transaction.atomic():
        before = snapshot(instance)
        setattr(instance, field, to_state)
        record_change(actor=actor, agency=agency, instance=instance, before=before)
        return status_event_record(
            actor=actor,
            agency=agency,
            instance=instance,
            from_state=from_state,
            to_state=to_state,
            note=note,
            data=data,
        )


def agency_create(
    *, actor, slug: str, name: str, name_en: str = "", kind: str = Agency.Kind.OTHER, parent_name: str = ""
) -> Agency:
    agency = Agency(slug=slug, name=name, name_en=name_en, kind=kind, parent_name=parent_name)
    record_create(actor=actor, agency=agency, instance=agency)
    return agency


@transaction.atomic
def department_create(
    *, actor, agency: Agency, code: str, name: str, name_en: str = "", order: int = 0
) -> Department:
    department = Department(agency=agency, code=code, name=name, name_en=name_en, order=order)
    record_create(actor=actor, agency=agency, instance=department)
    return department


@transaction.atomic
def department_update(*, actor, department: Department, name: str, name_en: str | None = None) -> Department:
    """A department renamed (a reorganisation): the log keeps the old name beside the new one."""
    before = snapshot(department)
    department.name = name
    if name_en is not None:
        department.name_en = name_en
    department.full_clean()
    record_change(actor=actor, agency=department.agency, instance=department, before=before)
    return department


@transaction.atomic
def membership_grant(
    *, actor, user, agency: Agency, role: str, departments: Iterable[Department] = ()
) -> Membership:
    departments = list(departments)
    if any(d.agency_id != agency.pk for d in departments):
        raise ValueError("a membership can only name departments of its own agency")
    membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    before = None if created else snapshot(membership)
    membership.is_active = True
    membership.save()
    if departments:
        membership.departments.add(*departments)
    audit_record(
        actor=actor,
        agency=agency,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.CHANGE,
        instance=membership,
        before=before,
        after=snapshot(membership),
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> Membership:
    before = snapshot(membership)
    membership.is_active = False
    record_change(
        actor=actor,
        agency=membership.agency,
        instance=membership,
        before=before,
        action=AuditEntry.Action.WITHDRAW,
        update_fields=["is_active"],
    )
    return membership


@transaction.atomic
def holiday_add(*, actor, agency: Agency | None, date, name: str) -> Holiday:
    holiday = Holiday(agency=agency, date=date, name=name)
    record_create(actor=actor, agency=agency, instance=holiday)
    _holidays_changed(agency)
    return holiday


@transaction.atomic
def holiday_remove(*, actor, holiday: Holiday) -> None:
    before = snapshot(holiday)
    audit_record(
        actor=actor, agency=holiday.agency, action=AuditEntry.Action.WITHDRAW, instance=holiday, before=before
    )
    holiday.delete()
    _holidays_changed(holiday.agency)


def _holidays_changed(agency: Agency | None) -> None:
    """Due dates move with the holidays, on public pages too (tracking, the e-service statistics): the
    agency's public stamp moves, or the deployment's when the holiday is national (every agency's)."""
    from .public_stamp import deployment_changed, stamp_changed

    if agency is None:
        deployment_changed()
    else:
        stamp_changed(agency)


@transaction.atomic
def preference_set(*, user, email_notifications: bool) -> StaffPreference:
    preference = StaffPreference.objects.filter(user=user).first()
    if preference is None:
        preference = StaffPreference(user=user, email_notifications=email_notifications)
        record_create(actor=user, agency=None, instance=preference)
        return preference
    before = snapshot(preference)
    preference.email_notifications = email_notifications
    record_change(actor=user, agency=None, instance=preference, before=before)
    return preference


@transaction.atomic
def agency_settings_update(*, actor, agency: Agency, web_digits: str) -> Agency:
    """How the agency's web pages write numbers; its public pages change at once (the announcement drops
    what the portal cached)."""
    before = snapshot(agency)
    agency.web_digits = web_digits
    agency.full_clean()
    record_change(actor=actor, agency=agency, instance=agency, before=before)
    announce_public_change(agency=agency, source="agencies")
    return agency
