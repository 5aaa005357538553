"""The exception tree: every mistake a user can make surfaces as one of these.

Plain exceptions, so the library needs neither click nor MkDocs: `timeline/cli/`
turns them into click errors (message, hint, exit code 1) and `plugin.py` into
MkDocs' `PluginError`.
"""

from __future__ import annotations


class TimelineError(Exception):
    """A problem the user can fix; the CLI and the plugin print it without a traceback."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def format_message(self) -> str:
        if self.hint:
            return f"{self.message}\n  hint: {self.hint}"
        return self.message


class DateError(TimelineError):
    """A date expression that cannot be understood (or is refused on purpose)."""


class EventError(TimelineError):
    """One or more event files are invalid; carries every problem found."""

    def __init__(self, problems: list[object], message: str | None = None) -> None:
        self.problems = problems
        super().__init__(message or f"{len(problems)} problem(s) in the event files")


class ConfigError(TimelineError):
    """The timeline settings (in mkdocs.yml) are invalid."""
