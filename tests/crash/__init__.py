"""Crash-safety trials: a child process killed at a random moment, the database checked."""
