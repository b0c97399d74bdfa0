"""Entry of the packaged program: the same executable opens the window or runs a CLI verb.

On Windows the executable is built windowed (no console window flashes up when a clerk
double-clicks it), so it starts with no stdout/stderr. When it is given a CLI verb or an option
from a command prompt, attach to that prompt's console and write there.
"""

from __future__ import annotations

import os
import sys


def _wants_cli(argv: list[str]) -> bool:
    from composer.cli import VERBS

    return bool(argv) and (argv[0] in VERBS or argv[0].startswith("-"))


def _attach_parent_console() -> None:
    """Give a windowed Windows process the console of the prompt that started it, if any.

    Streams that the caller redirected (`composer check a.json > out.txt`) are valid already
    and left alone. Without a parent console (started from Explorer with arguments) output
    goes to the null device rather than failing.
    """
    if sys.stdout is not None and sys.stderr is not None:
        return
    import ctypes

    attach_parent_process = -1
    attached = bool(ctypes.windll.kernel32.AttachConsole(attach_parent_process))
    # CONOUT$ opens as a console stream that writes Unicode whatever the code page (PEP 528).
    target = "CONOUT$" if attached else os.devnull
    if sys.stdout is None:
        sys.stdout = open(target, "w", buffering=1, encoding="utf-8", errors="replace")
        if attached:
            sys.stdout.write("\n")  # the prompt was printed already; start on a line of our own
    if sys.stderr is None:
        sys.stderr = open(target, "w", buffering=1, encoding="utf-8", errors="replace")


def _null_streams() -> None:
    """The window has no console: code that writes to stdout/stderr (a logged traceback, a
    warning) must not fail on None, so give it the null device."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")


# Input-method plugins the bundle carries (see bundle_filter.KEPT_PLUGINS).
BUNDLED_INPUT_METHODS = ("ibus", "compose", "none")


def input_method_fallback(environ: dict) -> None:
    """Chinese typing on desktops whose input method is fcitx (UOS, Kylin and others).

    The bundled Qt has no fcitx plugin (fcitx ships one built for the system's own Qt), and Qt
    without the requested plugin falls back to plain compose: no Chinese input at all. fcitx5
    also serves the ibus protocol, so ask for ibus instead, keeping any list Qt ≥ 6.7 reads.
    """
    requested = environ.get("QT_IM_MODULE", "")
    if requested and requested not in BUNDLED_INPUT_METHODS:
        environ["QT_IM_MODULE"] = "ibus"
    modules = environ.get("QT_IM_MODULES", "")
    if modules and "ibus" not in modules.split(";"):
        environ["QT_IM_MODULES"] = modules.rstrip(";") + ";ibus"


def run() -> int:
    argv = sys.argv[1:]
    if sys.platform.startswith("linux") and getattr(sys, "frozen", False):
        input_method_fallback(os.environ)
    if sys.platform == "win32":
        if _wants_cli(argv):
            _attach_parent_console()
        else:
            _null_streams()
    from composer.__main__ import main

    return main(argv)


if __name__ == "__main__":
    import multiprocessing

    # The bundle starts itself again as the child process of composer.isolation (documents and
    # custom templates are read there); freeze_support runs that child instead of the program.
    multiprocessing.freeze_support()
    sys.exit(run())
