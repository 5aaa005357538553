"""timeline: curated chronologies kept in git, checked, and published with MkDocs.

The public Python API (docs/guide/api.md)::

    import timeline

    result = timeline.check_folder("my-timeline")
    for event in timeline.load_timeline("my-timeline"):
        print(event.date.label(), event.title)

Names are imported on first use, so `import timeline` (and the CLI) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from timeline.api import (
        CheckResult,
        ConfigError,
        DateError,
        Event,
        EventDate,
        EventError,
        Problem,
        Settings,
        Timeline,
        TimelineError,
        build_pages,
        check_folder,
        export,
        load_timeline,
        read_date,
    )

__all__ = [
    "CheckResult",
    "ConfigError",
    "DateError",
    "Event",
    "EventDate",
    "EventError",
    "Problem",
    "Settings",
    "Timeline",
    "TimelineError",
    "__version__",
    "build_pages",
    "check_folder",
    "export",
    "load_timeline",
    "read_date",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from timeline import api

        return getattr(api, name)
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")
