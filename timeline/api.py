"""The public Python API, re-exported by ``timeline/__init__.py``: see docs/guide/api.md.

Each function is a thin, stable front to the library's modules, which may move; these
names and signatures do not change without a major version.
"""

from __future__ import annotations

from pathlib import Path

from timeline.check import CheckResult, check_paths
from timeline.config import Settings, load_settings
from timeline.dates import EventDate, parse_date
from timeline.errors import ConfigError, DateError, EventError, TimelineError
from timeline.model import Event, Timeline
from timeline.problems import Problem

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
    "build_pages",
    "check_folder",
    "export",
    "load_timeline",
    "read_date",
]


def check_folder(folder: Path | str = ".", settings: Settings | None = None) -> CheckResult:
    """Load and check every event file of a project, as `timeline check` does.

    Args:
        folder: the project (the folder of mkdocs.yml), or any folder below it.
        settings: settings to use instead of the project's mkdocs.yml.

    Returns:
        The result: ``.timeline`` (None when there are errors), ``.errors``, ``.warnings``.

    Raises:
        ConfigError: mkdocs.yml cannot be read or its timeline settings are invalid.
    """
    return check_paths(settings or load_settings(start=Path(folder)))


def load_timeline(folder: Path | str = ".", settings: Settings | None = None) -> Timeline:
    """The checked, sorted timeline of a project.

    Raises:
        EventError: any event file has an error; ``.problems`` lists them all.
        ConfigError: mkdocs.yml cannot be read or its timeline settings are invalid.
    """
    result = check_folder(folder, settings)
    if result.timeline is None:
        raise EventError(list(result.errors))
    return result.timeline


def read_date(
    text: str,
    *,
    languages: tuple[str, ...] = ("en",),
    date_order: str | None = None,
    as_of: str | None = None,
) -> EventDate:
    """One date as written ('Apr 2025', 'circa 1990', '2025-01~'), at its true precision.

    Raises:
        DateError: the text is not a date timeline can keep honestly (the message says why).
    """
    return parse_date(text, languages=languages, date_order=date_order, as_of=as_of)


def export(timeline: Timeline, output_format: str, settings: Settings | None = None) -> bytes:
    """The timeline in one export format: 'json', 'timelinejs', 'csv', 'ics', 'atom', ...

    Formats that need absolute links (atom, jsonfeed) take the site from mkdocs.yml
    beside ``settings.root``.

    Raises:
        ConfigError: an unknown format, or a format that needs a site_url without one.
    """
    from timeline.exports import FORMATS, ExportOptions
    from timeline.exports import export as run
    from timeline.exports.published_site import load_site

    if output_format not in FORMATS:
        raise ConfigError(
            f"unknown export format {output_format!r}",
            hint="one of " + ", ".join(sorted(FORMATS)),
        )
    settings = settings or Settings()
    options = ExportOptions(settings=settings, site=load_site(settings))
    return run(output_format, timeline, options).content


def build_pages(timeline: Timeline, *, locale: str = "en", split: str = "auto") -> dict[str, str]:
    """The timeline's pages as HTML fragments, without MkDocs: {path of the page: HTML}.

    Paths are those the plugin gives MkDocs ('timeline/index.md', 'timeline/<id>.md');
    each fragment is the page's content, for a template of your own.
    """
    from timeline.render.pages import SiteOptions
    from timeline.render.pages import build_pages as build

    built = build(timeline, SiteOptions(locale=locale, split=split))
    return {page.src_uri: page.html for page in built.pages}
