"""Problems found in event files: where, what, and how to fix it."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

# Characters a terminal or a log viewer acts on rather than shows: C0 and C1 controls
# (newline, ESC, BEL, CSI), DEL, line and paragraph separators, and the bidirectional
# overrides that reorder what a reader sees. File names and messages come from event
# files and pull requests, so each is shown as an escape (\n, \x1b, \u202e) instead.
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def printable(text: str) -> str:
    """Text with every control character shown as an escape: one line, nothing to act on."""
    return UNPRINTABLE.sub(_escape_one, text)


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
        """``path:line:col: CODE message`` with the hint on a second line.

        Control characters are escaped, so each part stays on its line and a file
        name cannot start a line of its own (or send a terminal escape sequence).
        """
        where = f"{printable(self.field)}: " if self.field else ""
        kind = "" if self.is_error else "warning: "
        text = f"{printable(self.location)}: {self.code} {kind}{where}{printable(self.message)}"
        if self.hint:
            text += f"\n    hint: {printable(self.hint)}"
        return text

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)
