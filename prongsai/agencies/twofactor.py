"""Two-step sign-in for staff (TOTP from an authenticator app, with one-time recovery codes), on django-otp.

Who must use it is a rule of the platform: in production every platform admin, integrity coordinator,
director and complaint handler (they publish, approve, or read complaints); officers may turn it on. A
person who has set it up is always asked for a code. The development demo's accounts are exempt unless
PRONGSAI_OTP_REQUIRED is set, and the sign-in page says so, so a new user's first minutes need no app.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import AuditEntry, Membership, Role
from .services import audit_record

REQUIRED_ROLES = frozenset({Role.COORDINATOR, Role.DIRECTOR, Role.COMPLAINT_HANDLER})
RECOVERY_CODES = 10


def required_for(user) -> bool:
    if not settings.OTP_REQUIRED or not user.is_authenticated:
        return False  # no query at all when the deployment does not ask for it
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, is_active=True, role__in=REQUIRED_ROLES).exists()


def needs_code(request) -> bool:
    """Whether the signed-in person must still give a code in this session. Whether they have set up an
    authenticator is read once, at sign-in (``enrolled_at_login``), not on every request."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    enrolled = request.session.get("otp_enrolled")
    if enrolled is None:
        enrolled = request.session["otp_enrolled"] = user_has_device(user, confirmed=True)
    return enrolled or required_for(user)


def enrolled_at_login(request, user) -> None:
    request.session["otp_enrolled"] = user_has_device(user, confirmed=True)


def enrolment_start(user) -> TOTPDevice:
    """A new, unconfirmed authenticator for the person (an earlier unconfirmed one is replaced)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def enrolment_confirm(user, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a code it shows; returns the recovery codes (shown once), or None."""
    if device.user_id != user.pk or not device.verify_token(code.strip().replace(" ", "")):
        return None
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [secrets.token_hex(4) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=recovery, token=c) for c in codes])
    audit_record(
        actor=user,
        agency=None,
        action=AuditEntry.Action.OTHER,
        model="otp.enrolment",
        object_id=str(user.pk),
        object_repr="two-step sign-in turned on",
    )
    return codes


def verify(user, code: str):
    """The device that accepts ``code`` (an authenticator's code, or a recovery code, which then stops
    working), or None."""
    code = code.strip().replace(" ", "").lower()
    for device in devices_for_user(user, confirmed=True):
        if device.verify_token(code):
            return device
    return None
