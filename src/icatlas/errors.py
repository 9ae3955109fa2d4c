"""The small exception tree of icatlas.

Every error carries a message for the person using the tool (what happened and what to do next)
and the HTTP status the web app answers with.
"""
from __future__ import annotations


class IcatlasError(Exception):
    """Base of all icatlas errors: a user-facing message and an HTTP status."""

    status = 500
    code = "E000"

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def as_dict(self) -> dict[str, object]:
        return {"error": self.code, "message": self.message, "hint": self.hint, "status": self.status}


class InputError(IcatlasError):
    """A document or path that cannot be read as it is."""

    status = 400
    code = "E100"


class DecodeError(InputError):
    code = "E101"


class TooLargeError(InputError):
    code = "E102"


class EmptyInputError(InputError):
    code = "E103"


class BinaryInputError(InputError):
    code = "E104"


class StoreError(IcatlasError):
    """The database cannot be opened, migrated or written."""

    status = 500
    code = "E200"


class NotFound(IcatlasError):
    """A thing asked for by name or id is not in the store."""

    status = 404
    code = "E404"


class UsageError(IcatlasError):
    """An option or argument that does not make sense."""

    status = 400
    code = "E300"
