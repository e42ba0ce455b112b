"""Tests of desktop.services.archive.read."""
