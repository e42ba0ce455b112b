"""Terminal plumbing for the CLI: passwords from the environment or a prompt, and output
(cleaned of control characters and direction overrides, so a stored value cannot drive the
terminal)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from desktop.cli.errors import CliExit
from desktop.domain.text_rules import clean_text

RECOVERY_ENV = "XUEJI_RECOVERY_KEY"
ENROLL_ENV = "XUEJI_ENROLL_TOKEN"


def password_from_env_or_prompt(env: str = "XUEJI_PASSWORD", prompt: str = "密码：",
                                confirm: bool = False) -> str:
    """The password: from `env` if set, else typed at a prompt (never from an argument)."""
    first = secret_from_env_or_prompt(env, prompt, "密码")
    if confirm and not os.environ.get(env) and getpass.getpass("再输入一次：") != first:
        raise CliExit(1, "两次输入的密码不一致，没有做任何更改，请重新运行。")
    return first


def secret_from_env_or_prompt(env: str, prompt: str, what: str) -> str:
    """A secret (password, recovery key, enrollment code): from `env` if set, else typed at a
    hidden prompt on a terminal. Never an argument: arguments show in the process list and
    stay in the shell's history."""
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise CliExit(2, f"没有提供{what}：请设置环境变量 {env}，或在终端中运行以便输入{what}。")
    return getpass.getpass(prompt)


class RefusedOnCommandLine(argparse.Action):
    """An option that used to take a secret as its value: refused with the way to give it."""

    def __init__(self, option_strings: list[str], dest: str, env: str = "", what: str = "",
                 **kwargs: object) -> None:  # noqa: ARG002  (argparse passes the rest)
        super().__init__(option_strings, dest, nargs="?", help=argparse.SUPPRESS)
        self.env, self.what = env, what

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,  # noqa: ARG002
                 values: object, option_string: str | None = None) -> None:  # noqa: ARG002
        raise CliExit(2, f"{self.what}不能写在命令行上（会留在进程列表和命令历史中）。请设置环境变量 "
                         f"{self.env}，或去掉 {option_string} 直接运行，在提示时输入。没有做任何更改。")


def say(text: str) -> None:
    print(clean_text(text, keep_layout=True), flush=True)


def warn(text: str) -> None:
    print(clean_text(text, keep_layout=True), file=sys.stderr, flush=True)
