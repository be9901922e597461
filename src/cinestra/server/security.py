"""Secrets: argon2 password hashes, API keys and session tokens.

API keys and session tokens are 256-bit random strings, so a plain SHA-256 is enough to
store them (nothing to brute-force) and lets every request find its key by an indexed
lookup; passwords are low-entropy and get argon2.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

KEY_PREFIX = "sk-cin-"
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_api_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """What the database stores of a key or a session token."""
    return hashlib.sha256(secret.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    """Constant-time comparison (CSRF tokens)."""
    return hmac.compare_digest(a.encode(), b.encode())
