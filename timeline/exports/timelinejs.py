"""TimelineJS3: the JSON its library reads, out; its JSON files, in (see importer.py).

TimelineJS dates are objects of year, month, day, hour, minute. Only the fields a
date's precision allows are written (a month is year and month, never a day).
What TimelineJS cannot say (seasons, quarters, decades, centuries, qualifiers,
other calendars) goes into the slide's ``display_date``, which TimelineJS shows
instead of its own label. TimelineJS numbers years before AD 1 as labels do:
-500 is 500 BCE (JavaScript's year -500, which it prints as "500 BCE"), so
astronomical year -499 is TimelineJS -500, and there is no TimelineJS year 0.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import partial
from json import dumps
from typing import Any
from urllib.parse import quote, urlsplit

import nh3

from timeline.dates import EventDate, Precision
from timeline.exports import Dumped, Export, ExportOptions, json_chunks
from timeline.exports.memo import parts
from timeline.markdown_html import markdown_to_html, markdown_to_inline_html, text_to_html
from timeline.model import Era, Event, Media, Timeline
from timeline.render.text import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES

# Precisions TimelineJS has date fields for; the rest need display_date.
EXPRESSIBLE = (Precision.MINUTE, Precision.DAY, Precision.MONTH, Precision.YEAR)


def tljs_year(year: int) -> int:
    """TimelineJS's number for an astronomical year: 0 → -1 (1 BCE), -499 → -500."""
    return year if year > 0 else year - 1


def astronomical_year(year: int) -> int:
    """The astronomical year of a TimelineJS year (not 0): -1 → 0, -500 → -499."""
    return year if year > 0 else year + 1


def date_object(date: EventDate) -> dict[str, str]:
    """A single date's TimelineJS object, with only the fields its precision allows."""
    lower = date.lower
    fields = {"year": str(tljs_year(lower.year))}
    month = date.month
    if month is not None:
        fields["month"] = str(month)
        if date.precision in (Precision.DAY, Precision.MINUTE):
            fields["day"] = str(lower.day)
        if date.precision is Precision.MINUTE and lower.hour is not None:
            fields["hour"] = str(lower.hour)
            fields["minute"] = str(lower.minute)
    return fields


def needs_display_date(date: EventDate) -> bool:
    """Whether TimelineJS's own label would say less, or more, than the date."""
    parts = (date.start, date.end) if date.start and date.end else (date,)
    return any(
        part.approximate
        or part.uncertain
        or part.precision not in EXPRESSIBLE
        or (part.calendar != "gregorian" and part.precision is not Precision.DAY)
        or (part.lower.offset not in (None, 0))
        for part in parts
    )


# -- writing for what TimelineJS 3.9.11 does with each field --------------------------
#
# headline, text, caption, credit: DOMPurify (which allows iframes), then, for text,
#   caption and credit, ``linkify``, which turns 'www.' plus the run of non-space
#   characters after it (quotes and '>' included) into <a href='http://…'> by string
#   concatenation, after any character but '/' and '>': a quote in that run escapes
#   the attribute. So no linkifiable 'www.' is left: in text a word joiner follows
#   'www', in addresses the dot is percent-encoded.
# display_date, group: ``stripMarkup`` (the textContent of the value parsed as HTML,
#   which decodes entities), then innerHTML: escaped twice, they arrive escaped once.
# media url: matched against embed patterns, then pasted into HTML strings such as
#   the PDF viewer's src='…': every quote and angle bracket is percent-encoded.

WORD_JOINER = "\u2060"
# linkify's pseudoUrlPattern /(^|[^\/>])(www\.[\S]+(\b|$))/gim, where it can start.
_LINKIFIABLE = re.compile(r"(?<![/>])(www)\.", re.IGNORECASE)
_ADDRESS_WWW = re.compile(r"(?<!/)(www)\.", re.IGNORECASE)
# Kept as they are in an address: RFC 3986's reserved and unreserved characters (and
# '%', so escapes stay) except the quote; '"', '<', '>', '`', spaces and the rest go.
_URL_SAFE = "!#$&()*+,-./:;=?@[]_~%"


def tljs_url(url: str) -> str:
    """An address no TimelineJS string concatenation can break out of: quotes encoded."""
    return _ADDRESS_WWW.sub(r"\1%2E", quote(url, safe=_URL_SAFE))


def _attribute(element: str, attribute: str, value: str) -> str | None:
    return tljs_url(value) if attribute in ("href", "src") else value


def tljs_html(text: str) -> str:
    """Sanitised HTML (markdown_to_html, text_to_html) that TimelineJS's linkify leaves be."""
    if not _LINKIFIABLE.search(text):
        return text  # nearly every field: nothing for linkify to act on
    cleaned: str = nh3.clean(
        text,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        attribute_filter=_attribute,
        link_rel="noopener noreferrer nofollow",
    )
    return _LINKIFIABLE.sub(lambda m: m.group(1) + WORD_JOINER + ".", cleaned)


