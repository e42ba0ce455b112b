"""Tests of central.store."""
