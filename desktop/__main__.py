"""Entry point: `xueji COMMAND …` runs the command line; bare `xueji`, `xueji --db …`,
`xueji --selftest` or `xueji bundle.xjb` opens the app.

The choice is made from the first argument alone, so opening the app does not pay for
importing every command (Excel, PDF, backup …); a bare `--version` is answered here, before
anything else is imported (the command line's parser alone imports every command).
"""

from __future__ import annotations

import os
import sys

CLI_OPTIONS = ("-h", "--help", "--version")


def wants_cli(args: list[str]) -> bool:
    """A sub-command (any first word that is not an option or a bundle) or a CLI option."""
    if not args:
        return False
    first = args[0]
    if first in CLI_OPTIONS:
        return True
    return not first.startswith("-") and not first.lower().endswith(".xjb")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from desktop import __version__

        print(f"xueji {__version__}")
        return 0
    if wants_cli(args):
        from desktop.cli.main import main as cli_main

        return cli_main(args)
    from desktop.app import main as app_main

    return app_main(args)


def run() -> None:
    """The `xueji` program. After the app returns every record is saved and the database
    locked; the process then ends at once, because PySide6 can fault while the interpreter
    tears down Qt objects (a refcount error in the final garbage collection)."""
    args = sys.argv[1:]
    code = main(args)
    if wants_cli(args):
        sys.exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
