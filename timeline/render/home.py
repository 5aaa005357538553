"""The home page: a site's timeline at a glance (the axis, then the first or latest events).

Without a hand-written ``docs/index.md`` the plugin makes a home page from this; a
hand-written page shows the same block where it has the marker ``<!-- timeline:home -->``.
Which events appear is the ``home`` setting: ``latest`` (newest first), ``first``
(oldest first) or ``none`` (no generated home page; the marker shows nothing).
"""

from __future__ import annotations

from typing import Final

from timeline.model import Event, Timeline
from timeline.render.pages import GeneratedPage, _Site

HOME_MARKER: Final = "<!-- timeline:home -->"
HOME_SRC: Final = "index.md"


def home_events(timeline: Timeline, mode: str, count: int) -> tuple[Event, ...]:
    """The ``count`` latest events (newest first) or first ones (oldest first)."""
    if mode == "none" or count < 1:
        return ()
    # Timeline order follows the `sort` setting: read it the right way round.
    oldest_first = timeline.events[::-1] if timeline.descending else timeline.events
    if mode == "latest":
        return tuple(reversed(oldest_first[-count:]))
    return tuple(oldest_first[:count])


class Home:
    """The home block for one build, from the ``_Site`` the pages were built with.

    Sharing it (``SitePages.site``) gives the home page the build's URLs, slugs and
    rendered summaries, and serves the generated page and every marker alike.
    """

    def __init__(self, site: _Site, mode: str, count: int) -> None:
        self.site = site
        self.mode = mode
        self.events = home_events(site.timeline, mode, count)

    def html(self, from_src: str, *, heading: bool) -> str:
        """The block as seen from the page at ``from_src`` (links are relative)."""
        if self.mode == "none":
            return ""
        site = self.site
        return site.env.get_template("home.html").render(
            site.context(
                from_src,
                title=site.options.title,
                heading=heading,
                mode=self.mode,
                events=self.events,
                count=len(site.timeline),
            )
        )

    def page(self) -> GeneratedPage:
        """The generated home page, for sites without a docs/index.md."""
        # "Home", as MkDocs names an index.md without a title; the page's h1 is the title.
        html = self.html(HOME_SRC, heading=True)
        # Search indexes the event pages; the home page repeats their text.
        title = self.site.ui.gettext("Home")
        return GeneratedPage(HOME_SRC, title, html, in_nav=True, searchable=False)


def fill_markers(html: str, home: Home, from_src: str) -> str:
    """A hand-written page's HTML with each home marker replaced by the home block."""
    if HOME_MARKER not in html:
        return html
    return html.replace(HOME_MARKER, home.html(from_src, heading=False))
