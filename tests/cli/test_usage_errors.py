"""A command typed wrong: the message names the command whose help to read (the nested ones
too, e.g. `xueji bundle export --help`), exit code 1, no traceback."""

from __future__ import annotations

import pytest

from desktop.cli.main import main


@pytest.mark.parametrize(("argv", "hint"), [
    (["bundle", "export"], "请运行 xueji bundle export --help 查看用法。"),
    (["intake", "handover"], "请运行 xueji intake handover --help 查看用法。"),
    (["student", "add"], "请运行 xueji student add --help 查看用法。"),
    (["import"], "请运行 xueji import --help 查看用法。"),
    (["check", "--db", "x.db", "--user", "a", "--bogus"], "请运行 xueji --help 查看用法。"),
])
def test_a_usage_error_points_at_the_help_of_the_command_typed(
        argv: list[str], hint: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("命令参数有误：") and err.rstrip().endswith(hint), err
    assert "Traceback" not in err
