"""The ``talenta`` command: Django's management commands plus the project's own (``talenta help``)."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talenta.config.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "talenta"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
