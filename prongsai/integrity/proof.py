"""Proof of work on the corruption complaint form: abuse control without a third party (no CAPTCHA service).

The page carries a challenge signed by the server with a timestamp; a small static script
(``static/integrity/proof.js``) finds a nonce such that sha256(challenge + nonce) starts with ``BITS`` zero
bits, a second or so of a phone's time, and sends it with the form. The server checks the signature, the age
and the work, and remembers a used challenge until it expires, so one piece of work files one complaint.

A browser without JavaScript sends the challenge without a nonce. The form still works for it (a
whistleblower may have scripts off for good reasons), but such submissions share a much smaller
allowance per client (``views.NO_PROOF_LIMIT``); a missing, forged, expired or reused challenge is refused.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext as _

BITS = getattr(settings, "PRONGSAI_PROOF_BITS", 14)
MAX_AGE = 3 * 3600  # seconds: long enough to write a careful report
_SALT = "prongsai.integrity.proof"


class ProofError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def issue() -> str:
    return signing.dumps({"r": secrets.token_hex(12), "b": BITS}, salt=_SALT, compress=False)


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + 8 - byte.bit_length()
    return bits


def solve(challenge: str) -> str:
    """What the browser script does, for tests and scripts."""
    bits = signing.loads(challenge, salt=_SALT)["b"]
    nonce = 0
    while leading_zero_bits(hashlib.sha256(f"{challenge}{nonce}".encode()).digest()) < bits:
        nonce += 1
    return str(nonce)


def verify(challenge: str, nonce: str) -> bool:
    """True when the work was done, False for a browser without JavaScript (no nonce); raises ProofError
    for a missing, forged, expired, reused or wrong proof. Marks the challenge used."""
    if not challenge:
        raise ProofError(_("แบบฟอร์มไม่สมบูรณ์ โปรดเปิดหน้าแบบฟอร์มใหม่แล้วส่งอีกครั้ง"))
    try:
        payload = signing.loads(challenge, salt=_SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise ProofError(_("แบบฟอร์มนี้เปิดไว้นานเกินไป ระบบเตรียมแบบฟอร์มให้ใหม่แล้ว โปรดกดส่งอีกครั้ง")) from None
    except signing.BadSignature:
        raise ProofError(_("แบบฟอร์มไม่สมบูรณ์ โปรดเปิดหน้าแบบฟอร์มใหม่แล้วส่งอีกครั้ง")) from None
    worked = bool(nonce)
    if worked:
        if len(nonce) > 20 or not nonce.isdigit():
            raise ProofError(_("การตรวจสอบความปลอดภัยของแบบฟอร์มไม่ผ่าน โปรดส่งอีกครั้ง"))
        digest = hashlib.sha256(f"{challenge}{nonce}".encode()).digest()
        if leading_zero_bits(digest) < payload["b"]:
            raise ProofError(_("การตรวจสอบความปลอดภัยของแบบฟอร์มไม่ผ่าน โปรดส่งอีกครั้ง"))
    # Only the challenge's random part is remembered, and only until it would have expired anyway.
    if not cache.add(f"integrity:proof:{payload['r']}", 1, timeout=MAX_AGE):
        raise ProofError(_("แบบฟอร์มนี้ถูกส่งไปแล้ว ระบบเตรียมแบบฟอร์มให้ใหม่แล้ว หากต้องการแจ้งเรื่องใหม่โปรดกดส่งอีกครั้ง"))
    return worked
