"""Tests of desktop.services.students."""
