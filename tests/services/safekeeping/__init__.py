"""Tests of desktop.services.safekeeping."""
