"""URL converters with bounds: an id or a year too long for the database answers 404, never a 500 (Django's
``int`` takes any number of digits, and a 30-digit id overflows SQLite's and PostgreSQL's integers)."""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


class YearConverter(IdConverter):
    regex = "(?:19|20|21)[0-9]{2}"


register_converter(IdConverter, "id")
register_converter(YearConverter, "year")