def tljs_label(text: str) -> str:
    """Plain text for display_date and group: TimelineJS decodes it once, then inserts HTML."""
    return html.escape(html.escape(text, quote=False), quote=False)


def media_url(media: Media, options: ExportOptions) -> str:
    """The media address as TimelineJS should fetch it: site paths made absolute."""
    src = media.src
    if not (urlsplit(src).scheme or src.startswith("/")):
        src = options.site.page_url(src) or src
    return tljs_url(src)


def slide(event: Event, options: ExportOptions) -> dict[str, Any]:
    """One event as a TimelineJS slide."""
    when = event.when
    data: dict[str, Any] = {"unique_id": event.id}
    if when.start is not None and when.end is not None:
        data["start_date"] = date_object(when.start)
        data["end_date"] = date_object(when.end)
    else:
        data["start_date"] = date_object(when)
    if event.display_date or needs_display_date(when):
        label = event.display_date or when.label(options.settings.locale)
        data["display_date"] = tljs_label(label)
    data["text"] = {
        "headline": tljs_html(text_to_html(event.title)),
        "text": tljs_html(markdown_to_html(event.summary)),
    }
    if event.media:
        media = event.media[0]
        data["media"] = {
            "url": media_url(media, options),
            "caption": tljs_html(markdown_to_inline_html(media.caption or "")),
            "credit": tljs_html(text_to_html(media.credit or "")),
            "alt": media.alt,
        }
    if event.tags:
        data["group"] = tljs_label(event.tags[0])
    return data


# The last timeline_json: the site publishes both the JSON and the sheet (csv.py) of the
# same timeline, and each slide renders Markdown. The cache holds the timeline itself, so
# an identity check is safe; callers only read the result.
_last: list[tuple[Timeline, ExportOptions, dict[str, Any]]] = []


def timeline_json(
    timeline: Timeline, options: ExportOptions, *, keep: bool = True
) -> dict[str, Any]:
    """The TimelineJS3 JSON object: a title slide (from the site name) and the events.

    ``keep=False`` is the last use (the sheet's, written after the JSON): the object is
    not kept for another (every slide of a 100,000-event timeline is 90 MB).
    """
    if _last and _last[0][0] is timeline and _last[0][1] == options:
        data = _last[0][2]
        if not keep:
            _last.clear()
        return data
    data = _timeline_json(timeline, options)
    if keep:
        _last[:] = [(timeline, options, data)]
    return data


def _timeline_json(timeline: Timeline, options: ExportOptions) -> dict[str, Any]:
    data: dict[str, Any] = {}
    site = options.site
    if site.name:
        data["title"] = {
            "text": {
                "headline": tljs_html(text_to_html(site.name)),
                "text": tljs_html(text_to_html(site.description or "")),
            }
        }
    # TimelineJS sorts slides itself; timeline order keeps the file readable.
    made = parts("slide", options)
    data["events"] = [made(event, partial(slide, event, options)) for event in timeline.events]
    if timeline.eras:
        data["eras"] = [era_object(era, timeline) for era in timeline.eras]
    return data


def era_object(era: Era, timeline: Timeline) -> dict[str, Any]:
    """An era as TimelineJS draws it: a start, an end and a headline.

    TimelineJS needs an end: an ongoing era runs to the latest event (or its own start).
    """
    when = era.when
    start = when.start if when.start is not None else when
    end: EventDate = when.end if when.end is not None else when
    if when.open_end:
        latest = max((event.when for event in timeline.events), key=lambda d: d.upper, default=None)
        if latest is not None and latest.upper > when.upper:
            end = latest.end if latest.end is not None else latest
    return {
        "start_date": date_object(start),
        "end_date": date_object(end),
        "text": {
            "headline": tljs_html(text_to_html(era.title)),
            "text": tljs_html(markdown_to_html(era.summary)),
        },
    }


def _dumped(item: dict[str, Any]) -> Dumped:
    return Dumped(dumps(item, ensure_ascii=False))


def export(timeline: Timeline, options: ExportOptions) -> Export:
    """The timeline as TimelineJS3 JSON."""
    return Export(b"".join(chunks(timeline, options)), tuple(_notes(timeline)), len(timeline))


def _notes(timeline: Timeline) -> list[str]:
    notes = [
        f"{event.id}: TimelineJS shows one image; {len(event.media) - 1} more left out"
        for event in timeline.events
        if len(event.media) > 1
    ]
    notes += [
        f"era {era.id}: ongoing; TimelineJS needs an end, so it runs to the latest event"
        for era in timeline.eras
        if era.when.open_end
    ]
    return notes


def chunks(timeline: Timeline, options: ExportOptions) -> Iterator[bytes]:
    """``export``'s bytes in pieces, made as they are written (a build's)."""
    data = timeline_json(timeline, options)
    # Each slide's line; `serve` reuses each unchanged event's (exports/memo.py).
    line = parts("slide-json", options)
    lines = (
        line(event, partial(_dumped, item))
        for event, item in zip(timeline.events, data["events"], strict=True)
    )
    data = {**data, "events": lines}
    return json_chunks(data)
