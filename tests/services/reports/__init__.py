"""Tests of desktop.services.reports."""
