"""The embeddable view: the axis and the list on one frameless page for <iframe>s.

It is not a MkDocs page (a theme would wrap it in its nav, header, search and fonts):
``embed_page`` renders a standalone HTML file from templates/embed.html that loads
only the package's own CSS and JS by relative URL, so a frame sends no request
beyond the site it comes from. Links open in the top window (``<base target="_top">``)
on the full site. Filters live in its query string, read by the same timeline.js and
axis.js as the timeline page; embed.js adds what only the embed offers (a place or
an era chosen in the URL, the height posted to the host page).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Final

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from collections.abc import Sequence

    from timeline.model import Event
    from timeline.render.pages import _Site

EMBED_NAME: Final = "embed.html"  # under pages_dir: timeline/embed.html
DEFAULT_HEIGHT: Final = 600  # px: the iframe's height before (or without) the height script
# The snippet's optional script: sets each embed's height from the messages it posts.
HEIGHT_SCRIPT: Final = (
    "<script>addEventListener('message',function(e){var d=e.data;"
    "if(!d||d.type!=='timeline:height')return;"
    "document.querySelectorAll('iframe[data-timeline-embed]').forEach(function(f){"
    "if(f.contentWindow===e.source)f.style.height=Math.min(+d.height||0,20000)+'px';});});"
    "</script>"
)


def embed_page(site: _Site) -> str:
    """The HTML of timeline/embed.html for this build."""
    events = site.timeline.events
    complete = site.split == "none"
    if not complete:
        # A split timeline would make one huge page: the embed lists the first period
        # (as the timeline page does) and its filters search the whole index.json.
        events = next(iter(site.periods.values()))
    chosen = _json_island(selections(site))
    # What it shows: its list, the axis of every event, what the URL can select.
    key = ("embed", site.prints(events), site.axis_prints(site.timeline.events), chosen)
    return site.reused_item(key, lambda: _embed_page(site, events, complete, chosen))


def _embed_page(site: _Site, events: Sequence[Event], complete: bool, chosen: str) -> str:
    src = site.src(EMBED_NAME)
    html = site.env.get_template("embed.html").render(
        site.context(
            src,
            title=site.options.title,
            groups=site.year_groups(events),
            events=events,
            all_events=site.timeline.events,
            complete=complete,
            count=len(site.timeline.events),
            selections=Markup(chosen),
            canonical=site.absolute_url(site.src("index.md")),
        )
    )
    return html


def selections(site: _Site) -> dict[str, dict[str, dict[str, object]]]:
    """What `place=` and `era=` can name: each one's events (ids), title and axis view.

    A place is named as events write it or by its page's slug; an era by its id.
    """
    places: dict[str, dict[str, object]] = {}
    for name, found in site.timeline.by_place.items():
        entry: dict[str, object] = {"title": name, "ids": [e.id for e in found], "facet": name}
        places[name] = entry
        places.setdefault(site.slugs["places"][name], entry)
    eras: dict[str, dict[str, object]] = {}
    for era in site.timeline.eras:
        members = site.timeline.events_of(era)
        eras[era.id] = {
            "title": era.title,
            "ids": [e.id for e in members],
            "view": site.axis_range(members),
        }
    return {"place": places, "era": eras}


def _json_island(value: object) -> str:
    """JSON for a <script type="application/json">: '</' and '<!--' cannot end it early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c")


def embed_url(site: _Site, from_src: str) -> tuple[str, bool]:
    """The embed's address for the snippet: absolute with site_url (True), else relative."""
    absolute = site.absolute_url(site.src(EMBED_NAME))
    if absolute:
        return absolute, True
    return site.linker(from_src)(site.src(EMBED_NAME)), False


def iframe_code(src: str, title: str) -> str:
    """The <iframe> element a host page pastes (its src gets the current filters in JS)."""
    return (
        f'<iframe src="{escape(src)}" title="{escape(title)}" width="100%" '
        f'height="{DEFAULT_HEIGHT}" style="border:0;max-width:100%" loading="lazy" '
        'sandbox="allow-scripts allow-same-origin allow-popups '
        'allow-top-navigation-by-user-activation" data-timeline-embed></iframe>'
    )


def snippet_context(site: _Site, from_src: str) -> dict[str, object]:
    """What _embed_snippet.html shows on a timeline page."""
    src, absolute = embed_url(site, from_src)
    # Translators: the <iframe>'s title, read out by screen readers on the host page.
    title = site.ui.gettext("%(title)s (embedded)") % {"title": site.options.title}
    return {
        "src": src,
        "absolute": absolute,
        "code": iframe_code(src, title),
        "title": title,
        "height": DEFAULT_HEIGHT,
        "height_script": HEIGHT_SCRIPT,
        "script": site.linker(from_src)(site.src("assets", "embed.js")),
    }
