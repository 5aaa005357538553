"""How the date engine says no: a message saying what it understood, and a hint."""

from __future__ import annotations

from typing import NoReturn

from timeline.errors import DateError

EXAMPLES = "expected a date such as '2025-04-21', 'April 2025' or '2025'"


class NotUnderstood(DateError):
    """A text no reader recognised (as opposed to one recognised and refused)."""


def refuse(message: str, hint: str | None = None) -> NoReturn:
    """Raise the DateError that explains a refusal."""
    raise DateError(message, hint=hint)


def not_understood(text: str, hint: str | None = None) -> NotUnderstood:
    """The error for a text that is not a date in any form timeline reads."""
    return NotUnderstood(f"{EXAMPLES}, got {text!r}", hint=hint)
