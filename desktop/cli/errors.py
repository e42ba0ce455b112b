"""Turning every failure into an exit code and one Chinese sentence on stderr."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable

from desktop.domain.errors import DomainError
from desktop.logsafe import log_unexpected
from desktop.messages import describe, describe_field
from desktop.services.context import writes_committed
from desktop.services.errors import RecordsRejected, ServiceError, StoreError


class CliExit(Exception):
    """Stop with `code` after printing `message` to stderr."""

    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def run_guarded(command: Callable[[], int | None]) -> int:  # noqa: PLR0911
    """Run a command; map every known failure to (exit code, Chinese sentence)."""
    saved_before = writes_committed()
    try:
        return command() or 0
    except CliExit as exc:
        _print(exc.message)
        return exc.code
    except RecordsRejected as exc:
        for index, problems in sorted(exc.problems.items()):
            for problem in problems:
                _print(f"第{index + 1}条 {describe_field(problem)}")
        _print(f"共有 {len(exc.problems)} 条记录有问题，没有保存任何记录。")
        return 1
    except (ServiceError, DomainError) as exc:
        _print(describe(exc.code, exc.params))
        return 1
    except StoreError as exc:
        _print(describe(exc.code, exc.params))
        return 2
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except OSError as exc:
        _print(_os_message(exc))
        return 2
    except KeyboardInterrupt:
        _print("已取消，没有保存未完成的更改。")
        return 130
    except Exception as exc:
        if os.environ.get("XUEJI_DEBUG"):
            raise
        where = log_unexpected(exc)
        _print(_internal_error(where, saved=writes_committed() > saved_before))
        return 70


def _internal_error(where: object, *, saved: bool) -> str:
    """Never claims that nothing was saved when this command had committed a change."""
    done = ("程序内部出错。出错前本次命令已经保存的更改仍然有效，之后的步骤没有完成。" if saved
            else "程序内部出错，未完成的更改没有保存。")
    return f"{done}出错位置已记录在 {where}，请把该文件交给技术支持。"


def _os_message(exc: OSError) -> str:
    name = exc.filename or ""
    if exc.errno == errno.ENOSPC:
        return describe("store.disk_full")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"没有权限读写 {name}，请检查文件权限或是否为只读U盘。"
    if exc.errno == errno.ENOENT:
        return f"找不到文件 {name}，请检查路径。"
    return f"读写文件 {name} 时出错（{exc.strerror}），请检查磁盘后重试。"


def _print(text: str) -> None:
    if text:
        print(text, file=sys.stderr, flush=True)


def _quiet_stdout() -> None:
    """The reader of our output went away (e.g. `| head`): stop without a message."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
