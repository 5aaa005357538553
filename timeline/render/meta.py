"""What other sites read from a page's <head>: JSON-LD, OpenGraph and Twitter cards.

An event page says it is a schema.org ``Event`` with its dates at their precision
(``2025-04`` for April 2025: no invented day), its places, image and sources as
``citation``s; the timeline page is an ``ItemList`` of its events. The tags go
into <head> through the plugin's ``on_post_page`` (see plugin.py for why), so this
module only builds the HTML, from the event and the site's URL and name.

Event text is untrusted: attribute values are HTML-escaped, and the JSON-LD is
escaped for a <script> element (``<``, ``>`` and ``&`` as ``\\u003c`` … so neither
``</script>`` nor ``<!--`` can end or change it; U+2028/U+2029 escaped for old
JavaScript parsers).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from timeline.dates import EventDate, Precision
from timeline.model import Event, Source
from timeline.render.text import render_markdown
from timeline.urls import absolute_url

DESCRIPTION_LIMIT = 300

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(data: Any) -> str:
    """JSON that can sit inside <script type="application/ld+json"> whatever its text."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def plain_text(markdown: str, limit: int = DESCRIPTION_LIMIT, *, html: str | None = None) -> str:
    """Markdown (or its rendered ``html``) as one line of plain text, cut near ``limit``."""
    text = Markup(html if html is not None else render_markdown(markdown)).striptags()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


def iso_bounds(date: EventDate) -> tuple[str | None, str | None]:
    """ISO 8601 start and end at the date's precision: no day or month it does not have.

    A day, month or year is itself (``2025-04``); a span gives its two ends; what ISO
    cannot name (a season, quarter, decade, century) gives the months or years it covers.
    An open start (``../2025``) has no start: the known date is its end.
    """
    if date.start is not None and date.end is not None:
        return iso_bounds(date.start)[0], _upper(date.end)
    exact = date.datetime_attr
    if exact is not None:
        low, high = exact, None
    else:
        parts = 2 if date.precision in MONTH_RANGES else PARTS.get(date.precision, 1)
        low, high = iso_cut(date.lower.iso(), parts), iso_cut(date.upper.iso(), parts)
        high = high if high != low else None
    if date.open_start:
        return None, high or low
    return low, high


# Precisions that are a run of months: written as the months they cover.
MONTH_RANGES = frozenset(
    {Precision.SEASON, Precision.QUARTER, Precision.QUADRIMESTER, Precision.SEMESTER}
)
PARTS = {Precision.MINUTE: 3, Precision.DAY: 3, Precision.MONTH: 2}


def iso_cut(iso: str, parts: int) -> str:
    """The first ``parts`` of an ISO date (year, month, day), whatever the year's length."""
    sign = "-" if iso.startswith("-") else ""
    pieces = iso[len(sign) :].split("T")[0].split("-")
    return sign + "-".join(pieces[:parts])


def _upper(date: EventDate) -> str:
    low, high = iso_bounds(date)
    return high or low or ""


def _citation(source: Source) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if source.title:
        work["name"] = source.title
    if source.url:
        work["url"] = source.url
    if source.authors:
        work["author"] = [{"@type": "Person", "name": name} for name in source.authors]
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.published is not None:
        start, end = iso_bounds(source.published)
        work["datePublished"] = start or end
    if source.language:
        work["inLanguage"] = source.language
    if source.archived:
        work["archivedAt"] = source.archived
    return work


def first_image(event: Event, site_url: str | None) -> tuple[str, str] | None:
    """The first image as (absolute URL, alt text); a relative one needs the site URL."""
    for item in event.media:
        if "://" in item.src:
            return item.src, item.alt
        url = absolute_url(site_url, item.src)
        if url:
            return url, item.alt
    return None


