"""Terminal plumbing for the CLI: passwords from the environment or a prompt, and output
(cleaned of control characters and direction overrides, so a stored value cannot drive the
terminal)."""

from __future__ import annotations

import getpass
import os
import sys

from desktop.cli.errors import CliExit
from desktop.domain.text_rules import clean_text


def password_from_env_or_prompt(env: str = "XUEJI_PASSWORD", prompt: str = "密码：",
                                confirm: bool = False) -> str:
    """The password: from `env` if set, else typed at a prompt (never from an argument)."""
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise CliExit(2, f"没有提供密码：请设置环境变量 {env}，或在终端中运行以便输入密码。")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("再输入一次：") != first:
        raise CliExit(1, "两次输入的密码不一致，没有做任何更改，请重新运行。")
    return first


def say(text: str) -> None:
    print(clean_text(text, keep_layout=True), flush=True)


def warn(text: str) -> None:
    print(clean_text(text, keep_layout=True), file=sys.stderr, flush=True)
