"""Era pages: an index of the eras, and one page per era listing its events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from timeline.model import Era, Event, Timeline
from timeline.render.page import GeneratedPage

if TYPE_CHECKING:
    from timeline.render.pages import _Site


def era_src(site: _Site, era: Era) -> str:
    return site.src("eras", f"{era.id}.md")


def eras_opening(site: _Site, months: Iterable[tuple[Any, Sequence[Event]]], href: Any) -> Markup:
    """The eras whose first listed event is in this section, as links to their pages.

    Eras overlap and nest, so they cannot each own a run of the list: an era opens
    where its first event (in the list's order) is, as "The Cold War, 1947–1991".
    """
    if not site.timeline.eras:
        return Markup("")
    # Once per build (per _Site): hashing a Timeline would walk every event.
    first: dict[str, str] | None = getattr(site, "_era_first_events", None)
    if first is None:
        first = _first_events(site.timeline)
        site._era_first_events = first  # type: ignore[attr-defined]
    ids = {event.id for _month, events in months for event in events}
    opening = [era for era in site.timeline.eras if first.get(era.id) in ids]
    return Markup("").join(
        Markup('<p class="tl-era-start" id="era-{}"><a href="{}">{}</a></p>\n').format(
            era.id, href(era_src(site, era)), f"{era.title}, {site.date_label(era.when)}"
        )
        for era in opening
    )


def _first_events(timeline: Timeline) -> dict[str, str]:
    found: dict[str, str] = {}
    for era in timeline.eras:
        events = timeline.events_of(era)
        if events:
            found[era.id] = events[0].id
    return found


def era_pages(site: _Site) -> Iterator[GeneratedPage]:
    """``<pages_dir>/eras/index.md`` and ``<pages_dir>/eras/<id>.md``."""
    env = site.env
    timeline = site.timeline
    eras = [(era, timeline.events_of(era)) for era in timeline.eras]
    index_src = site.src("eras", "index.md")
    title = site.ui.gettext("Eras")
    html = env.get_template("eras.html").render(
        site.context(index_src, title=title, eras=eras, era_src=era_src)
    )
    yield GeneratedPage(index_src, title, html, in_nav=True, searchable=False)
    template = env.get_template("era.html")
    for era, events in eras:
        src = era_src(site, era)
        html = template.render(site.context(src, title=era.title, era=era, events=events))
        yield GeneratedPage(src, era.title, html)
