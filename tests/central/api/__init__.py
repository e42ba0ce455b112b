"""Tests of central.api."""
