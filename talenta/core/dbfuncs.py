"""Small database functions that both SQLite and PostgreSQL run natively.

Django's date functions on SQLite call back into Python for every row (``django_date_extract``), and every
date read is converted in Python; over a province that is most of a query's time. These compile to the
engines' own functions and return integers.
"""

from datetime import date

from django.db.models import DateField, Func, IntegerField, Value


class Year(Func):
    """The year of a date column as an integer."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite stores a date as YYYY-MM-DD text.
        return self.as_sql(compiler, connection, template="CAST(substr(%(expressions)s, 1, 4) AS INTEGER)", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="EXTRACT(YEAR FROM %(expressions)s)::integer", **extra)


class DaysSince(Func):
    """Whole days from a date column to ``day`` (``DaysSince("tmt_cpns", today)``)."""

    output_field = IntegerField()

    def __init__(self, column: str, day: date, **extra) -> None:
        super().__init__(column, Value(day, output_field=DateField()), **extra)

    def _days(self, compiler, template: str):
        (col_sql, col_params), (day_sql, day_params) = (compiler.compile(e) for e in self.get_source_expressions())
        return template.format(day=day_sql, col=col_sql), [*day_params, *col_params]

    def as_sqlite(self, compiler, connection, **extra):
        return self._days(compiler, "CAST(julianday({day}) - julianday({col}) AS INTEGER)")

    def as_postgresql(self, compiler, connection, **extra):
        return self._days(compiler, "({day} - {col})")
