"""The first-run wizard as plain Python: steps, what each needs, where it goes next.

school -> account -> recovery -> done. The database is created when the account step is
accepted, so the recovery key can be shown; the last step needs the registrar to confirm
that the key was printed or written down and put in a safe place. The Qt dialog only
renders the current step and passes the answers in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.domain.grades import STAGES
from desktop.models.keyslots import KdfParams
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.safekeeping.accounts import NewSchool, create_database
from desktop.services.safekeeping.passwords import check_password_rule

__all__ = ["STEPS", "SYSTEMS", "KdfParams", "SetupFlow"]  # KdfParams: the views pass it through

STEPS = ("school", "account", "recovery", "done")
SYSTEMS = ("6-3-3", "5-4-3")


@dataclass
class SetupFlow:
    db_path: Path
    kdf: KdfParams | None = None
    step: str = "school"
    school: NewSchool | None = None
    workspace: Workspace | None = None
    recovery_key: str = ""
    errors: dict[str, str] = field(default_factory=dict)  # field -> error code
    error_params: dict[str, dict[str, Any]] = field(default_factory=dict)  # field -> its message values

    def submit_school(self, code: str, name: str, system: str, stages: list[str]) -> bool:
        self.errors, self.error_params = {}, {}
        code, name = code.strip(), name.strip()
        if not re.fullmatch(r"\d{10}", code):
            self.errors["school_code"] = "school.code_format"
            self.error_params["school_code"] = {"value": code}
        if not name:
            self.errors["school_name"] = "school.name_required"
        if system not in SYSTEMS:
            self.errors["system"] = "setup.system"
        if not stages or any(s not in STAGES for s in stages):
            self.errors["stages"] = "setup.stages"
        if self.errors:
            return False
        ordered = ",".join(s for s in STAGES if s in stages)
        self.school = NewSchool(code=code, name=name, system=system, stages=ordered)
        self.step = "account"
        return True

    def submit_account(self, username: str, password: str, again: str) -> bool:
        self.errors, self.error_params = {}, {}
        username = username.strip()
        if not username:
            self.errors["username"] = "setup.username"
        try:
            check_password_rule(password)
        except ServiceError as exc:
            self.errors["password"] = exc.code
            self.error_params["password"] = exc.params
        if password != again:
            self.errors["again"] = "setup.password_mismatch"
        if self.errors or self.school is None:
            return False
        self.workspace, self.recovery_key = create_database(
            self.db_path, self.school, username, password, self.kdf)
        self.step = "recovery"
        return True

    def confirm_recovery(self, stored_safely: bool) -> bool:
        self.errors = {} if stored_safely else {"confirm": "setup.confirm_recovery"}
        if stored_safely:
            self.step = "done"
        return stored_safely

    def back(self) -> None:
        """Step back, except past the point where the database was created."""
        if self.step == "account":
            self.step = "school"
