"""Problems found in event files: where, what, and how to fix it."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding, with a stable code so the docs can explain it.

    ``line`` and ``column`` are 1-based; 0 means "the whole file".
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str | None = None
    field: str | None = None
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def location(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path

    def format(self) -> str:
        """``path:line:col: CODE message`` with the hint on a second line."""
        where = f"{self.field}: " if self.field else ""
        kind = "" if self.is_error else "warning: "
        text = f"{self.location}: {self.code} {kind}{where}{self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)
