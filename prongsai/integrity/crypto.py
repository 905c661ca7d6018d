"""Encryption at rest of what a complainant gives: identity, contact, the report, messages and files.

AES-256-GCM (``cryptography``) with ``settings.COMPLAINT_KEY`` (``PRONGSAI_COMPLAINT_KEY``), which comes from the
environment and is never in the database. Every value is bound to its place (``purpose``: the record and the
field it belongs to) as associated data, so a ciphertext copied into another record or field does not open.
Stored form: ``v1:`` + base64(nonce ‖ ciphertext ‖ tag); files are the same bytes without the base64.
"""

from __future__ import annotations

import base64
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

PREFIX = "v1:"
_NONCE = 12


class SealError(Exception):
    """A value that does not open with this key and purpose (wrong key, tampered, or moved)."""


def _cipher() -> AESGCM:
    return AESGCM(settings.COMPLAINT_KEY)


def seal_bytes(data: bytes, purpose: str) -> bytes:
    nonce = os.urandom(_NONCE)
    return nonce + _cipher().encrypt(nonce, data, purpose.encode())


def open_bytes(blob: bytes, purpose: str) -> bytes:
    try:
        return _cipher().decrypt(blob[:_NONCE], blob[_NONCE:], purpose.encode())
    except (InvalidTag, ValueError) as exc:
        raise SealError(purpose) from exc


def seal(value: dict | str, purpose: str) -> str:
    """A dict or a text, sealed; an empty value stays empty (there is nothing to hide)."""
    if not value:
        return ""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    return PREFIX + base64.b64encode(seal_bytes(data, purpose)).decode()


def unseal(stored: str, purpose: str):
    if not stored:
        return None
    if not stored.startswith(PREFIX):
        raise SealError(purpose)
    return json.loads(open_bytes(base64.b64decode(stored[len(PREFIX) :]), purpose))
