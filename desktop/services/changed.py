"""What a write changed, so the window refreshes only the pages that show it.

Every write service that a page of the main window can start returns one of these with its
result (the students it touched, and which lists those students' changes reach); the window
reads it and leaves every other page alone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changed:
    """`students`: pupils whose own record changed (their rows are read again);
    `roster`: pupils came or went, or classes changed (the lists of pupils and classes);
    `status`: a 学籍变动 was recorded; `tasks`: what is due (待办) may differ."""

    students: frozenset[str] = frozenset()
    roster: bool = False
    status: bool = False
    tasks: bool = False


EVERYTHING = Changed(roster=True, status=True, tasks=True)
"""After a sync or a year end: records anywhere may have changed."""
