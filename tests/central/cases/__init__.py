"""Tests of central.cases.engine."""
