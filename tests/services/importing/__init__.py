"""Tests of desktop.services.importing.apply."""
