"""The password rule for accounts: long enough and not one kind of character only."""

from __future__ import annotations

from desktop.services.errors import ServiceError

MIN_LENGTH = 8


def check_password_rule(password: str) -> None:
    """Raise ServiceError('password.weak') unless the password is ≥ 8 characters of ≥ 2 kinds."""
    kinds = sum((
        any(c.isalpha() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    ))
    if len(password) < MIN_LENGTH or kinds < 2:
        raise ServiceError("password.weak", min_length=MIN_LENGTH)
