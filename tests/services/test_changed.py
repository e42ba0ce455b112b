"""What each write service says it changed (desktop.services.changed), for the services whose
result types carry it as a property: an import, a 学籍变动, the year end."""

from __future__ import annotations

from desktop.services.changed import EVERYTHING, Changed
from desktop.services.changes.status import ChangeResult
from desktop.services.changes.year_end import YearEndPlan
from desktop.services.importing.plan import ImportPlan, ImportResult


def test_an_import_names_the_pupils_it_wrote_and_the_lists() -> None:
    result = ImportResult(ImportPlan(()), created=("a",), updated=("b",))
    assert result.changed == Changed(students=frozenset({"a", "b"}), roster=True, tasks=True)
    assert ImportResult(ImportPlan(()), (), ()).changed == Changed()


def test_a_status_change_names_the_pupil_and_the_change_lists() -> None:
    result = ChangeResult("s1", "王小明", "休学", "在籍在读", "休学", "", ())
    assert result.changed == Changed(students=frozenset({"s1"}), status=True, tasks=True)


def test_a_year_end_changes_every_list_once() -> None:
    assert YearEndPlan(2026, already_done=False).changed == EVERYTHING
    assert YearEndPlan(2026, already_done=True).changed == Changed()