def event_json_ld(
    event: Event,
    url: str | None,
    site_url: str | None,
    description: str = "",
    language: str | None = None,
) -> dict[str, Any]:
    """schema.org Event for one event; ``language`` is the page's (BCP 47: 'fa', 'fr-CA')."""
    start, end = iso_bounds(event.when)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
    }
    if start:  # an open start ("until 2006") has none we could honestly give
        data["startDate"] = start
    if end:
        data["endDate"] = end
    if description:
        data["description"] = description
    if event.places:
        data["location"] = [{"@type": "Place", "name": place} for place in event.places]
    if url:
        data["url"] = url
    image = first_image(event, site_url)
    if image:
        data["image"] = {"@type": "ImageObject", "url": image[0], "description": image[1]}
    if event.actors:
        data["about"] = [{"@type": "Thing", "name": actor} for actor in event.actors]
    if event.tags:
        data["keywords"] = ", ".join(event.tags)
    if event.sources:
        data["citation"] = [_citation(source) for source in event.sources]
    if language:
        data["inLanguage"] = language
    return data


def _meta(attribute: str, name: str, content: str) -> str:
    return f'<meta {attribute}="{name}" content="{escape(content)}">'


def event_head(
    event: Event,
    *,
    url: str | None,
    site_url: str | None,
    site_name: str | None,
    summary_html: str | None = None,
    language: str | None = None,
) -> str:
    """The <head> tags of an event page: JSON-LD, OpenGraph and Twitter card."""
    summary = plain_text(event.summary, html=summary_html) if event.summary else ""
    description = summary or f"{event.label}: {event.title}"
    image = first_image(event, site_url)
    tags = [
        _meta("property", "og:type", "article"),
        _meta("property", "og:title", event.title),
        _meta("property", "og:description", description),
    ]
    if url:
        tags.append(_meta("property", "og:url", url))
    if site_name:
        tags.append(_meta("property", "og:site_name", site_name))
    if image:
        tags += [
            _meta("property", "og:image", image[0]),
            _meta("property", "og:image:alt", image[1]),
        ]
    tags += [
        _meta("name", "twitter:card", "summary_large_image" if image else "summary"),
        _meta("name", "twitter:title", event.title),
        _meta("name", "twitter:description", description),
    ]
    if image:
        tags += [
            _meta("name", "twitter:image", image[0]),
            _meta("name", "twitter:image:alt", image[1]),
        ]
    data = event_json_ld(event, url, site_url, summary, language)
    tags.append(f'<script type="application/ld+json">{script_json(data)}</script>')
    return "\n".join(tags) + "\n"


def item_list_head(
    title: str,
    events: Sequence[Event],
    urls: Sequence[str],
    *,
    descending: bool = False,
    language: str | None = None,
) -> str:
    """The <head> tag of a timeline page: an ItemList of its events, in timeline order."""
    data = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": title,
        "numberOfItems": len(events),
        "itemListOrder": "https://schema.org/ItemListOrder"
        + ("Descending" if descending else "Ascending"),
        "itemListElement": [
            {"@type": "ListItem", "position": position, "url": url, "name": event.title}
            for position, (event, url) in enumerate(zip(events, urls, strict=True), start=1)
        ],
    }
    if language:
        data["inLanguage"] = language
    return f'<script type="application/ld+json">{script_json(data)}</script>\n'


def insert_head(html: str, head: str, description: str = "") -> str:
    """``head`` inserted just before the page's first </head> (unchanged without one).

    ``description`` becomes <meta name="description"> unless the theme printed one
    (Material does, from page.meta; MkDocs' own theme only on the home page).
    """
    index = html.find("</head>")
    if index < 0:
        index = html.lower().find("</head>")
    if index < 0 or not (head or description):
        return html
    if description and '<meta name="description"' not in html[:index]:
        head = _meta("name", "description", description) + "\n" + head
    return html[:index] + head + html[index:]


def alternate_links(versions: Sequence[tuple[str, str]]) -> str:
    """``<link rel="alternate" hreflang>`` to each language version of a page, itself included.

    Search engines want every version to list all of them, its own among them
    (Google's hreflang rules); the first, the default language, is also ``x-default``.
    """
    links = [(language, url) for language, url in versions]
    if links:
        links.append(("x-default", links[0][1]))
    return "\n".join(
        f'<link rel="alternate" hreflang="{escape(language)}" href="{escape(url)}">'
        for language, url in links
    )
