"""The `dieuhanh` command: one entry point over the management commands.

`dieuhanh extract` is pure extraction and runs without Django, so scoring a
document costs no database or settings; every other sub-command is a Django
management command (`dieuhanh serve` = `manage.py serve`).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "extract":
        from dieuhanh.extract.cli import main as extract_main

        sys.exit(extract_main(argv[1:]))
    if argv and not argv[0].startswith("-"):
        argv[0] = argv[0].replace("-", "_")  # `dieuhanh seed-demo` runs the seed_demo command
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dieuhanh.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["dieuhanh", *argv])
