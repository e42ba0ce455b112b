"""A log that never holds student data: unexpected errors are logged as type + code location.

Exception messages and local values can contain names or ID numbers, so only the exception
class and the file:line:function of each frame are written.
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from pathlib import Path

from desktop.private_files import create_private, private_folder


def log_dir() -> Path:
    base = os.environ.get("XUEJI_LOG_DIR")
    if base:
        return Path(base)
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "xueji" / "logs"
    return Path(os.environ.get("XDG_STATE_HOME", Path.home() / ".local" / "state")) / "xueji"


def log_unexpected(exc: BaseException) -> Path:
    """Append a data-free record of `exc` to the error log; returns the log's path."""
    folder = log_dir()
    path = folder / "errors.log"
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [f"{dt.datetime.now().isoformat(timespec='seconds')} {type(exc).__name__}"]
    lines += [f"  {Path(f.filename).name}:{f.lineno} {f.name}" for f in frames]
    try:
        private_folder(folder)
        fd = create_private(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
    except OSError:
        return Path("（无法写入日志）")
    return path
