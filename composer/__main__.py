"""python -m composer: a verb runs the command line; no arguments or a file opens the window."""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from .cli import VERBS, run

    if argv and (argv[0] in VERBS or argv[0].startswith("-")):
        return run(argv)
    if argv and not Path(argv[0]).exists():
        # a mistyped command must not open a window (or crash without a display)
        print(f"错误：“{argv[0]}”既不是命令（{'、'.join(VERBS)}），也不是存在的文件。"
              "查看帮助：python -m composer --help", file=sys.stderr)
        return 2
    from .ui.app import main as gui_main  # Qt is imported only for the window

    return gui_main(argv)


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # a child process (composer.isolation) of a frozen program
    sys.exit(main())
