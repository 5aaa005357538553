"""One generated page of the site: what every renderer (timeline, eras, embed) yields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TocEntry:
    """A heading for the theme's table of contents."""

    level: int
    id: str
    title: str


@dataclass(frozen=True)
class GeneratedPage:
    """One page of the site: where it goes, its title, and its finished HTML."""

    src_uri: str
    title: str
    html: str
    in_nav: bool = False
    toc: tuple[TocEntry, ...] = ()
    edit_url: str | None = None
    # Lists of events repeat the event pages' text: search indexes the event pages only.
    searchable: bool = True
    head: str = ""  # tags for the page's <head> (JSON-LD, cards): see render/meta.py
    description: str = ""  # plain text for <meta name="description">
    # The language of the page's text (a BCP 47 tag) when the site is built in several;
    # None: the site's own language. Themes and templates read it for lang and dir.
    language: str | None = None
    # A page whose HTML (and <head> tags) are made when the build writes it, not before:
    # ``make()`` gives the finished page. ``html`` and ``head`` are empty until then, so a
    # build at 100,000 events does not hold every page's HTML at once (see build_pages).
    make: Callable[[], GeneratedPage] | None = field(default=None, compare=False, repr=False)
