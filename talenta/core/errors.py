"""The one error vocabulary of Talenta.

Services raise :class:`ApplicationError` with a human message (already translated) and ``extra``
details (``field`` names the offending input). The API turns it into JSON with a stable ``code``,
pages into a form error, the CLI into one clear line and a non-zero exit.
"""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """A business-rule failure the user can act on."""

    code = "invalid"

    def __init__(self, message: str, extra: dict[str, Any] | None = None, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = str(message)
        self.extra = extra or {}
        if code:
            self.code = code

    @property
    def field(self) -> str | None:
        return self.extra.get("field")

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **self.extra}


class NotFound(ApplicationError):
    """The object does not exist or is outside the actor's scope (the two are indistinguishable)."""

    code = "not_found"


class PermissionDenied(ApplicationError):
    """The actor may see the object but not do this to it."""

    code = "forbidden"
