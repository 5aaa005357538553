"""Era pages: an index of the eras, and one page per era listing its events."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from timeline.model import Era

if TYPE_CHECKING:
    from timeline.render.pages import GeneratedPage, _Site


def era_src(site: _Site, era: Era) -> str:
    return site.src("eras", f"{era.id}.md")


def era_pages(site: _Site) -> Iterator[GeneratedPage]:
    """``<pages_dir>/eras/index.md`` and ``<pages_dir>/eras/<id>.md``."""
    from timeline.render.pages import GeneratedPage, _plural, environment

    env = environment()
    timeline = site.timeline
    eras = [(era, timeline.events_of(era)) for era in timeline.eras]
    index_src = site.src("eras", "index.md")
    html = env.get_template("eras.html").render(
        site.context(index_src, title="Eras", eras=eras, era_src=era_src, plural=_plural)
    )
    yield GeneratedPage(index_src, "Eras", html, in_nav=True, searchable=False)
    template = env.get_template("era.html")
    for era, events in eras:
        src = era_src(site, era)
        html = template.render(
            site.context(src, title=era.title, era=era, events=events, plural=_plural)
        )
        yield GeneratedPage(src, era.title, html)
