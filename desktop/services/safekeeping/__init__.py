"""Accounts, passwords, the login guard, backups, integrity checks, the audit view."""
