"""The complainant's receipt: a code and a passphrase, the only way back to a complaint.

The passphrase is made by the system (100 random bits as 20 base-32 characters in groups of four, easy to
copy and to read aloud), shown once and kept only as an argon2 hash. Nobody can give it back: not the
handlers, not the platform's administrators, not a command; a lost passphrase means a new complaint.
Argon2 is named explicitly so that the test settings' fast hasher (for staff passwords) never applies here.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher, make_password

from prongsai.agencies.codes import new_code, normalise

PASSPHRASE_LENGTH = 20
_HASHER = Argon2PasswordHasher()
# Checked against when the code is unknown, so that a wrong code and a wrong passphrase take the same time.
_DUMMY = None


def new_passphrase() -> str:
    return new_code(PASSPHRASE_LENGTH)


def hash_passphrase(passphrase: str) -> str:
    return make_password(passphrase, hasher=_HASHER)


def passphrase_matches(typed: str, stored_hash: str | None) -> bool:
    global _DUMMY
    candidate = normalise(typed, PASSPHRASE_LENGTH) or ""
    if not stored_hash:
        if _DUMMY is None:
            _DUMMY = hash_passphrase(new_passphrase())
        _HASHER.verify(candidate or "x", _DUMMY)
        return False
    return bool(candidate) and _HASHER.verify(candidate, stored_hash)
