"""The ``talenta`` command: Django's management commands plus the project's own (``talenta help``)."""

import os
import sys

# What the database drivers say when the database is missing or was never migrated.
_NOT_SET_UP = ("unable to open database file", "no such table", "does not exist")


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talenta.config.settings")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    args = list(sys.argv if argv is None else argv)
    args[0] = "talenta"
    try:
        execute_from_command_line(args)
    except (OperationalError, ProgrammingError) as exc:
        if not any(s in str(exc) for s in _NOT_SET_UP):
            raise
        from django.conf import settings

        db = settings.DATABASES["default"]
        where = db["NAME"] if db["ENGINE"].endswith("sqlite3") else f"{db.get('HOST') or 'localhost'}/{db['NAME']}"
        sys.stderr.write(
            f"talenta: the database {where} is missing or not set up ({str(exc).strip().splitlines()[0]}).\n"
            "Run `talenta migrate` (or `make run`, which also loads a demo region), or set DATABASE_URL.\n"
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
