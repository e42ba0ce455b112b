"""The frozen program's entry script: the same dispatch as the `xueji` console script
(a sub-command runs the command line, otherwise the app opens)."""

import sys

from desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
