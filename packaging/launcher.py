"""The frozen program's entry script: the same dispatch as the `xueji` console script
(a sub-command runs the command line, otherwise the app opens)."""

from desktop.__main__ import run

if __name__ == "__main__":
    run()
