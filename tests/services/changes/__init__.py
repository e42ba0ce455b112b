"""Tests of desktop.services.changes."""
